import Catalog
import Foundation
import Pricing
import RateStore

/// Loads the model catalogue that rates resolve against: the data compiled into the binary, then
/// the user's files under `$XDG_CONFIG_HOME/ratecard/` (`catalog.csv`, `catalog/*.csv`), then the
/// files given with `--catalog`, later files overriding earlier ones.
public enum CatalogLoader {
  /// The user catalogue files that exist, in the order they apply.
  public static func userFiles(
    explicit: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> [String] {
    let config = RatecardPaths.configDirectory(environment: environment)
    var files: [String] = []
    let fm = FileManager.default
    let single = config + "/catalog.csv"
    if fm.fileExists(atPath: single) { files.append(single) }
    var isDirectory: ObjCBool = false
    let dir = config + "/catalog"
    if fm.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue {
      files.append(dir)
    }
    return files + explicit
  }

  /// The catalogue with the user's files applied. Throws ``CatalogError`` naming file and line.
  public static func load(
    explicit: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> ModelCatalog {
    try ModelCatalog.load(userFiles: userFiles(explicit: explicit, environment: environment))
  }

  /// Opens the store and brings the rates' resolved models up to date with the catalogue (see
  /// ``CatalogSync``); commands that read rates open the store through this.
  public static func openStore(
    path: String, busyTimeout: TimeInterval = 60, catalogFiles: [String] = [],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> (store: RateStore, catalog: ModelCatalog) {
    let catalog = try load(explicit: catalogFiles, environment: environment)
    let store = try RateStore(path: path, busyTimeout: busyTimeout)
    try CatalogSync.syncIfNeeded(store, catalog: catalog)
    return (store, catalog)
  }

  /// Opens the store while the catalogue is built on a second thread, for an import, which needs
  /// the catalogue only once its first parse is under way (``ImportPipeline/init(store:catalog:prepare:fetcher:)``
  /// with ``syncStore(_:)`` as its `prepare`). An unreadable user file throws here; a catalogue
  /// error is thrown before a store error, as by ``openStore(path:busyTimeout:catalogFiles:environment:)``.
  public static func openStoreBuildingCatalog(
    path: String, busyTimeout: TimeInterval = 60, catalogFiles: [String] = [],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> (store: RateStore, catalog: BackgroundValue<ModelCatalog>) {
    let catalog = try startBuilding(catalogFiles: catalogFiles, environment: environment).catalog
    return (try catalog.errorFirst { try RateStore(path: path, busyTimeout: busyTimeout) }, catalog)
  }

  /// Reads the user's catalogue files now (an unreadable one throws here) and queues the
  /// catalogue's build on `queue`: its content hash is known at once, the catalogue later.
  public static func startBuilding(
    catalogFiles: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
    on queue: DispatchQueue = BackgroundValue<Void>.serialQueue()
  ) throws -> (contentHash: String, catalog: BackgroundValue<ModelCatalog>) {
    let sources = try ModelCatalog.sources(
      userFiles: userFiles(explicit: catalogFiles, environment: environment))
    return (ModelCatalog.contentHash(of: sources), BackgroundValue(on: queue) { try ModelCatalog(sources: sources) })
  }

  /// Brings `store`'s resolved models up to date with a catalogue (``CatalogSync``).
  public static func syncStore(_ store: RateStore) -> @Sendable (ModelCatalog) throws -> Void {
    { catalog in try CatalogSync.syncIfNeeded(store, catalog: catalog) }
  }
}
