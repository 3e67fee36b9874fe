import Foundation

/// Why a sheet could not be read. Every case names the file (or URL) and, where known, the place
/// in it (a JSON path such as `terms.OnDemand.ABC.priceDimensions` or `line 12`).
public enum SheetError: Error, LocalizedError, Equatable, Sendable {
  /// The document is empty.
  case empty(file: String)
  /// The content is not in any format ratecard knows.
  case unknownFormat(file: String, hint: String)
  /// The content is in another format than the one asked for.
  case wrongFormat(file: String, expected: String, found: String)
  /// The content is malformed at `location`.
  case malformed(file: String, location: String, reason: String)
  /// A value is present but not acceptable (a negative price, an unknown currency, ...).
  case invalidValue(file: String, location: String, reason: String)
  /// A fetch failed.
  case fetchFailed(url: String, reason: String)
  /// A URL is not allowed (not https, foreign host, ...).
  case unsafeURL(url: String, reason: String)
  /// Pages of one source disagree (currency, or a repeated page link).
  case inconsistentPages(file: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .empty(let file): "\(file): the file is empty"
    case .unknownFormat(let file, let hint): "\(file): not a price sheet ratecard can read (\(hint))"
    case .wrongFormat(let file, let expected, let found):
      "\(file): expected \(expected) but the content looks like \(found)"
    case .malformed(let file, let location, let reason): "\(file): \(location): \(reason)"
    case .invalidValue(let file, let location, let reason): "\(file): \(location): \(reason)"
    case .fetchFailed(let url, let reason): "\(url): fetch failed: \(reason)"
    case .unsafeURL(let url, let reason): "\(url): refused: \(reason)"
    case .inconsistentPages(let file, let reason): "\(file): \(reason)"
    }
  }
}
