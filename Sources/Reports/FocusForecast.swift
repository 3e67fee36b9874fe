import CostEngine
import Foundation
import Pricing

/// The projection as a FOCUS 1.2-aligned forecast (`ratecard export projection --focus`): FOCUS
/// column names and values where FOCUS has a column, `x_` columns for the rest. One row per
/// profile x offer x month x cost line; see docs/exports.md for each column's rule.
public enum FocusForecast {
  public static let columns = [
    "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
    "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
    "ProviderName", "PublisherName", "InvoiceIssuerName", "ServiceName", "ServiceCategory",
    "ServiceSubcategory", "RegionId", "RegionName", "SkuId", "SkuPriceId", "SkuMeter",
    "PricingCategory", "PricingUnit", "PricingQuantity", "ListUnitPrice", "ListCost",
    "ContractedUnitPrice", "ContractedCost", "EffectiveCost", "BilledCost", "ConsumedQuantity",
    "ConsumedUnit",
    "x_Profile", "x_Rank", "x_ForecastMonth", "x_CanonicalModel", "x_SheetModel", "x_Scope",
    "x_Tier", "x_Meter", "x_Variant", "x_Discount", "x_GrowthFactor", "x_ListCostRounded",
    "x_BilledCostRounded", "x_Service", "x_SheetKey", "x_PriceEffectiveFrom", "x_PriceSnapshot",
    "x_IsForecast", "x_Note",
  ]

  /// FOCUS `PricingUnit`: prices are per million tokens (FOCUS unit format `<quantity> <units>`).
  public static let pricingUnit = "1000000 Tokens"
  public static let consumedUnit = "Tokens"
  static let million = Decimal(1_000_000)

  /// `ProviderName` and `InvoiceIssuerName`.
  public static func providerName(_ p: Provider) -> String {
    switch p {
    case .aws: "AWS"
    case .azure: "Microsoft"
    }
  }

  /// `ServiceName`: the provider's service for hosted models.
  public static func serviceName(_ p: Provider) -> String {
    switch p {
    case .aws: "Amazon Bedrock"
    case .azure: "Foundry Models"
    }
  }

  /// `SkuMeter`: what the line meters (`Input Tokens`, `Cache Read Tokens`).
  public static func skuMeter(_ m: Meter) -> String {
    switch m {
    case .input: "Input Tokens"
    case .output: "Output Tokens"
    case .cacheRead: "Cache Read Tokens"
    case .cacheWrite: "Cache Write Tokens"
    case .capacity: "Capacity"
    case .other: "Other"
    }
  }

  /// The cells of one row, in ``columns`` order.
  public static func cells(_ item: FinanceLineItem) -> [Cell] {
    let o = item.offer
    let l = item.line
    let variant = l.variant.isEmpty ? "" : " (\(l.variant))"
    let description = "Forecast: \(o.model) \(l.tier.rawValue) \(l.meter.rawValue)\(variant) tokens, \(o.region) \(o.scope.rawValue)"
    return [
      .text(o.currency), .text(item.period.start), .text(item.period.endExclusive),
      .text(item.period.start), .text(item.period.endExclusive), .text("Usage"), .null,
      .text(description), .text("Usage-Based"),
      .text(providerName(o.provider)), .text(item.publisher ?? providerName(o.provider)),
      .text(providerName(o.provider)), .text(serviceName(o.provider)),
      .text("AI and Machine Learning"), .text("Generative AI"),
      .text(o.region), item.regionName.map { .text($0) } ?? .null,
      .text(l.sku), item.rate.map { .text($0.rateKey) } ?? .null, .text(skuMeter(l.meter)),
      .text("Standard"), .text(pricingUnit), .decimal(item.quantity / million),
      .decimal(l.listUnitPrice), .decimal(item.listCost), .decimal(l.unitPrice), .decimal(item.cost),
      .decimal(item.cost), .decimal(item.cost), .decimal(item.quantity), .text(consumedUnit),
      .text(item.profile), .text(item.rank), .integer(item.month), .text(o.model),
      item.rate.map { .text($0.sheetModel) } ?? .null, .text(o.scope.rawValue),
      .text(l.tier.rawValue), .text(l.meter.rawValue), .text(l.variant),
      .decimal(item.projection.discount), .decimal(item.growthFactor),
      FinanceCell.cents(item.listCostRounded), FinanceCell.cents(item.costRounded),
      .text(l.service), .text(l.sheetKey), item.rate.map { .text($0.effectiveFrom) } ?? .null,
      .text(item.priceSnapshot), .bool(true), l.note.map { .text($0) } ?? .null,
    ]
  }
}
