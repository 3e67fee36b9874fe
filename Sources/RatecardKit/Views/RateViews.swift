import Foundation
import Pricing
import RateStore
import Reports

/// Report shapes for the store's query results (the JSON keys are part of ratecard's interface).
public enum RateViews {
  /// `ratecard rates`: one record per rate, keys as documented in docs/cli.md.
  public static func rates(_ records: [RateRecord]) -> Report {
    var columns = [
      "provider", "service", "model", "region", "scope", "tier", "meter", "variant", "price",
      "unit", "currency", "effectiveFrom",
    ]
    // The columns that tell rows apart when the usual ones do not: the commitment of reserved
    // rates, the SKU (AWS) or meter id (Azure) of rows that would otherwise look the same.
    if records.contains(where: { $0.commitment != "none" }) {
      columns.insert("commitment", at: columns.firstIndex(of: "variant")! + 1)
    }
    var seen = Set<[String]>()
    let shown = records.map { r in
      [r.provider, r.service, r.model ?? r.sheetModel, r.region, r.scope, r.tier, r.meter, r.variant, r.commitment, r.unit, r.currency]
    }
    if shown.contains(where: { !seen.insert($0).inserted }) {
      columns.insert("sku", at: columns.firstIndex(of: "price")!)
    }
    return Report(records: records.map(record), tableColumns: columns)
  }

  public static func record(_ r: RateRecord) -> Record {
    Record([
      .init("provider", .text(r.provider)),
      .init("service", .text(r.service)),
      .init("sku", .text(r.sku)),
      .init("sheetKey", .text(r.sheetKey)),
      .init("sheetModel", .text(r.sheetModel)),
      .init("model", r.model.map { .text($0) } ?? .null),
      .init("region", .text(r.region)),
      .init("scope", .text(r.scope)),
      .init("tier", .text(r.tier)),
      .init("meter", .text(r.meter)),
      .init("variant", .text(r.variant)),
      .init("commitment", .text(r.commitment)),
      .init("sheetUnit", .text(r.sheetUnit)),
      .init("sheetPrice", .text(r.sheetPrice)),
      .init("unit", .text(r.unit)),
      .init("price", .decimal(r.priceValue)),
      .init("currency", .text(r.currency)),
      .init("effectiveFrom", .text(r.effectiveFrom)),
      .init("effectiveTo", r.effectiveTo.map { .text($0) } ?? .null),
    ])
  }

  /// `ratecard history`: every version with its dates and the runs that opened and closed it.
  public static func history(_ records: [RateRecord]) -> Report {
    Report(
      records: records.map { r in
        var rec = record(r)
        rec.fields += [
          .init("openedByRun", .integer(Int(r.openedByRunId))),
          .init("closedByRun", r.closedByRunId.map { .integer(Int($0)) } ?? .null),
          .init("closeReason", r.closeReason.map { .text($0) } ?? .null),
        ]
        return rec
      },
      tableColumns: [
        "provider", "service", "sku", "model", "region", "scope", "tier", "meter", "variant", "price",
        "unit", "currency", "effectiveFrom", "effectiveTo", "closeReason",
      ])
  }

  /// Column order of a diff.
  public static let diffColumns = [
    "change", "provider", "service", "sku", "sheetKey", "model", "region", "scope", "tier", "meter",
    "unit", "currency", "oldPrice", "newPrice", "percentChange", "effectiveFrom", "effectiveTo",
  ]

  /// One change as a record, columns in ``diffColumns`` order.
  public static func diffRecord(_ c: RateChange) -> Record {
    let r = c.record
    return Record([
      .init("change", .text(c.kind.rawValue)),
      .init("provider", .text(r.provider)),
      .init("service", .text(r.service)),
      .init("sku", .text(r.sku)),
      .init("sheetKey", .text(r.sheetKey)),
      .init("model", .text(r.model ?? r.sheetModel)),
      .init("region", .text(r.region)),
      .init("scope", .text(r.scope)),
      .init("tier", .text(r.tier)),
      .init("meter", .text(r.meter)),
      .init("unit", .text(r.unit)),
      .init("currency", .text(r.currency)),
      .init("oldPrice", c.old.map { .decimal($0.priceValue) } ?? .null),
      .init("newPrice", c.new.map { .decimal($0.priceValue) } ?? .null),
      .init("percentChange", c.percentChange.map { .decimal(ExactDecimal.round($0, scale: 2)) } ?? .null),
      .init("effectiveFrom", c.new.map { .text($0.effectiveFrom) } ?? .null),
      // When the old version ended (a withdrawn line's end date; a changed line's old price's).
      .init("effectiveTo", c.old?.effectiveTo.map { .text($0) } ?? .null),
    ])
  }

