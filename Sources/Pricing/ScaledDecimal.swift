import Foundation

/// An exact decimal as a signed 128-bit count of a power of ten: `units x 10^exponent`. The
/// amounts of large usage exports are read, multiplied, compared and summed in it without
/// allocating (a `Decimal` operation allocates); `decimal` gives the same value as a `Decimal`.
/// Operations that would not fit in 128 bits return nil (callers then use `Decimal`).
public struct ScaledDecimal: Sendable, Hashable {
  public var units: Int128
  public var exponent: Int

  public init(units: Int128, exponent: Int = 0) {
    self.units = units
    self.exponent = exponent
  }

  public static let zero = ScaledDecimal(units: 0)

  /// A cell's bytes read by ``ExactDecimal``'s grammar (an optional `-`, digits, an optional
  /// fraction, an optional exponent); nil when they are not a plain decimal.
  public init?(bytes: UnsafeBufferPointer<UInt8>) {
    guard ExactDecimal.isPlainDecimal(bytes), let d = ExactDecimal.digits(bytes) else { return nil }
    let units = Int128(d.mantissa)
    self.init(units: d.negative ? -units : units, exponent: d.exponent)
  }

  /// ``init(bytes:)`` of a text.
  public init?(_ text: String) {
    var text = text
    guard let value = text.withUTF8({ ScaledDecimal(bytes: $0) }) else { return nil }
    self = value
  }

  /// A `Decimal`'s value (from its canonical text); nil when it has more than 38 digits.
  public init?(exactly decimal: Decimal) {
    guard decimal.isFinite else { return nil }
    self.init(ExactDecimal.format(decimal))
  }

  public var isNegative: Bool { units < 0 }

  /// True when the value is a whole number.
  public var isWhole: Bool {
    guard exponent < 0, units != 0 else { return true }
    guard -exponent <= 38 else { return false }
    return units % Int128(Self.powers[-exponent]) == 0
  }

  /// The value as a `Decimal` (exact: 128 bits is `Decimal`'s own mantissa size).
  public var decimal: Decimal {
    let magnitude = units.magnitude
    var significand = Decimal(UInt64(truncatingIfNeeded: magnitude))
    if magnitude >> 64 != 0 {
      significand += Decimal(UInt64(truncatingIfNeeded: magnitude >> 64)) * Self.twoTo64
    }
    return Decimal(sign: units < 0 ? .minus : .plus, exponent: exponent, significand: significand)
  }

  /// The same value without trailing zeros in `units` (`1000` is 1 x 10^3): a product by it
  /// then only moves the exponent.
  public var normalized: ScaledDecimal {
    guard units != 0 else { return ScaledDecimal(units: 0, exponent: 0) }
    var v = self
    while v.units % 10 == 0 {
      v.units /= 10
      v.exponent += 1
    }
    return v
  }

  /// The value times `10^k` (an exponent shift: nothing is multiplied).
  public func shifted(by k: Int) -> ScaledDecimal { ScaledDecimal(units: units, exponent: exponent + k) }

  /// The product, or nil when it does not fit.
  public func multiplied(by other: ScaledDecimal) -> ScaledDecimal? {
    let (p, overflow) = units.multipliedReportingOverflow(by: other.units)
    return overflow ? nil : ScaledDecimal(units: p, exponent: exponent + other.exponent)
  }

  /// The sum, or nil when it does not fit.
  public func adding(_ other: ScaledDecimal) -> ScaledDecimal? {
    if units == 0 { return other }
    if other.units == 0 { return self }
    let e = min(exponent, other.exponent)
    guard let a = units.scaled(exponent - e), let b = other.units.scaled(other.exponent - e) else { return nil }
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : ScaledDecimal(units: sum, exponent: e)
  }

  /// The difference, or nil when it does not fit.
  public func subtracting(_ other: ScaledDecimal) -> ScaledDecimal? {
    other.units == Int128.min ? nil : adding(ScaledDecimal(units: -other.units, exponent: other.exponent))
  }

  /// True when `|self| < 10^k`.
  public func magnitudeIsBelow(powerOfTen k: Int) -> Bool {
    let m = units.magnitude
    if m == 0 { return true }
    let room = k - exponent  // |self| < 10^k  <=>  m < 10^(k - exponent)
    if room <= 0 { return false }
    if room > 38 { return true }
    return m < Self.powers[room]
  }

  /// True when `|self| <= 10^k`.
  public func magnitudeIsAtMost(powerOfTen k: Int) -> Bool {
    let m = units.magnitude
    if m == 0 { return true }
    let room = k - exponent
    if room < 0 { return false }
    if room > 38 { return true }
    return m <= Self.powers[room]
  }

  /// 10^0 ... 10^38 (10^38 < 2^127).
  static let powers: [UInt128] = {
    var p: [UInt128] = [1]
    for _ in 1...38 { p.append(p.last! * 10) }
    return p
  }()

  static let twoTo64 = Decimal(UInt64.max) + 1
}

extension Int128 {
  /// `self x 10^k` for `k >= 0`, or nil when it does not fit.
  fileprivate func scaled(_ k: Int) -> Int128? {
    if k == 0 || self == 0 { return self }
    guard k <= 38 else { return nil }
    let (p, overflow) = multipliedReportingOverflow(by: Int128(ScaledDecimal.powers[k]))
    return overflow ? nil : p
  }
}
