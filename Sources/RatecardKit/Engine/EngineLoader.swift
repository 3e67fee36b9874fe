import Catalog
import CostEngine
import Foundation
import Pricing
import RateStore

/// Builds the cost engine from the store. At the current snapshot it goes through the store's
/// engine cache: the rates the offer book uses and the book's layout, stored once per rate state
/// and catalogue, so a run reads one blob instead of every rate and does not group them again; a
/// stale or unreadable cache is rebuilt and stored again (best effort: a read-only or busy
/// database just skips storing). `--as-of` snapshots read the rate table directly.
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
    try engine(
      store: store, catalogHash: catalog.contentHash, catalog: { catalog }, snapshot: snapshot,
      throughput: { throughput }, useCache: useCache)
  }

  /// Starts loading the engine: reads the user's catalogue files (an unreadable one throws here)
  /// and queues the catalogue build and the throughput table on `background`, a serial queue (one
  /// second thread, so the thread that opens the store keeps its core). The caller may queue more
  /// work behind them (the engine commands parse their profiles there) before ``Pending/finish()``.
  public static func start(
    path: String, busyTimeout: TimeInterval = 60, catalogFiles: [String] = [],
    snapshot: Snapshot = .current, throughputPath: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    background: DispatchQueue = BackgroundValue<Void>.serialQueue()
  ) throws -> Pending {
    let (catalogHash, catalog) = try CatalogLoader.startBuilding(
      catalogFiles: catalogFiles, environment: environment, on: background)
    return Pending(
      path: path, busyTimeout: busyTimeout, snapshot: snapshot, catalogHash: catalogHash, catalog: catalog,
      throughput: BackgroundValue(on: background) { try ThroughputTables.load(path: throughputPath) })
  }

  /// An engine load whose catalogue and throughput table are being built on a second thread.
  public struct Pending: Sendable {
    let path: String
    let busyTimeout: TimeInterval
    let snapshot: Snapshot
    let catalogHash: String
    let catalog: BackgroundValue<ModelCatalog>
    let throughput: BackgroundValue<ThroughputTable>

    /// Opens the store (re-resolving its rates if the catalogue changed) and builds the engine at
    /// the snapshot. The catalogue is needed only once the rates are read (the cache key needs
    /// just its hash), so on a warm run its build overlaps the store open and the cache read.
    /// Errors come in the order of a sequential load: the catalogue's first (a bad user file),
    /// then the store's, then the throughput table's. The store is returned open, for the
    /// command's other questions to it.
    public func finish() throws -> (engine: WorkloadEngine, path: Path, catalog: ModelCatalog, store: RateStore) {
      let store = try catalog.errorFirst {
        let store = try RateStore(path: path, busyTimeout: busyTimeout)
        if try store.catalogStateHash() != catalogHash {
          try CatalogSync.syncIfNeeded(store, catalog: catalog.value())
        }
        return store
      }
      let (engine, how) = try EngineLoader.engine(
        store: store, catalogHash: catalogHash, catalog: catalog.value, snapshot: snapshot,
        throughput: throughput.value, useCache: true)
      return (engine, how, try catalog.value(), store)
    }
  }

  /// The engine, asking for the catalogue and the throughput table only when they are needed.
  static func engine(
    store: RateStore, catalogHash: String, catalog: () throws -> ModelCatalog, snapshot: Snapshot,
    throughput: () throws -> ThroughputTable, useCache: Bool
  ) throws -> (engine: WorkloadEngine, path: Path) {
    guard snapshot == .current, useCache else {
      let catalog = try catalog()
      let engine = try WorkloadEngine(
        source: StoreRateSource(store: store, snapshot: snapshot), catalog: catalog,
        throughput: try throughput())
      return (engine, .direct)
    }
    let load = try store.cachedEngineRates(cacheKey(catalogHash: catalogHash))
    let catalog = try catalog()
    switch load.rates {
    case .cached(let records, let layout):
      if let book = OfferBook(records: records, layout: layout, catalog: catalog) {
        return (WorkloadEngine(book: book, catalog: catalog, throughput: try throughput()), .cached)
      }
      // A layout that does not fit its rates (not written by this version): read the rate table;
      // the next run that finds another key replaces the payload.
      return try engine(
        store: store, catalogHash: catalogHash, catalog: { catalog }, snapshot: snapshot,
        throughput: throughput, useCache: false)
    case .table(let rates, let priceTexts):
      let engine = WorkloadEngine(rates: rates, catalog: catalog, throughput: try throughput())
      let used = engine.book.ratePositionsInUse()
      let stored = store.storeEngineCache(
        key: load.key, rates: used.map { rates[$0] }, priceTexts: used.map { priceTexts[$0] },
        layout: engine.book.layout(positions: used))
      return (engine, .rebuilt(stored: stored))
    }
  }

  /// The engine cache's key for the rates ``StoreRateSource`` selects, resolved against the
  /// catalogue of `catalogHash`.
  static func cacheKey(catalogHash: String) -> EngineCacheKey {
    EngineCacheKey(catalog: catalogHash, filters: StoreRateSource.filters)
  }
}
