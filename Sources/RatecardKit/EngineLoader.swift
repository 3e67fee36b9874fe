import Catalog
import CostEngine
import Foundation
import Pricing
import RateStore

/// Builds the cost engine from the store. At the current snapshot it goes through the store's
/// engine cache: the rates the offer book uses and the book's layout, stored once per rate state
/// and catalogue, so a run reads one blob instead of every rate and does not group them again; a stale or unreadable cache is rebuilt and stored again
/// (best effort: a read-only or busy database just skips storing). `--as-of` snapshots read the
/// rate table directly.
public enum EngineLoader {
  /// What `engine(...)` did, for timings and tests.
  public enum Path: Sendable, Equatable {
    /// Rates read from the rate table (a past snapshot, the cache disabled, or a cached layout
    /// that does not fit its rates).
    case direct
    /// Rates decoded from a matching cache payload.
    case cached
    /// Rates read from the rate table and the payload stored (`stored` false when storing failed).
    case rebuilt(stored: Bool)
  }

  /// The engine over `store` at `snapshot`; `useCache` false always reads the rate table.
  public static func engine(
    store: RateStore, catalog: ModelCatalog, snapshot: Snapshot = .current,
    throughput: ThroughputTable = ThroughputTable(), useCache: Bool = true
  ) throws -> (engine: WorkloadEngine, path: Path) {
    guard snapshot == .current, useCache else {
      let engine = try WorkloadEngine(
        source: StoreRateSource(store: store, snapshot: snapshot), catalog: catalog, throughput: throughput)
      return (engine, .direct)
    }
    let load = try store.cachedEngineRates(StoreRateSource.filters, tag: tag(catalog))
    if load.fromCache {
      if let book = OfferBook(rates: load.rates, layout: load.layout, catalog: catalog) {
        return (WorkloadEngine(book: book, catalog: catalog, throughput: throughput), .cached)
      }
      // A layout that does not fit its rates (not written by this version): read the rate table;
      // the next run that finds another key replaces the payload.
      return try engine(store: store, catalog: catalog, snapshot: snapshot, throughput: throughput, useCache: false)
    }
    let engine = WorkloadEngine(rates: load.rates, catalog: catalog, throughput: throughput)
    let used = engine.book.ratePositionsInUse()
    let stored = store.storeEngineCache(
      key: load.key, rates: used.map { load.rates[$0] }, priceTexts: used.map { load.priceTexts[$0] },
      layout: engine.book.layout(positions: used))
    return (engine, .rebuilt(stored: stored))
  }

  /// The caller's part of the cache key: the catalogue's content, the offer rules and the selection.
  static func tag(_ catalog: ModelCatalog) -> String {
    "offers \(OfferBook.rulesVersion) layout \(OfferBook.layoutVersion); catalog \(catalog.contentHash); filters \(StoreRateSource.filters.map(\.keyText).joined(separator: "; "))"
  }
}
