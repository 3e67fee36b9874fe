import Foundation
import GRDB
import Pricing

extension RateStore {
  /// The rates at a snapshot matching any of `filters`, one query per filter in one read
  /// transaction, in the order of ``rates(_:at:limit:)`` per filter: the cost engine's load.
  ///
  /// Only the columns a ``Rate`` holds are read, by position; each distinct price text is parsed
  /// once. The rates equal `rates(filter, at:).map(\.rate)`.
  public func engineRates(_ filters: [RateFilter], at snapshot: Snapshot = .current) throws -> [Rate] {
    try read { db in
      var out: [Rate] = []
      var prices: [String: Decimal] = [:]
      for filter in filters {
        let (s, sargs) = Self.snapshotClause(snapshot)
        let (f, fargs) = filter.clause()
        var sql = "SELECT \(Self.rateColumns) FROM rate WHERE \(s)"
        if !f.isEmpty { sql += " AND \(f)" }
        sql += " ORDER BY \(Self.order)"
        let rows = try Row.fetchCursor(db, sql: sql, arguments: Self.bind(sargs + fargs))
        while let row = try rows.next() {
          out.append(Self.rate(row, prices: &prices))
        }
      }
      return out
    }
  }

  /// The columns of a ``Rate``, in the positions ``rate(_:prices:)`` reads.
  static let rateColumns =
    "provider, service, rateKey, sku, sheetKey, sheetModel, model, region, scope, tier, meter, variant, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom"

  /// A rate from a row of ``rateColumns`` (as ``RateRecord/rate``: vocabulary values validated by
  /// the schema's CHECKs, a price that does not parse is 0).
  static func rate(_ row: Row, prices: inout [String: Decimal]) -> Rate {
    let priceText: String = row[16]
    let price: Decimal
    if let known = prices[priceText] {
      price = known
    } else {
      price = ExactDecimal.parse(priceText) ?? 0
      prices[priceText] = price
    }
    let provider: String = row[0]
    let scope: String = row[8]
    let tier: String = row[9]
    let meter: String = row[10]
    let commitment: String = row[12]
    return Rate(
      provider: Provider(rawValue: provider) ?? .aws, service: row[1], rateKey: row[2], sku: row[3],
      sheetKey: row[4], sheetModel: row[5], model: row[6], region: row[7],
      scope: Scope(rawValue: scope) ?? .regional, tier: Tier(rawValue: tier) ?? .standard,
      meter: Meter(rawValue: meter) ?? .other, variant: row[11],
      commitment: Commitment(rawValue: commitment) ?? .none, sheetUnit: row[13], sheetPrice: row[14],
      unit: row[15], price: price, currency: row[17], effectiveFrom: row[18])
  }
}
