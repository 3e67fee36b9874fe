import Foundation

/// A command line that asks for something ratecard does not have: a value naming nothing it
/// knows, a run that does not exist, a range backwards, a database that is not there. Each message
/// starts with what was wrong and, where it helps, the closest valid spelling; the valid values
/// follow on the next line.
public enum ArgumentError: Error, LocalizedError, Sendable, Equatable {
  /// `value` is no known `what` (region, model, geography, currency, ...).
  case unknownValue(what: String, value: String, valid: [String])
  /// A currency the store holds no rate in.
  case noRatesInCurrency(String, stored: [String])
  /// A read command on a database file that does not exist.
  case noDatabase(path: String)
  /// A query on a store that holds no current rate.
  case noRatesImported(path: String)
  /// `--as-of` or `--from`/`--to` names an import run or batch that does not exist.
  case unknownRun(String, last: Int64?)
  /// A date that is no calendar day (`2026-02-30`) or no ISO 8601 date at all.
  case badDate(option: String, value: String)
  /// `--from` comes after `--to`.
  case reversedRange(from: String, to: String)
  /// Anything else wrong on the command line, in words.
  case invalid(String)

  public var errorDescription: String? {
    switch self {
    case .unknownValue(let what, let value, let valid):
      let hint = Spelling.closest(to: value, in: valid).map { ": did you mean \($0)?" } ?? ""
      return "unknown \(what) '\(value)'\(hint)\nvalid \(what) values: \(Spelling.listed(valid))"
    case .noRatesInCurrency(let currency, let stored):
      return stored.isEmpty
        ? "no rates in \(currency) (the store holds no rates)"
        : "no rates in \(currency) (stored: \(stored.joined(separator: ", ")))"
    case .noDatabase(let path):
      return "no database at \(path): nothing imported yet. Run `ratecard import SHEET...` first (or pass --db PATH / set RATECARD_DB)"
    case .noRatesImported(let path):
      return "no rates imported in \(path): run `ratecard import SHEET...` first"
    case .unknownRun(let name, let last):
      return "no import \(name) in the store"
        + (last.map { " (runs are numbered 1 to \($0); `ratecard runs` lists them)" } ?? " (nothing imported yet)")
    case .badDate(let option, let value):
      return "\(option): '\(value)' is neither an import run id (`ratecard runs`), batch:N, nor a calendar date YYYY-MM-DD (or an ISO 8601 date-time)"
    case .reversedRange(let from, let to):
      return "--from \(from) is after --to \(to): give the older snapshot first"
    case .invalid(let text):
      return text
    }
  }
}

/// Close spellings, for "did you mean ...?".
public enum Spelling {
  /// The valid value nearest to `value` (case-insensitive edit distance), when it is close enough
  /// to be a typo: at most a third of the longer word, and at most 3 edits.
  public static func closest(to value: String, in valid: [String]) -> String? {
    let v = Array(value.lowercased())
    var best: (String, Int)?
    for candidate in valid {
      let c = Array(candidate.lowercased())
      let d = distance(v, c)
      let allowed = min(3, max(1, max(v.count, c.count) / 3))
      guard d <= allowed, d < (best?.1 ?? .max) else { continue }
      best = (candidate, d)
    }
    return best?.0
  }

  /// Levenshtein distance.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The values for a message: all of them up to 60, else the first 60 and how many more.
  public static func listed(_ values: [String]) -> String {
    let shown = values.prefix(60).joined(separator: ", ")
    return values.count > 60 ? shown + ", ... (\(values.count - 60) more)" : shown
  }
}
