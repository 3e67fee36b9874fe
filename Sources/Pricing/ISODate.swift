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
    date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
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
