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
    try self.write(header: header, to: write) { row in
      for r in rows { try row(r) }
    }
  }

  /// Writes a header, then each row `produce` hands to its `row` function, in chunks of at most
  /// `chunkSize` lines (for rows pushed by a store cursor or a callback); returns the number of rows.
  @discardableResult
  public static func write(
    header: [String], to write: (String) -> Void, rows produce: (_ row: ([Cell]) throws -> Void) throws -> Void
  ) throws -> Int {
    // The header leaves at once, before the first row is produced; then at most `chunkSize` rows
    // a write.
    write(try line(header.map { Cell.text($0) }))
    var chunk: [[Cell]] = []
    chunk.reserveCapacity(chunkSize)
    var count = 0
    // `write` is called only while `produce` runs, never kept.
    try withoutActuallyEscaping(write) { write in
      try produce { row in
        chunk.append(row)
        count += 1
        if chunk.count == chunkSize {
          write(try lines(chunk))
          chunk.removeAll(keepingCapacity: true)
        }
      }
    }
    if !chunk.isEmpty { write(try lines(chunk)) }
    return count
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
