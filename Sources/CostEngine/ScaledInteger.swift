import Foundation

/// Exact conversions between `Decimal` and scaled integers for the ranking pass: a value `v` at
/// scale `s` is the integer `v x 10^s`. Nothing is rounded: a value with more fractional digits
/// than the scale, or too large, has no scaled form (nil) and the caller keeps `Decimal`.
enum ScaledInteger {
  /// Number of fractional digits of `d` (0 for integers), or nil when not a plain finite decimal.
  static func fractionDigits(_ d: Decimal) -> Int? {
    guard d.isFinite else { return nil }
    let text = d.description
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    var digits = text[text.index(after: dot)...]
    while digits.last == "0" { digits = digits.dropLast() }
    return digits.count
  }

  /// `d x 10^scale` as an exact integer, or nil (more fractional digits than `scale`, overflow).
  static func value(_ d: Decimal, scale: Int) -> Int128? {
    guard d.isFinite else { return nil }
    var negative = false
    var result: Int128 = 0
    var fraction = -1
    for c in d.description.utf8 {
      switch c {
      case UInt8(ascii: "-"): negative = true
      case UInt8(ascii: "."): fraction = 0
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if fraction >= 0 {
          if fraction == scale {
            guard c == UInt8(ascii: "0") else { return nil }
            continue
          }
          fraction += 1
        }
        let (m, o1) = result.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int128(c - UInt8(ascii: "0")))
        guard !o1, !o2 else { return nil }
        result = a
      default: return nil
      }
    }
    for _ in 0..<(scale - max(fraction, 0)) {
      let (m, o) = result.multipliedReportingOverflow(by: 10)
      guard !o else { return nil }
      result = m
    }
    return negative ? -result : result
  }

  /// `a x b`, nil on overflow.
  @inline(__always)
  static func mul(_ a: Int128, _ b: Int128) -> Int128? {
    let (r, o) = a.multipliedReportingOverflow(by: b)
    return o ? nil : r
  }

  /// `a + b`, nil on overflow.
  @inline(__always)
  static func add(_ a: Int128, _ b: Int128) -> Int128? {
    let (r, o) = a.addingReportingOverflow(b)
    return o ? nil : r
  }
}
