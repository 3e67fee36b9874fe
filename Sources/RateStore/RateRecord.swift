import Foundation
import GRDB
import Pricing

/// One version of a price line (the `rate` table). Prices are exact decimal text.
public struct RateRecord: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
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

  /// Decodes a row by column position-independent names without Codable (the hot path of
  /// loading every rate for the engine).
  public init(row: Row) throws {
    id = row["id"]
    provider = row["provider"]
    service = row["service"]
    rateKey = row["rateKey"]
    sku = row["sku"]
    sheetKey = row["sheetKey"]
    sheetModel = row["sheetModel"]
    model = row["model"]
    region = row["region"]
    scope = row["scope"]
    tier = row["tier"]
    meter = row["meter"]
    variant = row["variant"]
    commitment = row["commitment"]
    sheetUnit = row["sheetUnit"]
    sheetPrice = row["sheetPrice"]
    unit = row["unit"]
    price = row["price"]
    currency = row["currency"]
    effectiveFrom = row["effectiveFrom"]
    effectiveTo = row["effectiveTo"]
    openedByRunId = row["openedByRunId"]
    closedByRunId = row["closedByRunId"]
    closeReason = row["closeReason"]
    family = row["family"]
  }

  /// The rate this record holds (vocabulary values validated by the schema's CHECKs).
  public var rate: Rate {
    Rate(
      provider: Provider(rawValue: provider) ?? .aws, service: service, rateKey: rateKey, sku: sku,
      sheetKey: sheetKey, sheetModel: sheetModel, model: model, region: region,
      scope: Scope(rawValue: scope) ?? .regional, tier: Tier(rawValue: tier) ?? .standard,
      meter: Meter(rawValue: meter) ?? .other, variant: variant,
      commitment: Commitment(rawValue: commitment) ?? .none, sheetUnit: sheetUnit,
      sheetPrice: sheetPrice, unit: unit, price: ExactDecimal.parse(price) ?? 0,
      currency: currency, effectiveFrom: effectiveFrom)
  }

  /// The identity under which history is kept (as ``Rate/identity``, without building the rate).
  public var identity: RateIdentity {
    RateIdentity(
      provider: Provider(rawValue: provider) ?? .aws, service: service, rateKey: rateKey,
      currency: currency)
  }

  /// The exact price.
  public var priceValue: Decimal { ExactDecimal.parse(price) ?? 0 }

  /// Column list in table order for inserts.
  static let insertColumns = [
    "provider", "service", "rateKey", "sku", "sheetKey", "sheetModel", "model", "region", "scope",
    "tier", "meter", "variant", "commitment", "sheetUnit", "sheetPrice", "unit", "price",
    "currency", "effectiveFrom", "effectiveTo", "openedByRunId", "family",
  ]
}
