import CSV
import Foundation

/// RFC 4180 CSV through a real CSV writer: a header row, every key a column, UTF-8, `\r\n` line
/// ends, `.` as decimal separator. Text cells that a spreadsheet would run as a formula are
/// neutralised; numbers stay numbers.
public struct CSVFormatter: OutputFormatter {
  public init() {}

  public func render(_ report: Report, to write: (String) -> Void) throws {
    guard let first = report.records.first else { return }
    let keys = first.fields.map(\.key)
    try CSVLines.write(header: keys, rows: report.records.lazy.map { r in keys.map { r[$0] ?? .null } }, to: write)
  }
}

/// Streaming CSV writing shared by the report formatter and the finance exports.
public enum CSVLines {
  /// Writes a header and rows, streamed in chunks of a few hundred lines (memory stays flat).
  public static func write<S: Sequence>(header: [String], rows: S, to write: (String) -> Void) throws
  where S.Element == [Cell] {
    var chunk: [[Cell]] = [header.map { Cell.text($0) }]
    chunk.reserveCapacity(chunkSize)
    for row in rows {
      chunk.append(row)
      if chunk.count == chunkSize {
        write(try lines(chunk))
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if !chunk.isEmpty { write(try lines(chunk)) }
  }

  static let chunkSize = 512

  /// One CSV record (with its line end) for these cells.
  public static func line(_ cells: [Cell]) throws -> String { try lines([cells]) }

  /// CSV records, each ending with CRLF, through CSV.swift's writer.
  public static func lines(_ rows: [[Cell]]) throws -> String {
    let stream = OutputStream.toMemory()
    stream.open()
    let writer = try CSVWriter(stream: stream, newline: .crlf)
    for row in rows { try writer.write(row: row.map(field)) }
    writer.stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\r\n"
  }

  /// The text of one field, neutralised against spreadsheet formula injection.
  public static func field(_ cell: Cell) -> String {
    let text = cell.plain
    guard !cell.isNumber, let first = text.unicodeScalars.first else { return text }
    if ["=", "+", "-", "@", "\t", "\r"].contains(first) { return "'" + text }
    return text
  }
}
