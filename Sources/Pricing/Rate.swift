import Foundation

/// One normalised price line read from a sheet.
///
/// A rate keeps the sheet's own words (`sheetKey`, `sheetModel`, `sheetUnit`, `sheetPrice`) beside
/// the normalised ones, so every figure ratecard shows can be traced back to the row it came from.
public struct Rate: Sendable, Hashable, Codable {
  /// The cloud.
  public var provider: Provider
  /// AWS offer code or Azure product name.
  public var service: String
  /// Identity of this price line within its service, stable across sheet versions
  /// (AWS: SKU + term; Azure: meterId, skuId, region, type, term, tier minimum).
  public var rateKey: String
  /// The sheet's SKU (AWS) or meter id (Azure).
  public var sku: String
  /// The row's own key in the sheet: AWS `usagetype`, Azure `meterName`.
  public var sheetKey: String
  /// The model as named in the sheet.
  public var sheetModel: String
  /// Canonical model id, nil until resolved against the catalogue.
  public var model: String?
  /// Provider region code (`us-east-1`, `swedencentral`); `global` or empty where the sheet has none.
  public var region: String
  public var scope: Scope
  public var tier: Tier
  public var meter: Meter
  /// Free text qualifying the meter: cache TTL, long context, image size, ...; empty when none.
  public var variant: String
  public var commitment: Commitment
  /// The unit exactly as the sheet gives it.
  public var sheetUnit: String
  /// The price exactly as the sheet gives it.
  public var sheetPrice: String
  /// Normalised unit: `1M tokens`, `hour`, `month`, `year`, or the sheet's own for other units.
  public var unit: String
  /// Exact price per normalised unit.
  public var price: Decimal
  /// ISO 4217 currency code, as the sheet gives it.
  public var currency: String
  /// When the price takes effect, ISO 8601 (`2026-09-01T00:00:00Z`).
  public var effectiveFrom: String

  public init(
    provider: Provider, service: String, rateKey: String, sku: String, sheetKey: String,
    sheetModel: String, model: String? = nil, region: String, scope: Scope, tier: Tier,
    meter: Meter, variant: String = "", commitment: Commitment = .none, sheetUnit: String,
    sheetPrice: String, unit: String, price: Decimal, currency: String, effectiveFrom: String
  ) {
    self.provider = provider
    self.service = service
    self.rateKey = rateKey
    self.sku = sku
    self.sheetKey = sheetKey
    self.sheetModel = sheetModel
    self.model = model
    self.region = region
    self.scope = scope
    self.tier = tier
    self.meter = meter
    self.variant = variant
    self.commitment = commitment
    self.sheetUnit = sheetUnit
    self.sheetPrice = sheetPrice
    self.unit = unit
    self.price = price
    self.currency = currency
    self.effectiveFrom = effectiveFrom
  }

  /// The identity under which history is kept.
  public var identity: RateIdentity {
    RateIdentity(provider: provider, service: service, rateKey: rateKey, currency: currency)
  }

  /// True when the priced content differs (ignoring the canonical model, which is derived).
  public func differsInPrice(from other: Rate) -> Bool {
    price != other.price || sheetPrice != other.sheetPrice || unit != other.unit
      || sheetUnit != other.sheetUnit
  }

  /// True when anything the sheet states differs (classification, names, price, date).
  public func differsInContent(from other: Rate) -> Bool {
    var a = self
    var b = other
    a.model = nil
    b.model = nil
    return a != b
  }
}

/// The identity of a rate across imports.
public struct RateIdentity: Sendable, Hashable, Codable {
  public var provider: Provider
  public var service: String
  public var rateKey: String
  public var currency: String

  public init(provider: Provider, service: String, rateKey: String, currency: String) {
    self.provider = provider
    self.service = service
    self.rateKey = rateKey
    self.currency = currency
  }

  /// Hashes the rate key and currency only (equality still compares every field): the rate key
  /// nearly always tells rates apart on its own, and the merge hashes an identity per rate.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(rateKey)
    hasher.combine(currency)
  }
}
