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
        out.append(reader.rate(handle))
        priceTexts?.append(reader.lastPriceText)
      }
    }
      return out
  }

  /// The columns of a ``Rate``, in the positions ``RateRowReader`` reads.
  static let rateColumns =
    "provider, service, rateKey, sku, sheetKey, sheetModel, model, region, scope, tier, meter, variant, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom"
}

/// Builds rates from rows of ``RateStore/rateColumns`` (as ``RateRecord/rate``: vocabulary values
/// validated by the schema's CHECKs, a price that does not parse is 0).
struct RateRowReader {
  var texts = ColumnTexts(columns: 19)
  var prices: [String: Decimal] = [:]

  /// A stored price text as the engine's price (as ``RateRecord/rate``: 0 when it does not parse).
  static func price(_ text: String) -> Decimal { ExactDecimal.parse(text) ?? 0 }

  /// Column `i` as text ("" for NULL).
  mutating func text(_ h: OpaquePointer?, _ i: Int32) -> String {
    // The text first, then its length (the order SQLite documents).
    guard let p = sqlite3_column_text(h, i) else { return "" }
    let n = Int(sqlite3_column_bytes(h, i))
    return texts.string(UnsafeBufferPointer(start: p, count: n), column: Int(i))
  }

  /// The price text of the last row read.
  var lastPriceText = ""

  mutating func rate(_ h: OpaquePointer?) -> Rate {
    let priceText = text(h, 16)
    lastPriceText = priceText
    let price: Decimal
    if let known = prices[priceText] {
      price = known
    } else {
      price = Self.price(priceText)
      prices[priceText] = price
    }
    let model: String? = sqlite3_column_type(h, 6) == SQLITE_NULL ? nil : text(h, 6)
    return Rate(
      provider: Provider(rawValue: text(h, 0)) ?? .aws, service: text(h, 1), rateKey: text(h, 2),
      sku: text(h, 3), sheetKey: text(h, 4), sheetModel: text(h, 5), model: model,
      region: text(h, 7), scope: Scope(rawValue: text(h, 8)) ?? .regional,
      tier: Tier(rawValue: text(h, 9)) ?? .standard, meter: Meter(rawValue: text(h, 10)) ?? .other,
      variant: text(h, 11), commitment: Commitment(rawValue: text(h, 12)) ?? .none,
      sheetUnit: text(h, 13), sheetPrice: text(h, 14), unit: text(h, 15), price: price,
      currency: text(h, 17), effectiveFrom: text(h, 18))
  }
}