  /// `ratecard diff`: added, changed (old and new price, % change), withdrawn.
  public static func diff(_ changes: [RateChange], limit: Int? = nil) -> Report {
    let records = (limit.map { Array(changes.prefix($0)) } ?? changes).map(diffRecord)
    let counts = Dictionary(grouping: changes, by: \.kind).mapValues(\.count)
    return Report(
      records: records,
      tableColumns: [
        "change", "provider", "model", "region", "scope", "tier", "meter", "oldPrice", "newPrice",
        "percentChange", "currency",
      ],
      footer: [
        "\(counts[.added] ?? 0) added, \(counts[.changed] ?? 0) changed, \(counts[.withdrawn] ?? 0) withdrawn"
          + (records.count < changes.count ? " (\(records.count) shown, --limit)" : "")
      ])
  }

  /// `ratecard import` summary: one record per source.
  public static func importSummary(_ summaries: [ImportSummary], batch: Int64? = nil) -> Report {
    var report = Report(
      records: summaries.map { s in
        Record([
          .init("source", .text(s.sourceUri)),
          .init("format", .text(s.format)),
          .init("run", s.runId.map { .integer(Int($0)) } ?? .null),
          .init("batch", batch.map { .integer(Int($0)) } ?? .null),
          .init("ratecardVersion", .text(RatecardVersion.current)),
          .init("status", .text(s.status.rawValue)),
          .init("rowsRead", .integer(s.rowsRead)),
          .init("added", .integer(s.added)),
          .init("changed", .integer(s.changed)),
          .init("withdrawn", .integer(s.withdrawn)),
          .init("unchanged", .integer(s.unchanged)),
          .init("skipped", .integer(s.skipped.values.reduce(0, +))),
          .init("unclassified", .integer(s.unclassified.values.reduce(0, +))),
          .init(
            "reasons",
            .list(
              (s.skipped.map { "skipped: \($0.key) (\($0.value))" }
                + s.unclassified.map { "unclassified: \($0.key) (\($0.value))" }).sorted())),
        ])
      },
      tableColumns: [
        "run", "source", "status", "rowsRead", "added", "changed", "withdrawn", "unchanged", "skipped",
        "unclassified",
      ],
      footer: summaries.flatMap { s in
        (s.skipped.sorted { $0.key < $1.key }.map { "  \(s.sourceUri): skipped \($0.value): \($0.key)" })
          + (s.unclassified.sorted { $0.key < $1.key }.map {
            "  \(s.sourceUri): unclassified \($0.value): \($0.key)"
          })
      } + (batch.map { ["batch \($0) (ratecard \(RatecardVersion.current)): --as-of batch:\($0) names the rates right after this import"] } ?? []))
    report.groupedColumns = ["rowsRead", "added", "changed", "withdrawn", "unchanged", "skipped", "unclassified"]
    return report
  }

  /// `ratecard status`: each source's latest import, its version, rate count and age.
  /// How old a source's last successful import is, in whole hours, and whether that is stale.
  static func age(_ s: SourceStatus, now: Date, maxAgeHours: Int) -> (hours: Int?, stale: Bool) {
    let finished = (s.lastSuccess ?? s.lastRun).finishedAt.flatMap(ISODate.parse)
    let hours = finished.map { Int(now.timeIntervalSince($0) / 3600) }
    return (hours, s.lastSuccess == nil || (hours ?? Int.max) > maxAgeHours)
  }

