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

extension Rate {
  /// The columns a rate is stored as, in table order. Every list of a rate's columns (the rate
  /// table's inserts and selects, the engine cache's payload) is derived from this one.
  public enum Column: Int, CaseIterable, Sendable {
    case provider, service, rateKey, sku, sheetKey, sheetModel, model, region, scope, tier, meter,
      variant, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom

    /// The column's name in the rate table.
    public var name: String { Self.names[rawValue] }

    /// Every column's name, in order.
    public static let names = allCases.map { String(describing: $0) }
  }

  /// A stored column that does not read as its type (a vocabulary value or a price).
  public struct UnreadableColumn: Error, Sendable, Equatable {
    public var column: Column
    /// The stored text ("NULL" for a missing value).
    public var text: String
  }

  /// The text stored in `column` (nil: no model); the price as `priceText`, the caller's
  /// canonical (or stored) text of ``price``.
  public func text(_ column: Column, priceText: String) -> String? {
    switch column {
    case .provider: provider.rawValue
    case .service: service
    case .rateKey: rateKey
    case .sku: sku
    case .sheetKey: sheetKey
    case .sheetModel: sheetModel
    case .model: model
    case .region: region
    case .scope: scope.rawValue
    case .tier: tier.rawValue
    case .meter: meter.rawValue
    case .variant: variant
    case .commitment: commitment.rawValue
    case .sheetUnit: sheetUnit
    case .sheetPrice: sheetPrice
    case .unit: unit
    case .price: priceText
    case .currency: currency
    case .effectiveFrom: effectiveFrom
    }
  }

  /// The rate stored as `text` gives each column (nil: NULL); `price` reads the price text
  /// (``ExactDecimal/parse(_:)`` unless the caller memoises it). Only the model may be NULL; a
  /// value that does not read throws ``UnreadableColumn``.
  public init(
    column text: (Column) -> String?, price: (String) -> Decimal? = ExactDecimal.parse
  ) throws(UnreadableColumn) {
    func required(_ c: Column) throws(UnreadableColumn) -> String {
      guard let t = text(c) else { throw UnreadableColumn(column: c, text: "NULL") }
      return t
    }
    func value<T: RawRepresentable<String>>(_ c: Column, _: T.Type) throws(UnreadableColumn) -> T {
      let t = try required(c)
      guard let v = T(rawValue: t) else { throw UnreadableColumn(column: c, text: t) }
      return v
    }
    let priceText = try required(.price)
    guard let parsed = price(priceText) else { throw UnreadableColumn(column: .price, text: priceText) }
    self.init(
      provider: try value(.provider, Provider.self), service: try required(.service),
      rateKey: try required(.rateKey), sku: try required(.sku), sheetKey: try required(.sheetKey),
      sheetModel: try required(.sheetModel), model: text(.model), region: try required(.region),
      scope: try value(.scope, Scope.self), tier: try value(.tier, Tier.self),
      meter: try value(.meter, Meter.self), variant: try required(.variant),
      commitment: try value(.commitment, Commitment.self), sheetUnit: try required(.sheetUnit),
      sheetPrice: try required(.sheetPrice), unit: try required(.unit), price: parsed,
      currency: try required(.currency), effectiveFrom: try required(.effectiveFrom))
  }
}
