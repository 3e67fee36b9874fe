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

  /// Parses `text`; `file` names it in errors. Empty lines are skipped; a quote left open is an error.
  /// Works on the UTF-8 bytes: every byte the grammar looks at (`"`, `,`, CR, LF) is ASCII, and
  /// never part of a multi-byte character.
  init(file: String, text: String) throws {
    self.file = file
    var rows: [Row] = []
    var field: [UInt8] = []
    var fields: [String] = []
    var inQuotes = false
    var line = 1
    var rowLine = 1
    var afterQuote = false
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r")
    let lf = UInt8(ascii: "\n")
    var text = text
    try text.withUTF8 { utf8 in
      var i = 0
      let n = utf8.count
      if n >= 3, utf8[0] == 0xEF, utf8[1] == 0xBB, utf8[2] == 0xBF { i = 3 }  // U+FEFF
      func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
      }
      func endRow() {
        endField()
        if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
        fields = []
      }
      while i < n {
        let c = utf8[i]
        i += 1
        if inQuotes {
          if c == quote {
            if i < n, utf8[i] == quote {
              field.append(quote)
              i += 1
            } else {
              inQuotes = false
              afterQuote = i < n
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
    }
    guard let first = rows.first else {
      throw CatalogError.malformed(file: file, line: 1, reason: "the file is empty: a header row is required")
    }
    header = first.fields.map { $0.trimmingWhitespace.lowercased() }
    self.rows = Array(rows.dropFirst())
    for row in self.rows where row.fields.count != header.count {
      throw CatalogError.malformed(
        file: file, line: row.line,
        reason: "\(row.fields.count) fields, the header has \(header.count)")
    }
  }

  /// True when every name is a column.
  func has(_ names: String...) -> Bool { names.allSatisfy(header.contains) }

  /// Column accessor for one row.
  func value(_ row: Row, _ column: String) -> String {
    guard let i = header.firstIndex(of: column) else { return "" }
    return row.fields[i].trimmingWhitespace
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