  /// What `status --check` reports: each stale source and each whose last attempt failed or was
  /// refused (empty when healthy).
  public static func health(_ sources: [SourceStatus], now: Date, maxAgeHours: Int) -> [String] {
    sources.flatMap { s -> [String] in
      var problems: [String] = []
      if age(s, now: now, maxAgeHours: maxAgeHours).stale {
        problems.append("\(s.coverageKey): stale (last successful import \(s.lastSuccess?.finishedAt ?? "never"), limit \(maxAgeHours) h)")
      }
      if s.lastRun.status == .failed || s.lastRun.status == .refused {
        problems.append("\(s.coverageKey): last import (run \(s.lastRun.id ?? 0)) \(s.lastRun.status.rawValue)")
      }
      return problems
    }
  }

  public static func status(_ sources: [SourceStatus], now: Date, maxAgeHours: Int) -> Report {
    var footer: [String] = []
    let records = sources.map { s -> Record in
      let last = s.lastSuccess ?? s.lastRun
      let (ageHours, stale) = age(s, now: now, maxAgeHours: maxAgeHours)
      if stale {
        footer.append(
          "warning: \(s.coverageKey): last successful import \(s.lastSuccess?.finishedAt ?? "never") is older than \(maxAgeHours) h"
        )
      }
      if s.lastRun.status == .failed || s.lastRun.status == .refused {
        footer.append("warning: \(s.coverageKey): last attempt \(s.lastRun.status.rawValue): \(s.lastRun.message ?? "")")
      }
      return Record([
        .init("source", .text(s.coverageKey)),
        .init("lastRun", s.lastRun.id.map { .integer(Int($0)) } ?? .null),
        .init("lastSuccessRun", s.lastSuccess?.id.map { .integer(Int($0)) } ?? .null),
        .init("lastUri", .text(last.sourceUri)),
        .init("format", .text(last.format)),
        .init("sheetVersion", last.sheetVersion.map { .text($0) } ?? .null),
        .init("publicationDate", last.publicationDate.map { .text($0) } ?? .null),
        .init("lastImport", last.finishedAt.map { .text($0) } ?? .null),
        .init("lastStatus", .text(s.lastRun.status.rawValue)),
        .init("rates", .integer(s.currentRates)),
        .init("ageHours", ageHours.map { .integer($0) } ?? .null),
        .init("stale", .bool(stale)),
      ])
    }
    var report = Report(
      records: records,
      tableColumns: ["source", "lastRun", "sheetVersion", "lastImport", "lastStatus", "rates", "ageHours", "stale"],
      footer: footer)
    report.groupedColumns = ["rates", "ageHours"]
    return report
  }

  /// `ratecard runs`: one record per import run, newest first.
  public static func runs(_ runs: [ImportRunListing]) -> Report {
    var report = Report(
      records: runs.map { l in
        let r = l.run
        return Record([
          .init("id", r.id.map { .integer(Int($0)) } ?? .null),
          .init("batch", r.batchId.map { .integer(Int($0)) } ?? .null),
          .init("startedAt", .text(r.startedAt)),
          .init("finishedAt", r.finishedAt.map { .text($0) } ?? .null),
          .init("source", .text(l.source)),
          .init("uri", .text(r.sourceUri)),
          .init("format", .text(r.format)),
          .init("status", .text(r.status.rawValue)),
          .init("sheetVersion", r.sheetVersion.map { .text($0) } ?? .null),
          .init("rowsRead", .integer(r.rowsRead)),
          .init("added", .integer(r.ratesAdded)),
          .init("changed", .integer(r.ratesChanged)),
          .init("withdrawn", .integer(r.ratesWithdrawn)),
          .init("unchanged", .integer(r.ratesUnchanged)),
          .init("skipped", .integer(r.rowsSkipped)),
          .init("message", r.message.map { .text($0) } ?? .null),
        ])
      },
      tableColumns: [
        "id", "batch", "finishedAt", "source", "status", "rowsRead", "added", "changed", "withdrawn",
        "unchanged", "skipped",
      ],
      footer: runs.isEmpty ? ["no import runs"] : [])
    report.groupedColumns = ["rowsRead", "added", "changed", "withdrawn", "unchanged", "skipped"]
    return report
  }
}
