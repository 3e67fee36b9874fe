import CostEngine
import Foundation
import Pricing

/// The columns of `ratecard export projection` (docs/exports.md): one row per profile x offer x
/// month x cost line. The column order is part of the format.
public enum FinanceProjectionCSV {
  public static let columns = [
    "profile", "rank", "month", "periodStart", "periodEnd", "provider", "model", "region",
    "regionName", "scope", "tier", "meter", "variant", "quantity", "unit", "listUnitPrice",
    "discount", "unitPrice", "growthFactor", "listCost", "cost", "listCostRounded", "costRounded",
    "currency", "service", "sku", "sheetKey", "rateKey", "sheetModel", "priceEffectiveFrom",
    "priceSnapshot", "note",
  ]

  /// The cells of one row, in ``columns`` order.
  public static func cells(_ item: FinanceLineItem) -> [Cell] {
    let o = item.offer
    let l = item.line
    return [
      .text(item.profile), .text(item.rank), .integer(item.month),
      .text(item.period.firstDay), .text(item.period.lastDay),
      .text(o.provider.rawValue), .text(o.model), .text(o.region),
      item.regionName.map { .text($0) } ?? .null, .text(o.scope.rawValue),
      .text(l.tier.rawValue), .text(l.meter.rawValue), .text(l.variant),
      .decimal(item.quantity), .text(NormalizedUnit.perMillionTokens),
      .decimal(l.listUnitPrice), .decimal(item.projection.discount), .decimal(l.unitPrice),
      .decimal(item.growthFactor), .decimal(item.listCost), .decimal(item.cost),
      FinanceCell.cents(item.listCostRounded), FinanceCell.cents(item.costRounded),
      .text(o.currency), .text(l.service), .text(l.sku), .text(l.sheetKey),
      item.rate.map { .text($0.rateKey) } ?? .null, item.rate.map { .text($0.sheetModel) } ?? .null,
      item.rate.map { .text($0.effectiveFrom) } ?? .null, .text(item.priceSnapshot),
      l.note.map { .text($0) } ?? .null,
    ]
  }
}
