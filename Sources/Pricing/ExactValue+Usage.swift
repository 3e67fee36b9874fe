import Foundation

/// What reading and checking the amounts of usage exports needs beside the arithmetic: a cell's
/// bytes read without allocating, the sign, wholeness and magnitude tests.
extension ExactValue {
  /// A cell's bytes read by ``ExactDecimal``'s grammar (an optional `-`, digits, an optional
  /// fraction, an optional exponent); nil when they are not a plain decimal.
  public init?(bytes: UnsafeBufferPointer<UInt8>) {
    guard ExactDecimal.isPlainDecimal(bytes), let d = ExactDecimal.digits(bytes) else { return nil }
    let magnitude = Int128(d.mantissa)
    self.init(coefficient: d.negative ? -magnitude : magnitude, scale: -d.exponent)
  }

  /// ``init(bytes:)`` of a text.
  public init?(text: String) {
    var text = text
    guard let value = text.withUTF8({ ExactValue(bytes: $0) }) else { return nil }
    self = value
  }

  public var isNegative: Bool { coefficient < 0 }

  /// True when the value is a whole number.
  public var isWhole: Bool {
    guard scale > 0, coefficient != 0 else { return true }
    guard scale <= 38 else { return false }
    return coefficient % Self.powers[scale] == 0
  }

  /// True when `|self| < 10^k`.
  public func magnitudeIsBelow(powerOfTen k: Int) -> Bool {
    let m = coefficient.magnitude
    if m == 0 { return true }
    let room = k + scale  // |self| < 10^k  <=>  m < 10^(k + scale)
    if room <= 0 { return false }
    if room > 38 { return true }
    return m < Self.powers[room].magnitude
  }

  /// True when `|self| <= 10^k`.
  public func magnitudeIsAtMost(powerOfTen k: Int) -> Bool {
    let m = coefficient.magnitude
    if m == 0 { return true }
    let room = k + scale
    if room < 0 { return false }
    if room > 38 { return true }
    return m <= Self.powers[room].magnitude
  }
}
