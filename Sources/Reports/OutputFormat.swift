import Foundation

/// Renders a report in one output format.
public protocol OutputFormatter: Sendable {
  /// Writes `report` through `write` (streamed, a chunk at a time).
  func render(_ report: Report, to write: (String) -> Void) throws
  /// Writes `report` as UTF-8 bytes through `write` (streamed; the buffer is only valid during
  /// the call). The same bytes as ``render(_:to:)``.
  func renderUTF8(_ report: Report, to write: (UnsafeBufferPointer<UInt8>) -> Void) throws
}

extension OutputFormatter {
  public func renderUTF8(_ report: Report, to write: (UnsafeBufferPointer<UInt8>) -> Void) throws {
    try render(report) { chunk in
      var chunk = chunk
      chunk.withUTF8 { write($0) }
    }
  }
}

/// The `-o` values; each chooses one formatter.
public enum OutputFormat: String, Sendable, CaseIterable {
  case table
  case json
  case csv

  public var formatter: any OutputFormatter {
    switch self {
    case .table: TableFormatter()
    case .json: JSONFormatter()
    case .csv: CSVFormatter()
    }
  }

  /// Renders into a string (tests, small outputs).
  public func string(_ report: Report) throws -> String {
    var out = ""
    try formatter.render(report) { out += $0 }
    return out
  }
}
