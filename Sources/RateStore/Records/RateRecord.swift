import Foundation
import GRDB
import Pricing

/// One version of a price line (the `rate` table): the rate's columns (``Rate/Column``) as stored
/// text, and its history columns. Prices are exact decimal text.
public struct RateRecord: Sendable, Hashable, FetchableRecord, TableRecord {
  public static let databaseTableName = "rate"

  public var id: Int64
  public var provider: String
  public var service: String
  public var rateKey: String
  public var sku: String
  public var sheetKey: String
  public var sheetModel: String
  public var model: String?
  public var region: String
  public var scope: String
  public var tier: String
  public var meter: String
  public var variant: String
  public var commitment: String
  public var sheetUnit: String
  public var sheetPrice: String
  public var unit: String
  public var price: String
  public var currency: String
  public var effectiveFrom: String
  public var effectiveTo: String?
  public var openedByRunId: Int64
  public var closedByRunId: Int64?
  public var closeReason: String?
  public var family: String
  /// The rate this version holds, read from the columns above.
  public let rate: Rate

  /// The columns after a rate's own (``Rate/Column``), in table order.
  public enum HistoryColumn: String, CaseIterable {
    case effectiveTo, openedByRunId, closedByRunId, closeReason, family
  }

  /// Reads a row by column name; a stored value that does not read as its type (a vocabulary
  /// value, a price) is an error naming the row.
  public init(row: Row) throws {
    id = row["id"]
    let rate: Rate
    do {
      rate = try Rate(column: { row[$0.name] })
    } catch {
      throw StoreError.unreadableRate(id: id, column: error.column.name, text: error.text)
    }
    self.rate = rate
    provider = rate.provider.rawValue
    service = rate.service
    rateKey = rate.rateKey
    sku = rate.sku
    sheetKey = rate.sheetKey
    sheetModel = rate.sheetModel
    model = rate.model
    region = rate.region
    scope = rate.scope.rawValue
    tier = rate.tier.rawValue
    meter = rate.meter.rawValue
    variant = rate.variant
    commitment = rate.commitment.rawValue
    sheetUnit = rate.sheetUnit
    sheetPrice = rate.sheetPrice
    unit = rate.unit
    price = row[Rate.Column.price.name]
    currency = rate.currency
    effectiveFrom = rate.effectiveFrom
    effectiveTo = row[HistoryColumn.effectiveTo.rawValue]
    openedByRunId = row[HistoryColumn.openedByRunId.rawValue]
    closedByRunId = row[HistoryColumn.closedByRunId.rawValue]
    closeReason = row[HistoryColumn.closeReason.rawValue]
    family = row[HistoryColumn.family.rawValue]
  }

  /// The identity under which history is kept.
  public var identity: RateIdentity { rate.identity }

  /// The exact price.
  public var priceValue: Decimal { rate.price }

  /// The columns a new version is inserted with, in order: the rate's, then when it ends (NULL),
  /// the run that opens it and its family.
  static let insertColumns = Rate.Column.names + [
    HistoryColumn.effectiveTo.rawValue, HistoryColumn.openedByRunId.rawValue, HistoryColumn.family.rawValue,
  ]
}
