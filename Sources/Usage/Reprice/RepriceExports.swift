import Foundation
import Pricing
import Reports

/// `ratecard export reprice`: the re-priced usage as FOCUS 1.2-aligned CSV, one record per stored
/// usage row (a day of one SKU / meter), streamed in chunks, through the CSV formula guard.
public enum RepriceExports {
  /// The FOCUS columns of the actual usage, then the `x_` columns of the target.
  public static let columns = [
    "BillingCurrency", "BilledCost", "ListCost", "ChargeCategory", "ChargePeriodStart", "ChargePeriodEnd",
    "ConsumedQuantity", "ConsumedUnit", "ProviderName", "RegionId", "ServiceName", "SkuId", "SkuMeter",
    "SubAccountId", "Tags", "x_Model", "x_Meter", "x_Tier", "x_Scope", "x_TargetProvider", "x_TargetRegion",
    "x_TargetScope", "x_TargetTier", "x_TargetModel", "x_TargetService", "x_TargetSkuId", "x_TargetSkuMeter",
    "x_TargetSheetPrice", "x_TargetSheetUnit", "x_TargetUnitPrice", "x_TargetPricingUnit", "x_TargetEffectiveFrom",
    "x_RepricedCost", "x_Fallbacks", "x_Conversion", "x_Unpriced",
  ]

  /// Writes every token row of `rows` re-priced under `target`; returns the number of data rows.
  @discardableResult
  public static func write(
    _ rows: [UsageRecord], repricer: Repricer, target: RepriceTarget, to write: (String) -> Void
  ) throws -> Int {
    var count = 0
    let records = rows.lazy.filter { $0.category == UsageCategory.token.rawValue }.map { r -> [Cell] in
      count += 1
      return record(r, repricer.price(r, target: target))
    }
    try CSVLines.write(header: columns, rows: records, to: write)
    return count
  }

  static func record(_ r: UsageRecord, _ priced: Repricer.Priced) -> [Cell] {
    func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .null }
    let next = nextDay(r.day)
    var cells: [Cell] = [
      .text(r.currency), r.billedValue.map { .decimal($0) } ?? .null, r.listValue.map { .decimal($0) } ?? .null,
      .text("Usage"), .text(r.day + "T00:00:00Z"), .text(next + "T00:00:00Z"), .integer(Int(r.tokens)),
      .text("Tokens"), .text(r.provider == "aws" ? "AWS" : "Microsoft"), .text(r.region), .text(r.service),
      .text(r.sku), .text(r.sheetKey), .text(r.account), .text(r.tags), text(r.model), text(r.meter), text(r.tier),
      text(r.scope),
    ]
    switch priced {
    case .priced(let found, let cost, let conversion):
      let t = found.rate
      cells += [
        .text(t.provider), .text(t.region), .text(t.scope), .text(t.tier), text(t.model), .text(t.service),
        .text(t.sku), .text(t.sheetKey), .text(t.sheetPrice), .text(t.sheetUnit), .decimal(t.priceValue),
        .text(t.unit), .text(t.effectiveFrom), .decimal(cost), .text(found.fallbacks.joined(separator: "; ")),
        text(conversion), .null,
      ]
    case .unpriced(let reason):
      cells += Array(repeating: Cell.null, count: 16) + [.text(reason)]
    }
    return cells
  }

  /// The day after `YYYY-MM-DD`.
  static func nextDay(_ day: String) -> String {
    guard let date = ISODate.parse(day + "T00:00:00Z") else { return day }
    return String(ISODate.format(date.addingTimeInterval(86_400)).prefix(10))
  }
}
