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
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  /// ``parse(_:)`` of a text's UTF-8 bytes, without making a string (readers of large files
  /// call it on each cell).
  public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
    guard isPlainDecimal(bytes) else { return nil }
    return fromDigits(bytes) ?? Decimal(string: String(decoding: bytes, as: UTF8.self), locale: posix)
  }

  /// The value of a text that passed ``isPlainDecimal(_:)``, made from its digits: a number of at
  /// most 19 significant digits (every price seen), or an integer zero, becomes the `Decimal` that
  /// `Decimal(string:)` makes, without a `Locale` (which loads ICU's data into the process at its
  /// first parse). Nil for the rest (other zeros, longer mantissas), which take that path.
  static func fromDigits<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> Decimal? where Bytes.Index == Int {
    guard let d = digits(b), d.significant <= 19 else { return nil }
    guard d.mantissa != 0 else {
      // A zero without point or exponent is the plain zero; other zeros keep their exponent
      // in `Decimal(string:)`'s result (`0.000` is 0 x 10^-3), so they take that path.
      return d.plainZero ? Decimal.zero : nil
    }
    // Far from `Decimal`'s exponent range (-128...127): extremes take the reference path.
    guard d.exponent >= -100, d.exponent <= 100 else { return nil }
    return Decimal(sign: d.negative ? .minus : .plus, exponent: d.exponent, significand: Decimal(UInt64(d.mantissa)))
  }

  /// The digits of a text that passed ``isPlainDecimal(_:)``: its sign, its significant digits as
  /// an integer without trailing zeros (they join the exponent) and the exponent. Nil beyond 38
  /// significant digits. `plainZero`: the text is a zero without point or exponent.
  static func digits<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> (
    negative: Bool, mantissa: UInt128, significant: Int, exponent: Int, plainZero: Bool
  )? where Bytes.Index == Int {
    var i = b.startIndex
    let n = b.endIndex
    let negative = i < n && b[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    var mantissa: UInt128 = 0
    var significant = 0
    var exponent = 0
    // Zeros after the last non-zero digit, not yet added to the mantissa.
    var pendingZeros = 0
    var fraction = false
    while i < n {
      let c = b[i]
      if c == UInt8(ascii: ".") {
        fraction = true
      } else if c >= 48, c <= 57 {
        let digit = UInt128(c - 48)
        if fraction { exponent -= 1 }
        if digit == 0 {
          if significant > 0 { pendingZeros += 1 }
        } else {
          // Trailing zeros of the integer part or zeros inside the number join the mantissa.
          if significant + pendingZeros + 1 > 38 { return nil }
          for _ in 0..<pendingZeros { mantissa *= 10 }
          significant += pendingZeros + 1
          pendingZeros = 0
          mantissa = mantissa * 10 + digit
        }
      } else {
        break
      }
      i += 1
    }
    let plainZero = mantissa == 0 && i == n && !fraction
    exponent += pendingZeros
    if i < n {  // e or E, an optional sign, one or two digits
      i += 1
      var sign = 1
      if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
        if b[i] == UInt8(ascii: "-") { sign = -1 }
        i += 1
      }
      var e = 0
      while i < n {
        e = e * 10 + Int(b[i] - 48)
        i += 1
      }
      exponent += sign * e
    }
    return (negative, mantissa, significant, exponent, plainZero)
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

  /// `-1234567.891` -> `-1,234,567.891`: a comma every three digits in the whole part of a plain
  /// decimal text (what tables, summaries and the HTML report show people).
  public static func grouped(_ plain: String) -> String {
    var whole = Substring(plain)
    var sign = ""
    if whole.hasPrefix("-") {
      sign = "-"
      whole = whole.dropFirst()
    }
    var fraction = ""
    if let dot = whole.firstIndex(of: ".") {
      fraction = String(whole[dot...])
      whole = whole[..<dot]
    }
    guard whole.allSatisfy(\.isASCII), whole.count > 3 else { return plain }
    var out = ""
    for (i, c) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return sign + out + fraction
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

  static func isPlainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
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
