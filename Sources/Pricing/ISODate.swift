import Foundation

/// Strict handling of the ISO 8601 dates that sheets carry, in one canonical text form
/// (`YYYY-MM-DDTHH:MM:SSZ`, UTC) so that stored dates compare correctly as text.
public enum ISODate {
  /// Normalises `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.fff]Z` or `YYYY-MM-DDTHH:MM:SS[.fff]+HH:MM`
  /// to the canonical form, or returns nil.
  public static func normalize(_ text: String) -> String? {
    let s = text.trimmingCharacters(in: .whitespaces)
    if s.count == 10 {
      guard let d = day(s) else { return nil }
      return d + "T00:00:00Z"
    }
    guard let date = parse(s) else { return nil }
    return format(date)
  }

  /// Parses a canonical or common ISO 8601 date-time into a `Date`.
  public static func parse(_ text: String) -> Date? {
    if let seconds = canonicalSeconds(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
    return formatStyleParse(text)
  }

  /// ``parse(_:)`` through `Date.ISO8601FormatStyle` (the reference; it loads ICU's data on first
  /// use, so the common forms are read by ``canonicalSeconds(_:)`` instead).
  static func formatStyleParse(_ text: String) -> Date? {
    if text.count == 10, day(text) != nil {
      return try? Date(text + "T00:00:00Z", strategy: Date.ISO8601FormatStyle())
    }
    if let d = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return d }
    if let d = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
      return d
    }
    return nil
  }

  /// The canonical text of `date`.
  public static func format(_ date: Date) -> String {
    let t = date.timeIntervalSince1970
    // 1970 through 9999, whole seconds down (as the format style prints them).
    guard t.isFinite, t >= 0, t < 253_402_300_800 else { return formatStyleFormat(date) }
    let seconds = Int(t.rounded(.down))
    let (y, m, d) = civil(days: seconds / 86_400)
    let s = seconds % 86_400
    var out: [UInt8] = []
    out.reserveCapacity(20)
    func put(_ v: Int, _ width: Int) {
      var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
      var v = v
      for i in stride(from: width - 1, through: 0, by: -1) {
        digits[i] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
      }
      out += digits
    }
    put(y, 4); out.append(UInt8(ascii: "-")); put(m, 2); out.append(UInt8(ascii: "-")); put(d, 2)
    out.append(UInt8(ascii: "T"))
    put(s / 3600, 2); out.append(UInt8(ascii: ":")); put(s / 60 % 60, 2); out.append(UInt8(ascii: ":"))
    put(s % 60, 2); out.append(UInt8(ascii: "Z"))
    return String(decoding: out, as: UTF8.self)
  }

  /// ``format(_:)`` through `Date.ISO8601FormatStyle` (the reference, and dates outside
  /// 1970-9999).
  static func formatStyleFormat(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
  }

  /// Seconds since 1970 of `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS±HH:MM`
  /// with every field in range (years 1970-9999, offsets up to 14 hours), read from the bytes; nil for anything else
  /// (fractions, other spellings, out-of-range fields), which the format style decides.
  static func canonicalSeconds(_ text: String) -> Int? {
    let b = Array(text.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for i in from..<(from + count) {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        v = v * 10 + Int(b[i] - 48)
      }
      return v
    }
    guard b.count == 10 || b.count == 20 || b.count == 25, b[4] == UInt8(ascii: "-"),
      b[7] == UInt8(ascii: "-"), let y = number(0, 4), let m = number(5, 2), let d = number(8, 2),
      y >= 1970, (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y)
    else { return nil }
    let days = Self.days(year: y, month: m, day: d)
    if b.count == 10 { return days * 86_400 }
    guard b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
      let hh = number(11, 2), let mm = number(14, 2), let ss = number(17, 2), hh < 24, mm < 60, ss < 60
    else { return nil }
    var seconds = days * 86_400 + hh * 3600 + mm * 60 + ss
    if b.count == 20 {
      guard b[19] == UInt8(ascii: "Z") else { return nil }
    } else {
      guard b[19] == UInt8(ascii: "+") || b[19] == UInt8(ascii: "-"), b[22] == UInt8(ascii: ":"),
        let oh = number(20, 2), let om = number(23, 2), oh <= 14, om < 60
      else { return nil }
      let offset = oh * 3600 + om * 60
      seconds += b[19] == UInt8(ascii: "+") ? -offset : offset
    }
    return seconds >= 0 ? seconds : nil
  }

  static func daysIn(month m: Int, year y: Int) -> Int {
    switch m {
    case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
  static func days(year: Int, month m: Int, day d: Int) -> Int {
    let y = m <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
  static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func day(_ s: String) -> String? {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      y >= 1970, (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    return s
  }
}
