import Foundation

/// Strict parsing and canonical printing of exact decimal amounts.
///
/// `Decimal(string:)` is lenient on Linux (`"0,003"` gives 0, `"0.003abc"` gives 0.003), so every
/// price that enters ratecard passes this grammar first: an optional `-`, digits, an optional
/// fraction, an optional exponent (`8.3e-05` as Azure prints small JSON numbers). Nothing else.
public enum ExactDecimal {
  /// Largest absolute value accepted as a price; anything above is treated as corrupt input.
  public static let maximumMagnitude = Decimal(string: "1000000000")!

  /// Parses `text` as an exact decimal, or returns nil when it is not a plain decimal number.
  public static func parse(_ text: String) -> Decimal? {
    let bytes = Array(text.utf8)
    guard isPlainDecimal(bytes) else { return nil }
    return Decimal(string: text, locale: posix)
  }

  /// The canonical text for a decimal: no exponent, no trailing zeros, `.` as separator.
  public static func format(_ value: Decimal) -> String {
    let s = value.description
    return s == "-0" ? "0" : s
  }

  /// Rounds half away from zero (commercial rounding) to `scale` decimal places.
  public static func round(_ value: Decimal, scale: Int) -> Decimal {
    var v = value
    var result = Decimal()
    NSDecimalRound(&result, &v, scale, .plain)
    return result
  }

  /// Formats `value` rounded to `scale` places, always printing exactly `scale` decimals.
  ///
  /// Rounds the canonical text digit by digit (half away from zero, as ``round(_:scale:)``), which
  /// is exact and avoids a `Decimal` division; ``formatByRounding(_:scale:)`` is the reference.
  public static func format(_ value: Decimal, scale: Int) -> String {
    guard scale >= 0, value.isFinite else { return formatByRounding(value, scale: scale) }
    var digits = Array(format(value).utf8)
    let negative = digits.first == UInt8(ascii: "-")
    if negative { digits.removeFirst() }
    let dot = digits.firstIndex(of: UInt8(ascii: "."))
    var whole = Array(digits[..<(dot ?? digits.count)])
    var fraction = dot.map { Array(digits[($0 + 1)...]) } ?? []
    guard whole.allSatisfy({ $0 >= 48 && $0 <= 57 }), fraction.allSatisfy({ $0 >= 48 && $0 <= 57 }),
      !whole.isEmpty
    else { return formatByRounding(value, scale: scale) }
    if fraction.count > scale {
      let up = fraction[scale] >= UInt8(ascii: "5")
      fraction.removeSubrange(scale...)
      if up {
        // Add one unit in the last kept place, carrying left.
        var carry = true
        var i = fraction.count - 1
        while carry, i >= 0 {
          if fraction[i] == UInt8(ascii: "9") {
            fraction[i] = UInt8(ascii: "0")
          } else {
            fraction[i] += 1
            carry = false
          }
          i -= 1
        }
        i = whole.count - 1
        while carry, i >= 0 {
          if whole[i] == UInt8(ascii: "9") {
            whole[i] = UInt8(ascii: "0")
          } else {
            whole[i] += 1
            carry = false
          }
          i -= 1
        }
        if carry { whole.insert(UInt8(ascii: "1"), at: 0) }
      }
    }
    while fraction.count < scale { fraction.append(UInt8(ascii: "0")) }
    let zero = whole.allSatisfy { $0 == UInt8(ascii: "0") } && fraction.allSatisfy { $0 == UInt8(ascii: "0") }
    var out: [UInt8] = []
    out.reserveCapacity(whole.count + fraction.count + 2)
    if negative && !zero { out.append(UInt8(ascii: "-")) }
    out += whole
    if scale > 0 {
      out.append(UInt8(ascii: "."))
      out += fraction
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// ``format(_:scale:)`` through `NSDecimalRound` and the rounded value's text (the reference).
  public static func formatByRounding(_ value: Decimal, scale: Int) -> String {
    let rounded = round(value, scale: scale)
    var s = format(rounded)
    guard scale > 0 else { return s }
    if let dot = s.firstIndex(of: ".") {
      let decimals = s.distance(from: s.index(after: dot), to: s.endIndex)
      if decimals < scale { s += String(repeating: "0", count: scale - decimals) }
    } else {
      s += "." + String(repeating: "0", count: scale)
    }
    return s
  }

  static let posix = Locale(identifier: "en_US_POSIX")

  private static func isPlainDecimal(_ b: [UInt8]) -> Bool {
    var i = 0
    let n = b.count
    if i < n, b[i] == UInt8(ascii: "-") { i += 1 }
    var digits = 0
    while i < n, b[i] >= 48, b[i] <= 57 { i += 1; digits += 1 }
    if i < n, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, b[i] >= 48, b[i] <= 57 { i += 1; digits += 1 }
    }
    guard digits > 0, digits <= 38 else { return false }
    if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
      var expDigits = 0
      while i < n, b[i] >= 48, b[i] <= 57 { i += 1; expDigits += 1 }
      guard expDigits > 0, expDigits <= 2 else { return false }
    }
    return i == n
  }
}

extension Decimal {
  /// The canonical decimal text (see ``ExactDecimal/format(_:)``).
  public var exactText: String { ExactDecimal.format(self) }
}
