import Catalog
import CostEngine
import Foundation
import RateStore
import RatecardKit
import TestSupport

/// Engines over real sheets, each imported once per test process into a temporary store with the
/// real catalogue and the built-in throughput table: every shared sheet (../shared/pricesheets:
/// the AWS offer index, the Azure Retail Prices pages) and the demo's (data/sheets).
final class RealSheetEngines: @unchecked Sendable {
  let dir = TemporaryDirectory()
  let engine: WorkloadEngine
  let catalog: ModelCatalog

  static let shared = Result {
    try RealSheetEngines(sources: [
      TestPaths.pricesheet("aws/offers/v1.0/aws/index.json"), TestPaths.pricesheet("azure/retail-prices"),
    ])
  }
  static let demo = Result {
    try RealSheetEngines(sources: [
      TestPaths.packageRoot.appendingPathComponent("data/sheets/aws").path,
      TestPaths.packageRoot.appendingPathComponent("data/sheets/azure").path,
    ])
  }

  init(sources: [String]) throws {
    let env = ["HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path]
    let (store, catalog) = try CatalogLoader.openStore(path: dir.path("db.sqlite"), environment: env)
    _ = try ImportPipeline(store: store, resolver: catalog, fetcher: HTTPFetcher()).run(ImportRequest(sources: sources))
    self.catalog = catalog
    engine = try WorkloadEngine(
      source: StoreRateSource(store: store), catalog: catalog, throughput: ThroughputTables.load(path: nil))
  }
}

/// The first profile of a YAML text.
func profile(_ yaml: String) throws -> Profile {
  guard let p = try ProfileParser().parse(yaml, file: "test.yaml").first else { throw CocoaError(.coderValueNotFound) }
  return p
}
