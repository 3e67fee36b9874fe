import Foundation
import GRDB
import GRDBSQLite
import Pricing

extension RateStore {
  /// The rates at a snapshot matching any of `filters`, one query per filter in one read
  /// transaction, in the order of ``rates(_:at:limit:)`` per filter: the cost engine's load.
  ///
  /// Only the columns a ``Rate`` holds are read, by position, straight from SQLite's row buffer;
  /// texts that repeat the row before become the same string, and each distinct price text is
  /// parsed once. The rates equal `rates(filter, at:).map(\.rate)`.
  public func engineRates(_ filters: [RateFilter], at snapshot: Snapshot = .current) throws -> [Rate] {
    try read { db in try Self.engineRates(db, filters, at: snapshot) }
  }

  /// ``engineRates(_:at:)`` inside a transaction the caller holds.
  static func engineRates(_ db: Database, _ filters: [RateFilter], at snapshot: Snapshot) throws -> [Rate] {
    var discard: [String]? = nil
    return try engineRates(db, filters, at: snapshot, priceTexts: &discard)
  }

  /// ``engineRates(_:at:)`` inside a transaction the caller holds; when `priceTexts` is not nil,
  /// each rate's stored price text is appended to it.
  static func engineRates(
    _ db: Database, _ filters: [RateFilter], at snapshot: Snapshot, priceTexts: inout [String]?
  ) throws -> [Rate] {
    var out: [Rate] = []
    var reader = RateRowReader()
    for filter in filters {
      let (s, sargs) = Self.snapshotClause(snapshot)
      let (f, fargs) = filter.clause()
      var sql = "SELECT \(Self.rateColumns) FROM rate WHERE \(s)"
      if !f.isEmpty { sql += " AND \(f)" }
      sql += " ORDER BY \(Self.order)"
      let statement = try db.makeStatement(sql: sql)
      try statement.setArguments(Self.bind(sargs + fargs))
      let handle = statement.sqliteStatement
      defer { sqlite3_reset(handle) }
      while true {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else {
          throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
        out.append(try reader.rate(handle))
        priceTexts?.append(reader.lastPriceText)
      }
    }
      return out
  }

  /// The columns of a ``Rate`` (``Rate/Column`` order, each at its position), then the row id
  /// (to name an unreadable row): what ``RateRowReader`` reads.
  static let rateColumns = (Rate.Column.names + ["id"]).joined(separator: ", ")
}

/// Builds rates from rows of ``RateStore/rateColumns``, as ``RateRecord`` does: a stored value
/// that does not read is an error naming the row.
struct RateRowReader {
  var texts = ColumnTexts(columns: Rate.Column.allCases.count)
  var prices: [String: Decimal] = [:]
  /// The current row's column texts (nil for NULL), reused.
  var values = [String?](repeating: nil, count: Rate.Column.allCases.count)

  /// Column `i` as text (nil for NULL).
  mutating func text(_ h: OpaquePointer?, _ i: Int) -> String? {
    if sqlite3_column_type(h, Int32(i)) == SQLITE_NULL { return nil }
    // The text first, then its length (the order SQLite documents).
    guard let p = sqlite3_column_text(h, Int32(i)) else { return "" }
    let n = Int(sqlite3_column_bytes(h, Int32(i)))
    return texts.string(UnsafeBufferPointer(start: p, count: n), column: i)
  }

  /// The price text of the last row read.
  var lastPriceText = ""

  mutating func rate(_ h: OpaquePointer?) throws -> Rate {
    for i in values.indices { values[i] = text(h, i) }
    lastPriceText = values[Rate.Column.price.rawValue] ?? ""
    let row = values
    var prices = self.prices
    self.prices = [:]
    defer { self.prices = prices }
    do {
      return try Rate(
        column: { row[$0.rawValue] },
        price: { text in
          if let known = prices[text] { return known }
          let parsed = ExactDecimal.parse(text)
          prices[text] = parsed
          return parsed
        })
    } catch {
      let id = sqlite3_column_int64(h, Int32(row.count))
      throw StoreError.unreadableRate(id: id, column: error.column.name, text: error.text)
    }
  }
}
