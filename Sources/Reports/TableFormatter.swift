import Foundation

/// Aligned columns for people. Numbers right-aligned.
public struct TableFormatter: OutputFormatter {
  public init() {}

  public func render(_ report: Report, to write: (String) -> Void) throws {
    guard let first = report.records.first else {
      write("(no rows)\n")
      for line in report.footer { write(line + "\n") }
      return
    }
    let keys = report.tableColumns ?? first.fields.map(\.key)
    let rows = report.records.map { record in
      keys.map { key in sanitize(record[key]?.plain ?? "") }
    }
    let numeric = keys.map { key in report.records.allSatisfy { $0[key]?.isNumber ?? true } }
    var widths = keys.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: widths[i] - c.count)
        return numeric[i] ? pad + c : c + pad
      }.joined(separator: "  ")
      .trimmingTrailingSpaces()
    }
    write(line(keys) + "\n")
    write(line(widths.map { String(repeating: "-", count: $0) }) + "\n")
    for row in rows { write(line(row) + "\n") }
    for f in report.footer { write(f + "\n") }
  }

  /// Control characters from sheets never reach the terminal.
  private func sanitize(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      return s
    }
    return String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
  }
}

extension String {
  /// The string without trailing spaces (table lines end at their last visible column).
  func trimmingTrailingSpaces() -> String {
    guard let last = lastIndex(where: { $0 != " " }) else { return "" }
    return String(self[...last])
  }
}
