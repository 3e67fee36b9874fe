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
  ///
  /// The text is `Decimal.description`'s. A significand that fits in 64 bits (every price and
  /// cost seen) is printed from that integer, several times faster than `description`, which
  /// divides a `Decimal` by ten per digit; larger ones, and NaN, take `description` itself.
  public static func format(_ value: Decimal) -> String {
    if value.isZero { return "0" }
    guard let digits = integerSignificand(value) else {
      let s = value.description
      return s == "-0" ? "0" : s
    }
    let negative = value.sign == .minus
    let exponent = value.exponent
    // The significand's digits, last first (at most 20).
    var reversed: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let digitCount = withUnsafeMutableBytes(of: &reversed) { raw -> Int in
      var n = 0
      var rest = digits
      repeat {
        raw[n] = UInt8(rest % 10) &+ 48
        rest /= 10
        n += 1
      } while rest != 0
      return n
    }
    let count = (negative ? 1 : 0)
      + (exponent >= 0 ? digitCount + exponent : -exponent < digitCount ? digitCount + 1 : 2 - exponent)
    return withUnsafeBytes(of: &reversed) { d in
      String(unsafeUninitializedCapacity: count) { out in
        var i = 0
        func put(_ byte: UInt8) {
          out[i] = byte
          i += 1
        }
        if negative { put(UInt8(ascii: "-")) }
        if exponent >= 0 {
          for k in stride(from: digitCount - 1, through: 0, by: -1) { put(d[k]) }
          for _ in 0..<exponent { put(UInt8(ascii: "0")) }
        } else if -exponent < digitCount {
          // The point goes before the digit of 10^-1.
          for k in stride(from: digitCount - 1, through: 0, by: -1) {
            if k == -exponent - 1 { put(UInt8(ascii: ".")) }
            put(d[k])
          }
        } else {
          put(UInt8(ascii: "0"))
          put(UInt8(ascii: "."))
          for _ in 0..<(-exponent - digitCount) { put(UInt8(ascii: "0")) }
          for k in stride(from: digitCount - 1, through: 0, by: -1) { put(d[k]) }
        }
        return i
      }
    }
  }

  /// The significand of a finite, non-zero `value` (its digits as an integer: `value` is
  /// ± significand x 10^exponent) when it fits in 64 bits, else nil. Exact: `uint64Value` of an
  /// integer `Decimal` up to 2^64 - 1 is that integer.
  public static func integerSignificand(_ value: Decimal) -> UInt64? {
    guard value.isFinite, !value.isZero else { return nil }
    let significand = value.significand
    guard significand <= largestIntegerSignificand else { return nil }
    return NSDecimalNumber(decimal: significand).uint64Value
  }

  static let largestIntegerSignificand = Decimal(UInt64.max)

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
    var text = format(value)
    let rounded: String? = text.withUTF8 { b in
      let n = b.count
      let negative = n > 0 && b[0] == UInt8(ascii: "-")
      let start = negative ? 1 : 0
      var dot = start
      while dot < n, b[dot] != UInt8(ascii: ".") { dot += 1 }
      let fractionStart = min(dot + 1, n)
      func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
      guard dot > start, b[start..<dot].allSatisfy(isDigit), b[fractionStart..<n].allSatisfy(isDigit) else { return nil }
      // The kept digits behind one spare leading digit for a carry: whole part, then `scale`
      // decimals (zeros where the text has fewer).
      let whole = dot - start
      var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 1 + whole + scale)
      for k in 0..<whole { digits[1 + k] = b[start + k] }
      for k in 0..<min(scale, n - fractionStart) { digits[1 + whole + k] = b[fractionStart + k] }
      if n - fractionStart > scale, b[fractionStart + scale] >= UInt8(ascii: "5") {
        // Half away from zero: add one unit in the last kept place, carrying left.
        var i = digits.count - 1
        while digits[i] == UInt8(ascii: "9") {
          digits[i] = UInt8(ascii: "0")
          i -= 1
        }
        digits[i] += 1
      }
      let zero = digits.allSatisfy { $0 == UInt8(ascii: "0") }
      let first = digits[0] == UInt8(ascii: "0") ? 1 : 0
      var out: [UInt8] = []
      out.reserveCapacity(digits.count + 2)
      if negative && !zero { out.append(UInt8(ascii: "-")) }
      out += digits[first..<(1 + whole)]
      if scale > 0 {
        out.append(UInt8(ascii: "."))
        out += digits[(1 + whole)...]
      }
      return String(decoding: out, as: UTF8.self)
    }
    return rounded ?? formatByRounding(value, scale: scale)
  }

  /// `-1234567.891` -> `-1,234,567.891`: a comma every three digits in the whole part of a plain
  /// decimal text (what tables, summaries and the HTML report show people).
  public static func grouped(_ plain: String) -> String {
    var text = plain
    return text.withUTF8 { b in
      let n = b.count
      let start = n > 0 && b[0] == UInt8(ascii: "-") ? 1 : 0
      var dot = start
      while dot < n, b[dot] != UInt8(ascii: ".") { dot += 1 }
      let whole = dot - start
      guard whole > 3, b[start..<dot].allSatisfy({ $0 < 0x80 }) else { return plain }
      var out: [UInt8] = []
      out.reserveCapacity(n + whole / 3)
      out += b[0..<start]
      for k in 0..<whole {
        if k > 0 && (whole - k) % 3 == 0 { out.append(UInt8(ascii: ",")) }
        out.append(b[start + k])
      }
      out += b[dot..<n]
      return String(decoding: out, as: UTF8.self)
    }
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
