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
  init(file: String, text: String) throws {
    self.file = file
    var rows: [Row] = []
    var field = ""
    var fields: [String] = []
    var inQuotes = false
    var line = 1
    var rowLine = 1
    var afterQuote = false
    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    func endRow() {
      fields.append(field)
      if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
      fields = []
      field = ""
    }
    var iterator = scalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              inQuotes = false
              afterQuote = true
              pending = next
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
        continue
      }
      switch c {
      case "\"":
        guard field.isEmpty, !afterQuote else {
          throw CatalogError.malformed(file: file, line: line, reason: "a quote inside an unquoted field")
        }
        inQuotes = true
      case ",":
        fields.append(field)
        field = ""
        afterQuote = false
      case "\r":
        continue
      case "\n":
        endRow()
        afterQuote = false
        line += 1
        rowLine = line
      default:
        guard !afterQuote else {
          throw CatalogError.malformed(file: file, line: line, reason: "text after a closing quote")
        }
        field.unicodeScalars.append(c)
      }
    }
    if inQuotes {
      throw CatalogError.malformed(file: file, line: rowLine, reason: "a quoted field is never closed")
    }
    if !field.isEmpty || !fields.isEmpty { endRow() }
    guard let first = rows.first else {
      throw CatalogError.malformed(file: file, line: 1, reason: "the file is empty: a header row is required")
    }
    header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
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
    return row.fields[i].trimmingCharacters(in: .whitespaces)
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
