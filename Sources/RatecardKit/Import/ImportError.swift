import Foundation

/// Why the import pipeline stopped (beside ``SheetError`` and ``StoreError``).
public enum ImportError: Error, LocalizedError, Sendable {
  /// `SOURCE` is neither a file, a directory nor an http(s) URL.
  case noSuchSource(String)
  /// A directory holds no sheet.
  case emptyDirectory(String)
  /// `--strict` and some rows were skipped or left unclassified.
  case strict(source: String, reasons: [String: Int])
  /// An index pointed back to itself.
  case indexLoop(String)

  public var errorDescription: String? {
    switch self {
    case .noSuchSource(let s): "\(s): no such file, directory or URL"
    case .emptyDirectory(let s): "\(s): the directory holds no .json or .csv sheet"
    case .strict(let source, let reasons):
      "\(source): --strict: rows not imported: "
        + reasons.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
    case .indexLoop(let s): "\(s): the index leads back to a document already read"
    }
  }
}
