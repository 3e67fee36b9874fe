import Foundation

/// Why a usage export could not be imported. Every case names the file and, where known, the line
/// (1-based, counting the header as line 1) and the column (or JSON field). Exit status 65.
public enum UsageError: Error, LocalizedError, Equatable, Sendable {
  /// The file cannot be opened or read.
  case unreadable(file: String, reason: String)
  /// The file is empty (no header, no record).
  case empty(file: String)
  /// The content is none of the usage formats ratecard reads.
  case unknownFormat(file: String, hint: String)
  /// A required column is missing from the header.
  case missingColumn(file: String, column: String, format: String)
  /// The content is malformed at a place (bad gzip, a short row, a cell of the wrong type, ...).
  case malformed(file: String, line: Int?, column: String?, reason: String)
  /// The file holds more than one billing currency.
  case mixedCurrencies(file: String, line: Int, column: String, first: String, found: String)
  /// The file's lines span more than one month (one export is one billing month).
  case notOneMonth(file: String, line: Int, column: String, first: String, found: String)

  public var errorDescription: String? {
    switch self {
    case .unreadable(let file, let reason): "\(file): cannot read the file: \(reason)"
    case .empty(let file): "\(file): the file is empty"
    case .unknownFormat(let file, let hint): "\(file): not a usage export ratecard can read (\(hint))"
    case .missingColumn(let file, let column, let format):
      "\(file): line 1: the header has no column '\(column)', which a \(format) export must have"
    case .malformed(let file, let line, let column, let reason):
      "\(file): " + Self.place(line, column) + reason
    case .mixedCurrencies(let file, let line, let column, let first, let found):
      "\(file): " + Self.place(line, column)
        + "currency \(found) in a file whose earlier lines are in \(first); one file must be in one currency"
    case .notOneMonth(let file, let line, let column, let first, let found):
      "\(file): " + Self.place(line, column)
        + "a line of \(found) in an export of \(first); one file must hold one month (split it, or import each month's export)"
    }
  }

  /// The same error with its line moved by `shift` (a part of a file read apart).
  func shifted(by shift: Int) -> UsageError {
    switch self {
    case .malformed(let file, let line, let column, let reason):
      .malformed(file: file, line: line.map { $0 + shift }, column: column, reason: reason)
    case .mixedCurrencies(let file, let line, let column, let first, let found):
      .mixedCurrencies(file: file, line: line + shift, column: column, first: first, found: found)
    case .notOneMonth(let file, let line, let column, let first, let found):
      .notOneMonth(file: file, line: line + shift, column: column, first: first, found: found)
    default: self
    }
  }

  /// The line the error names, if any.
  var line: Int? {
    switch self {
    case .malformed(_, let line, _, _): line
    case .mixedCurrencies(_, let line, _, _, _), .notOneMonth(_, let line, _, _, _): line
    case .missingColumn: 1
    default: nil
    }
  }

  static func place(_ line: Int?, _ column: String?) -> String {
    var parts: [String] = []
    if let line { parts.append("line \(line)") }
    if let column { parts.append("column \(column)") }
    return parts.isEmpty ? "" : parts.joined(separator: ", ") + ": "
  }
}
