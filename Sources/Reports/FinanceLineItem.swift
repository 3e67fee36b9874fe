import CostEngine
import Foundation
import Pricing

/// One exported row: a cost line of one profile's projection on one offer in one forecast month,
/// with the month's growth applied and its rounded amounts allocated (``FinanceRounding``).
public struct FinanceLineItem: Sendable {
  public var profile: String
  /// 1 = the recommended (cheapest eligible) offer.
  /// `1`, `2`, ... by cost, or `current` for the profile's current deployment.
  public var rank: String
  /// 1-based forecast month.
  public var month: Int
  public var period: FinancePeriod
  public var projection: Projection
  public var line: CostLine
  /// The rate priced by the line (rate key, sheet model, effective date), when the offer has it.
  public var rate: Rate?
  /// `(1 + growth_per_month)^(month - 1)`, exact.
  public var growthFactor: Decimal
  /// Tokens this month: the line's monthly quantity x growth factor.
  public var quantity: Decimal
  /// Exact list cost this month.
  public var listCost: Decimal
  /// Exact cost after the discount this month.
  public var cost: Decimal
  /// Cents, allocated so the lines of the month add up to the rounded month total.
  public var listCostRounded: Decimal
  public var costRounded: Decimal
  public var regionName: String?
  public var publisher: String?
  public var priceSnapshot: String

  public var offer: Offer { projection.offer }

  /// The rows of one projection, month by month, line by line (the export's row order).
  /// `growth` is the profile's monthly growth.
  public static func forEach(
    profile: String, rank: String, projection p: Projection, growth: Decimal, months: Int,
    context: FinanceContext, _ body: (FinanceLineItem) throws -> Void
  ) rethrows {
    let rates = p.lines.map { rate(for: $0, on: p.offer) }
    let regionName = context.regionName(p.offer.provider, p.offer.region)
    let publisher = p.offer.modelKnown ? context.publisher(p.offer.model) : nil
    var factor: Decimal = 1
    let periods = FinancePeriod.forecast(months, from: context.start)
    for m in 0..<max(0, months) {
      if m > 0 { factor *= (1 + growth) }
      let listCosts = p.lines.map { $0.listCost * factor }
      let costs = p.lines.map { $0.cost * factor }
      let listRounded = FinanceRounding.allocate(
        listCosts, total: FinanceRounding.cents(p.listMonthlyCost * factor))
      // monthlyCost x factor is `p.forecast(month: m, growth:)` (the same factor, built the same
      // way), without recomputing the factor for every month.
      let costRounded = FinanceRounding.allocate(costs, total: FinanceRounding.cents(p.monthlyCost * factor))
      for (i, line) in p.lines.enumerated() {
        try body(FinanceLineItem(
          profile: profile, rank: rank, month: m + 1, period: periods[m],
          projection: p, line: line, rate: rates[i], growthFactor: factor,
          quantity: line.quantity * factor, listCost: listCosts[i], cost: costs[i],
          listCostRounded: listRounded[i], costRounded: costRounded[i], regionName: regionName,
          publisher: publisher, priceSnapshot: context.priceSnapshot))
      }
    }
  }

  /// The offer's rate behind a cost line: the slot the engine priced it from (a long-context line
  /// without a long-context price was priced at the normal rate), checked by SKU and sheet key.
  static func rate(for line: CostLine, on offer: Offer) -> Rate? {
    let long = line.variant == "long-context"
    let candidates = [offer.rate(line.tier, line.meter, long: long), long ? offer.rate(line.tier, line.meter) : nil]
    return candidates.compactMap { $0 }.first {
      $0.sku == line.sku && $0.sheetKey == line.sheetKey && $0.service == line.service
    }
  }
}
