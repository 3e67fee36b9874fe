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
}
