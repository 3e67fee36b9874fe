import Foundation
import Pricing

/// One line of a monthly cost: a meter at a tier, its token quantity, unit price, cost, and the
/// rate (SKU, sheet key, service) behind it.
public struct CostLine: Sendable, Hashable {
  public var tier: Tier
  public var meter: Meter
  /// `long-context` for the long-context share, else "".
  public var variant: String
  /// Tokens per month (exact).
  public var quantity: Decimal
  /// List price per 1M tokens.
  public var listUnitPrice: Decimal
  /// Price per 1M tokens after the provider discount.
  public var unitPrice: Decimal
  /// quantity x list price / 1M.
  public var listCost: Decimal
  /// quantity x discounted price / 1M (exact, unrounded).
  public var cost: Decimal
  /// The rate priced: its SKU, sheet key, service.
  public var sku: String
  public var sheetKey: String
  public var service: String
  /// What this line stands for when a fallback applied (`cache_read priced as input: ...`), else nil.
  public var note: String?
}

/// The monthly cost of one profile on one offer.
public struct Projection: Sendable, Hashable {
  public var offer: Offer
  /// Tiers used, e.g. `standard 75% + batch 25%`.
  public var tiers: String
  public var lines: [CostLine]
  /// Sum of the lines after discount, exact.
  public var monthlyCost: Decimal
  /// Sum before discount, exact.
  public var listMonthlyCost: Decimal
  public var discount: Decimal
  /// Fallbacks taken (no batch price, no cache price, no long-context price), visible in output.
  public var fallbacks: [String]
  /// Other regions where the same provider, model, scope and endpoint cost the same (a
  /// recommendation's choice collapses them into one row; `region` is the preferred one).
  public var otherRegions: [String] = []
  /// The parity evidence of the offer's model (set by `recommend`; empty without parity).
  public var parity: [ParityEvidence] = []

  /// True when a fallback priced part of the cost: the offer may undercut one that publishes the
  /// price it lacks.
  public var pricedByFallback: Bool { !fallbacks.isEmpty }

  public var currency: String { offer.currency }

  /// Cost of month `month` (0 = first) with `growth` per month: monthly x (1 + growth)^month.
  public func forecast(month: Int, growth: Decimal) -> Decimal {
    var factor: Decimal = 1
    for _ in 0..<max(0, month) { factor *= (1 + growth) }
    return monthlyCost * factor
  }
}
