import Foundation
import Pricing
import Reports

/// Report shapes of `ratecard reprice` (docs/reprice.md).
public enum RepriceViews {
  /// One re-priced line: the usage and the target sheet row behind it.
  static func line(_ l: RepricedLine) -> Record {
    let u = l.usage
    let t = l.target
    return Record([
      .init("provider", .text(u.provider)),
      .init("region", .text(u.region)),
      .init("sheetKey", .text(u.sheetKey)),
      .init("sku", .text(u.sku)),
      .init("model", u.model.map { .text($0) } ?? .null),
      .init("meter", u.meter.map { .text($0) } ?? .null),
      .init("tier", u.tier.map { .text($0) } ?? .null),
      .init("scope", u.scope.map { .text($0) } ?? .null),
      .init("app", .text(u.app)),
      .init("firstDay", .text(l.firstDay)),
      .init("lastDay", .text(l.lastDay)),
      .init("tokens", .integer(Int(l.tokens))),
      .init("billedCost", l.billedCost.map { .decimal($0) } ?? .null),
      .init("listCost", l.listCost.map { .decimal($0) } ?? .null),
      .init("toProvider", .text(t.provider)),
      .init("toRegion", .text(t.region)),
      .init("toScope", .text(t.scope)),
      .init("toTier", .text(t.tier)),
      .init("toModel", t.model.map { .text($0) } ?? .null),
      .init("toService", .text(t.service)),
      .init("toSku", .text(t.sku)),
      .init("toSheetKey", .text(t.sheetKey)),
      .init("toSheetPrice", .text(t.sheetPrice)),
      .init("toSheetUnit", .text(t.sheetUnit)),
      .init("toPrice", .decimal(t.priceValue)),
      .init("toUnit", .text(t.unit)),
      .init("toEffectiveFrom", .text(t.effectiveFrom)),
      .init("repricedCost", .decimal(l.repricedCost)),
      .init("fallbacks", .list(l.fallbacks)),
      .init("conversion", l.conversion.map { .text($0) } ?? .null),
    ])
  }

  static func unpriced(_ u: UnpricedUsage) -> Record {
    Record([
      .init("provider", .text(u.usage.provider)),
      .init("region", .text(u.usage.region)),
      .init("sheetKey", .text(u.usage.sheetKey)),
      .init("model", u.usage.model.map { .text($0) } ?? .null),
      .init("meter", u.usage.meter.map { .text($0) } ?? .null),
      .init("firstDay", .text(u.firstDay)),
      .init("lastDay", .text(u.lastDay)),
      .init("tokens", .integer(Int(u.tokens))),
      .init("billedCost", u.billedCost.map { .decimal($0) } ?? .null),
      .init("reason", .text(u.reason)),
    ])
  }

  /// `-o json`: one object per currency with the totals, the lines and what has no price.
  public static func summary(_ results: [RepriceResult], target: RepriceTarget) -> Report {
    Report(
      records: results.map { r in
        Record([
          .init("currency", .text(r.currency)),
          .init("actualCost", .decimal(r.actualCost)),
          .init("listCost", .decimal(r.listCost)),
          .init("repricedCost", .decimal(r.repricedCost)),
          .init("difference", .decimal(r.difference)),
          .init("percent", r.percent.map { .decimal($0) } ?? .null),
          .init("partial", .bool(r.isPartial)),
          .init("target", .object(targetRecord(target))),
          .init("lines", .records(r.lines.map(line))),
          .init("unpriced", .records(r.unpriced.map(unpriced))),
        ])
      })
  }

  static func targetRecord(_ t: RepriceTarget) -> Record {
    Record([
      .init("provider", t.provider.map { .text($0.rawValue) } ?? .null),
      .init("region", t.region.map { .text($0) } ?? .null),
      .init("scope", t.scope.map { .text($0.rawValue) } ?? .null),
      .init("tier", t.tier.map { .text($0.rawValue) } ?? .null),
      .init("model", t.model.map { .text($0) } ?? .null),
      .init("fx", .object(Record(t.fx.sorted { $0.key < $1.key }.map { .init($0.key, .decimal($0.value)) }))),
    ])
  }

  /// `-o table|csv`: the lines, and the totals and unpriced usage in the footer.
  public static func lines(_ results: [RepriceResult]) -> Report {
    var footer: [String] = []
    for r in results {
      let c = r.currency
      footer.append("actual (billed) \(Money.display(r.actualCost)) \(c); list \(Money.display(r.listCost)) \(c)")
      var repriced = "re-priced \(Money.display(r.repricedCost)) \(c)"
      if let p = r.percent { repriced += "; \(Money.display(r.difference)) \(c) (\(p.exactText)%) against the list cost of the priced usage" }
      footer.append(repriced)
      if r.isPartial {
        let tokens = r.unpriced.map(\.tokens).reduce(0, +)
        footer.append("PARTIAL: \(Money.whole(Decimal(tokens))) tokens have no price at the target; the re-priced total leaves them out:")
        for u in r.unpriced.prefix(20) {
          footer.append("  \(u.usage.sheetKey) (\(Money.whole(Decimal(u.tokens))) tokens, \(u.firstDay)..\(u.lastDay)): \(u.reason)")
        }
        if r.unpriced.count > 20 { footer.append("  ... (-o json lists all)") }
      }
      for conversion in Set(r.lines.compactMap(\.conversion)).sorted() {
        footer.append("converted: \(conversion)")
      }
      for l in r.lines where !l.fallbacks.isEmpty {
        footer.append("fallback: \(l.usage.sheetKey): \(l.fallbacks.joined(separator: "; "))")
      }
    }
    var report = Report(
      records: results.flatMap { $0.lines.map(line) },
      tableColumns: [
        "provider", "region", "sheetKey", "meter", "tokens", "listCost", "toProvider", "toRegion", "toScope",
        "toTier", "toSheetKey", "toPrice", "repricedCost",
      ],
      footer: footer)
    report.groupedColumns = ["tokens"]
    report.moneyColumns = ["listCost", "repricedCost"]
    return report
  }
}
