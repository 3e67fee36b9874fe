import Foundation
import GRDB
import Pricing

/// One import of one usage export file (the `usageImport` table).
public struct UsageImportRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "usageImport"

  public enum Status: String, Codable, Sendable {
    /// The file's lines were stored.
    case ok
    /// The same file (hash and reader) was imported before; nothing changed.
    case unchanged
    /// Stored once, and later replaced by a re-export of the same source and month.
    case replaced
  }

  public var id: Int64?
  public var sourceUri: String
  public var format: String
  public var sourceKey: String
  public var month: String
  public var contentSha256: String
  public var readerKey: String
  public var startedAt: String
  public var status: Status
  public var currency: String
  public var linesRead: Int
  public var tokenLines: Int
  public var matchedLines: Int
  public var unmatchedLines: Int
  public var otherLines: Int
  public var unreconciledLines: Int
  public var tokens: String
  public var requests: Int
  public var billedTokenCost: String
  public var listCost: String
  public var unmatchedReasons: String
  public var otherCounts: String
  public var billedByCategory: String
  public var replacedImportId: Int64?

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let sourceKey = Column(CodingKeys.sourceKey)
    public static let month = Column(CodingKeys.month)
    public static let contentSha256 = Column(CodingKeys.contentSha256)
    public static let readerKey = Column(CodingKeys.readerKey)
    public static let status = Column(CodingKeys.status)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One aggregated usage row (the `usage` table). Money is exact decimal text.
public struct UsageRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "usage"

  public var id: Int64?
  public var importId: Int64
  public var sourceKey: String
  public var month: String
  public var day: String
  public var account: String
  public var tags: String
  public var app: String
  public var caller: String
  public var provider: String
  public var service: String
  public var category: String
  public var status: String
  public var reason: String
  public var sku: String
  public var sheetKey: String
  public var region: String
  public var rateId: Int64?
  public var model: String?
  public var meter: String?
  public var tier: String?
  public var scope: String?
  public var variant: String?
  public var ratePrice: String?
  public var unit: String
  public var quantity: String
  public var tokens: Int64
  public var requests: Int64?
  public var billedCost: String?
  public var listCost: String?
  public var currency: String
  public var lines: Int
  public var unreconciledLines: Int

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let importId = Column(CodingKeys.importId)
    public static let sourceKey = Column(CodingKeys.sourceKey)
    public static let month = Column(CodingKeys.month)
    public static let provider = Column(CodingKeys.provider)
    public static let category = Column(CodingKeys.category)
    public static let status = Column(CodingKeys.status)
    public static let region = Column(CodingKeys.region)
    public static let model = Column(CodingKeys.model)
    public static let day = Column(CodingKeys.day)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// The record of an aggregated row of an import.
  init(_ row: UsageRow, importId: Int64, sourceKey: String, month: String) {
    self.importId = importId
    self.sourceKey = sourceKey
    self.month = month
    day = row.day
    account = row.account
    tags = row.tags
    app = row.app
    caller = row.caller
    provider = row.provider.rawValue
    service = row.service
    category = row.category.rawValue
    status = row.status.rawValue
    reason = row.reason
    sku = row.sku
    sheetKey = row.sheetKey
    region = row.region
    rateId = row.rateId
    model = row.model
    meter = row.meter
    tier = row.tier
    scope = row.scope
    variant = row.variant
    ratePrice = row.ratePrice?.exactText
    unit = row.unit
    quantity = row.quantity.exactText
    tokens = NSDecimalNumber(decimal: row.tokens.rounded0).int64Value
    requests = row.requests.map(Int64.init)
    billedCost = row.billedCost?.exactText
    listCost = row.listCost?.exactText
    currency = row.currency
    lines = row.lines
    unreconciledLines = row.unreconciledLines
  }

  /// Exact values of the money columns.
  public var billedValue: Decimal? { billedCost.flatMap(ExactDecimal.parse) }
  public var listValue: Decimal? { listCost.flatMap(ExactDecimal.parse) }
  public var quantityValue: Decimal { ExactDecimal.parse(quantity) ?? 0 }

  /// The tags as a dictionary.
  public var tagMap: [String: String] { JSONMap.parse(tags) ?? [:] }
}
