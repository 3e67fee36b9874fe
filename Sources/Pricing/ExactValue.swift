import Foundation

/// An exact decimal number for pricing: `coefficient x 10^-scale`.
///
/// The pricer multiplies and adds these instead of `Decimal` because one operation is a couple of
/// `Int128` instructions (a `Decimal` multiply-add costs hundreds of nanoseconds), and because it
/// never rounds: an operation whose exact result needs more than 38 significant digits returns
/// nil (after dropping trailing zeros), where `Decimal` would round silently. Values become
/// `Decimal` only to be shown (``decimal``).
public struct ExactValue: Sendable {
  public var coefficient: Int128
  public var scale: Int

  @inlinable public init(coefficient: Int128, scale: Int) {
    self.coefficient = coefficient
    self.scale = scale
  }

  public init(_ i: Int) { self.init(coefficient: Int128(i), scale: 0) }

  public static let zero = ExactValue(0)
  public static let one = ExactValue(1)

  /// 10^0 ... 10^38.
  @usableFromInline static let powers: [Int128] = {
    var out: [Int128] = [1]
    for _ in 1...38 { out.append(out[out.count - 1] * 10) }
    return out
  }()

  /// The exact value of a finite `Decimal`; nil when its digits do not fit in `Int128`.
  public init?(_ d: Decimal) {
    guard d.isFinite else { return nil }
    if d.isZero {
      self = .zero
      return
    }
    if let digits = ExactDecimal.integerSignificand(d) {
      let magnitude = Int128(digits)
      self.init(coefficient: d.isSignMinus ? -magnitude : magnitude, scale: -d.exponent)
      return
    }
    // The canonical text: digits, at most one point, a leading minus.
    var negative = false
    var digits: Int128 = 0
    var fraction = -1
    for c in d.description.utf8 {
      switch c {
      case UInt8(ascii: "-"): negative = true
      case UInt8(ascii: "."): fraction = 0
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let (m, o1) = digits.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int128(c - UInt8(ascii: "0")))
        guard !o1, !o2 else { return nil }
        digits = a
        if fraction >= 0 { fraction += 1 }
      default: return nil
      }
    }
    self.init(coefficient: negative ? -digits : digits, scale: max(fraction, 0))
    self = trimmed
  }

  /// The same value with trailing zeros of the coefficient dropped (zero has scale 0).
  @inlinable public var trimmed: ExactValue {
    guard coefficient != 0 else { return .zero }
    var c = coefficient
    var s = scale
    while c % 10 == 0 {
      c /= 10
      s -= 1
    }
    return ExactValue(coefficient: c, scale: s)
  }

  @inlinable public var isZero: Bool { coefficient == 0 }

  /// The value as a `Decimal` (exact: 38 digits at most, a scale `Decimal` can hold).
  public var decimal: Decimal { decimal(timesTenToThe: 0) }

  /// The value x 10^`power` as a `Decimal`, exactly (the power moves the exponent only).
  public func decimal(timesTenToThe power: Int) -> Decimal {
    let t = trimmed
    let magnitude = t.coefficient.magnitude
    let significand = magnitude <= UInt64.max ? Decimal(UInt64(magnitude)) : Decimal(string: String(magnitude))!
    return Decimal(sign: t.coefficient < 0 ? .minus : .plus, exponent: power - t.scale, significand: significand)
  }

  /// `self / divisor` when the quotient has a finite decimal expansion reachable within three
  /// more decimal places (a per-day volume's division by 24 mostly is), else nil.
  public func divided(by divisor: Int) -> ExactValue? {
    let d = Int128(divisor)
    for k in 0...3 {
      guard let c = Self.raise(coefficient, by: k) else { return nil }
      if c % d == 0 { return ExactValue(coefficient: c / d, scale: scale + k) }
    }
    return nil
  }

  /// `value x 10^k` for k >= 0, nil on overflow.
  @inlinable static func raise(_ value: Int128, by k: Int) -> Int128? {
    guard k <= 38 else { return value == 0 ? 0 : nil }
    let (r, o) = value.multipliedReportingOverflow(by: powers[k])
    return o ? nil : r
  }

  /// The exact product, nil when it needs more than 38 digits.
  @inlinable public static func * (a: ExactValue, b: ExactValue) -> ExactValue? {
    let (r, o) = a.coefficient.multipliedReportingOverflow(by: b.coefficient)
    if !o { return ExactValue(coefficient: r, scale: a.scale + b.scale) }
    let (ta, tb) = (a.trimmed, b.trimmed)
    let (r2, o2) = ta.coefficient.multipliedReportingOverflow(by: tb.coefficient)
    return o2 ? nil : ExactValue(coefficient: r2, scale: ta.scale + tb.scale)
  }

  /// The exact sum, nil when it needs more than 38 digits.
  @inlinable public static func + (a: ExactValue, b: ExactValue) -> ExactValue? {
    if let sum = aligned(a, b, { $0.addingReportingOverflow($1) }) { return sum }
    return aligned(a.trimmed, b.trimmed, { $0.addingReportingOverflow($1) })
  }

  /// The exact difference, nil when it needs more than 38 digits.
  @inlinable public static func - (a: ExactValue, b: ExactValue) -> ExactValue? {
    if let d = aligned(a, b, { $0.subtractingReportingOverflow($1) }) { return d }
    return aligned(a.trimmed, b.trimmed, { $0.subtractingReportingOverflow($1) })
  }

  @inlinable static func aligned(
    _ a: ExactValue, _ b: ExactValue, _ op: (Int128, Int128) -> (partialValue: Int128, overflow: Bool)
  ) -> ExactValue? {
    var x = a.coefficient
    var y = b.coefficient
    let scale = max(a.scale, b.scale)
    if a.scale < scale {
      guard let r = raise(x, by: scale - a.scale) else { return nil }
      x = r
    } else if b.scale < scale {
      guard let r = raise(y, by: scale - b.scale) else { return nil }
      y = r
    }
    let (r, o) = op(x, y)
    return o ? nil : ExactValue(coefficient: r, scale: scale)
  }

  /// -1, 0 or 1 as `a` is below, equal to or above `b` (never overflows: a coefficient too large
  /// to align is larger in magnitude than any other).
  @inlinable public static func compare(_ a: ExactValue, _ b: ExactValue) -> Int {
    func sign(_ v: Int128) -> Int { v < 0 ? -1 : v == 0 ? 0 : 1 }
    if a.scale == b.scale { return a.coefficient < b.coefficient ? -1 : a.coefficient == b.coefficient ? 0 : 1 }
    if a.scale < b.scale {
      guard let x = raise(a.coefficient, by: b.scale - a.scale) else { return sign(a.coefficient) }
      return x < b.coefficient ? -1 : x == b.coefficient ? 0 : 1
    }
    guard let y = raise(b.coefficient, by: a.scale - b.scale) else { return -sign(b.coefficient) }
    return a.coefficient < y ? -1 : a.coefficient == y ? 0 : 1
  }
}

extension ExactValue: Comparable {
  @inlinable public static func < (a: ExactValue, b: ExactValue) -> Bool { compare(a, b) < 0 }
  @inlinable public static func == (a: ExactValue, b: ExactValue) -> Bool { compare(a, b) == 0 }
}
