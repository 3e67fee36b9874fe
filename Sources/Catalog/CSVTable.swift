import Foundation

/// A parsed RFC 4180 CSV file: a header and rows, each row keeping the line it starts on so
/// errors can point at it.
struct CSVTable: Sendable {
  struct Row: Sendable {
    var line: Int
    var fields: [String]
  }

  let file: String
  let header: [String]
  let rows: [Row]
  /// Column name → position (the first column of that name).
  private let columnIndex: [String: Int]

  /// Parses `text`; `file` names it in errors. Empty lines are skipped; a quote left open is an
  /// error. Fields are kept without surrounding whitespace (what ``value(_:_:)`` returns).
  init(file: String, text: String) throws {
    self.file = file
    var text = text
    let parsed = try text.withUTF8 { try Self.scan(file: file, $0) }
    guard let first = parsed.first else {
      throw CatalogError.malformed(file: file, line: 1, reason: "the file is empty: a header row is required")
    }
    header = first.fields.map { $0.lowercased() }
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
    columnIndex = index
    self.rows = Array(parsed.dropFirst())
    for row in self.rows where row.fields.count != header.count {
      throw CatalogError.malformed(
        file: file, line: row.line,
        reason: "\(row.fields.count) fields, the header has \(header.count)")
    }
  }

  /// RFC 4180 over UTF-8 bytes: `"` opens a quoted field (only at a field's start), `""` inside
  /// one is a quote, `\r` outside quotes is dropped, `\n` ends a row. Fields come back trimmed.
  private static func scan(file: String, _ bytes: UnsafeBufferPointer<UInt8>) throws -> [Row] {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    var rows: [Row] = []
    var field: [UInt8] = []
    field.reserveCapacity(256)
    var fields: [String] = []
    var inQuotes = false
    var afterQuote = false
    var line = 1
    var rowLine = 1
    var i = 0
    let n = bytes.count
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    func endField() {
      fields.append(trimmed(field))
      field.removeAll(keepingCapacity: true)
    }
    func endRow() {
      // A line with one empty field is an empty line: skipped.
      let empty = fields.isEmpty && field.isEmpty
      endField()
      if !empty { rows.append(Row(line: rowLine, fields: fields)) }
      fields = []
    }
    while i < n {
      let c = bytes[i]
      i += 1
      if inQuotes {
        if c == quote {
          if i < n {
            if bytes[i] == quote {
              field.append(quote)
              i += 1
            } else {
              inQuotes = false
              afterQuote = true
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == lf { line += 1 }
          field.append(c)
        }
        continue
      }
      switch c {
      case quote:
        guard field.isEmpty, !afterQuote else {
          throw CatalogError.malformed(file: file, line: line, reason: "a quote inside an unquoted field")
        }
        inQuotes = true
      case comma:
        endField()
        afterQuote = false
      case cr:
        continue
      case lf:
        endRow()
        afterQuote = false
        line += 1
        rowLine = line
      default:
        guard !afterQuote else {
          throw CatalogError.malformed(file: file, line: line, reason: "text after a closing quote")
        }
        field.append(c)
      }
    }
    if inQuotes {
      throw CatalogError.malformed(file: file, line: rowLine, reason: "a quoted field is never closed")
    }
    if !field.isEmpty || !fields.isEmpty { endRow() }
    return rows
  }

  /// The field's text without leading and trailing whitespace (`CharacterSet.whitespaces`); plain
  /// ASCII ends take no Foundation call.
  private static func trimmed(_ bytes: [UInt8]) -> String {
    let s = String(decoding: bytes, as: UTF8.self)
    guard let first = bytes.first, let last = bytes.last else { return s }
    func plain(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }
    if plain(first) && plain(last) { return s }
    return s.trimmingCharacters(in: .whitespaces)
  }

  /// True when every name is a column.
  func has(_ names: String...) -> Bool { names.allSatisfy { columnIndex[$0] != nil } }

  /// Column accessor for one row (trimmed).
  func value(_ row: Row, _ column: String) -> String {
    guard let i = columnIndex[column] else { return "" }
    return row.fields[i]
  }

  /// A required, non-empty value.
  func required(_ row: Row, _ column: String) throws -> String {
    let v = value(row, column)
    guard !v.isEmpty else {
      throw CatalogError.malformed(file: file, line: row.line, reason: "\(column) is empty")
    }
    return v
  }

  /// `true` / `false` / blank (unknown).
  func flag(_ row: Row, _ column: String) throws -> Bool? {
    switch value(row, column).lowercased() {
    case "": return nil
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    case let other:
      throw CatalogError.malformed(
        file: file, line: row.line, reason: "\(column) is '\(other)', expected true, false or blank")
    }
  }

  /// A non-negative integer or blank.
  func integer(_ row: Row, _ column: String) throws -> Int? {
    let v = value(row, column)
    guard !v.isEmpty else { return nil }
    guard let i = Int(v), i >= 0 else {
      throw CatalogError.malformed(
        file: file, line: row.line, reason: "\(column) is '\(v)', expected a whole number")
    }
    return i
  }
}
