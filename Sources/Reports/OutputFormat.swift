import Foundation

/// Renders a report in one output format.
public protocol OutputFormatter: Sendable {
  /// Writes `report` through `write` (streamed, a chunk at a time).
  func render(_ report: Report, to write: (String) -> Void) throws
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
