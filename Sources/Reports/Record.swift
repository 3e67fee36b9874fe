import Foundation

/// One typed cell of a report. Amounts are exact decimals, printed as decimal strings in JSON.
public enum Cell: Sendable, Hashable {
  case text(String)
  /// An exact amount; JSON prints it as a string so no reader turns it into a binary float.
  case decimal(Decimal)
  case integer(Int)
  case bool(Bool)
  case null
  /// A nested list of records (JSON only; tables and CSV print a count).
  case records([Record])
  /// A list of strings.
  case list([String])
  /// A nested object (JSON only; tables and CSV print `1 item(s)`).
  case object(Record)

  /// The cell as plain text (tables and CSV).
  public var plain: String {
    switch self {
    case .text(let s): s
    case .decimal(let d): d.exactText
    case .integer(let i): String(i)
    case .bool(let b): b ? "true" : "false"
    case .null: ""
    case .records(let r): "\(r.count) item(s)"
    case .list(let l): l.joined(separator: "; ")
    case .object: "1 item(s)"
    }
  }

  /// True when the cell is a number (never neutralised in CSV).
  public var isNumber: Bool {
    switch self {
    case .decimal, .integer: true
    default: false
    }
  }
}

import Pricing

/// A report row: ordered fields, so every output format prints columns in one stable order.
public struct Record: Sendable, Hashable {
  public var fields: [Field]

  public struct Field: Sendable, Hashable {
    public var key: String
    public var value: Cell
    public init(_ key: String, _ value: Cell) {
      self.key = key
      self.value = value
    }
  }

  public init(_ fields: [Field]) { self.fields = fields }

  public subscript(key: String) -> Cell? { fields.first { $0.key == key }?.value }
}

/// A list of records plus the columns a human table shows (a subset of the keys, in order).
public struct Report: Sendable {
  public var records: [Record]
  /// Keys shown in `-o table`; nil shows every key.
  public var tableColumns: [String]?
  /// Lines printed after a table (totals, warnings); ignored by JSON and CSV.
  public var footer: [String]
  /// Columns of whole quantities (requests, tokens, row counts) that tables print with thousands
  /// separators (`4,448`); JSON and CSV print the plain number.
  public var groupedColumns: Set<String> = []
  /// Columns of exact amounts that tables round to cents (half away from zero) with thousands
  /// separators (`16,632.75`); JSON and CSV print the exact amount.
  public var moneyColumns: Set<String> = []

  public init(records: [Record], tableColumns: [String]? = nil, footer: [String] = []) {
    self.records = records
    self.tableColumns = tableColumns
    self.footer = footer
  }
}
