import Catalog
import CostEngine
import Foundation
import Pricing
import RateStore
import Reports

/// `ratecard export projection`: the projection of each profile's recommended offer (or of every
/// eligible offer), then of its current deployment (rank `current`), month by month as CSV, plain
/// or FOCUS-aligned, streamed into a ``TextSink``.
/// Columns and rounding: docs/exports.md.
public enum ProjectionExports {
  /// What to export.
  public struct Options: Sendable {
    /// Forecast months (1 = the first month only).
    public var months: Int
    /// Every eligible offer, cheapest first, instead of the recommended one.
    public var allOffers: Bool
    /// FOCUS 1.2-aligned columns instead of ratecard's own.
    public var focus: Bool

    public init(months: Int = 12, allOffers: Bool = false, focus: Bool = false) {
      self.months = months
      self.allOffers = allOffers
      self.focus = focus
    }
  }

  /// What was written.
  public struct Summary: Sendable {
    /// Data rows (the header excluded).
    public var rows = 0
    /// Profiles with no eligible offer (no rows).
    public var profilesWithoutOffer: [String] = []
    public init() {}
  }

  /// The header of the chosen format.
  public static func columns(focus: Bool) -> [String] {
    focus ? FocusForecast.columns : FinanceProjectionCSV.columns
  }

  /// Writes the header and one row per profile x offer x month x cost line, a chunk at a time.
  @discardableResult
  public static func write(
    engine: WorkloadEngine, profiles: [Profile], options: Options, context: FinanceContext,
    to sink: TextSink
  ) throws -> Summary {
    try write(engine: engine, profiles: profiles, options: options, context: context) { sink.write($0) }
  }

  /// As above, writing the CSV text through `emit` (tests, other sinks).
  @discardableResult
  public static func write(
    engine: WorkloadEngine, profiles: [Profile], options: Options, context: FinanceContext,
    emit: (String) -> Void
  ) throws -> Summary {
    var summary = Summary()
    let cells = options.focus ? FocusForecast.cells : FinanceProjectionCSV.cells
    let rows = try CSVLines.write(header: columns(focus: options.focus), to: emit) { row in
      for profile in profiles {
        let result = try engine.projectTop(profile, top: options.allOffers ? .max : 1)
        if result.offers.isEmpty { summary.profilesWithoutOffer.append(profile.name) }
        let ranked = result.offers.enumerated().map { (String($0.offset + 1), $0.element) }
          + (result.current.map { [("current", $0)] } ?? [])
        for (rank, p) in ranked {
          try FinanceLineItem.forEach(
            profile: profile.name, rank: rank, projection: p, growth: profile.growthPerMonth,
            months: options.months, context: context
          ) { try row(cells($0)) }
        }
      }
    }
    summary.rows = rows
    return summary
  }

  /// The context for exports read from `store` at `snapshot`: region names and model vendors from
  /// the catalogue, and the snapshot as `--as-of` would name it (`run:N` for the current rates,
  /// N being the latest import run, so the export can be reproduced).
  public static func context(
    catalog: ModelCatalog, store: RateStore, snapshot: Snapshot, start: FinancePeriod
  ) throws -> FinanceContext {
    let label: String
    switch snapshot {
    case .current: label = try store.importRuns(limit: 1).first?.id.map { "run:\($0)" } ?? "current"
    case .run(let id): label = "run:\(id)"
    case .date(let d): label = d
    }
    return FinanceContext(
      start: start, priceSnapshot: label,
      regionName: { provider, code in catalog.region(provider: provider, code: code)?.displayName },
      publisher: { model in catalog.model(model)?.vendor })
  }
}
