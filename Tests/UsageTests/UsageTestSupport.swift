import Foundation
import PriceSheets
import Pricing
import RateStore
import RatecardKit
import TestSupport
import Testing

@testable import Usage

/// The shared sample month and a store holding the price sheets its lines are priced from.
enum SharedUsage {
  static let folder = TestPaths.shared.appendingPathComponent("usage")

  static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

  static let curFile = path("aws/cur2-2026-10.csv.gz")
  static let awsFocusFile = path("aws/focus12-2026-10.csv.gz")
  static let logFile = path("aws/bedrock-invocations-2026-10.jsonl.gz")
  static let eaFile = path("azure/cost-details-ea-2026-10.csv")
  static let mcaFile = path("azure/cost-details-mca-2026-10.csv")
  static let azureFocusFile = path("azure/focus12-2026-10.csv")

  /// `expected.json`, parsed.
  nonisolated(unsafe) static let expected: [String: Any] = {
    let data = (try? Data(contentsOf: folder.appendingPathComponent("expected.json"))) ?? Data()
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
  }()

  static func section(_ provider: String) -> [String: Any] { expected[provider] as? [String: Any] ?? [:] }

  /// The price sheets the sample month is priced from: the AWS offers of its regions and the
  /// Azure Retail Prices pages (imported once; each test works on its own copy).
  static let sheetStore: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ratecard-usage-sheets-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("sheets.sqlite").path
    if FileManager.default.fileExists(atPath: path) { return path }
    let aws = "aws/offers/v1.0/aws/"
    let sources = [
      aws + "AmazonBedrock/20260911124408/us-east-1/index.json",
      aws + "AmazonBedrock/20260911124408/eu-central-1/index.json",
      aws + "AmazonBedrock/20260911124408/us-west-2/index.json",
      aws + "AmazonBedrockFoundationModels/20260911124410/us-east-1/index.json",
      "azure/retail-prices",
    ].map(TestPaths.pricesheet)
    do {
      let store = try RateStore(path: path)
      let catalog = try CatalogLoader.load(environment: ["HOME": "/nonexistent"])
      let pipeline = ImportPipeline(store: store, resolver: catalog, fetcher: OfflineFetcher())
      _ = try pipeline.run(ImportRequest(sources: sources))
      try store.close()
    } catch {
      Issue.record("the shared price sheets did not import: \(error)")
    }
    return path
  }()

  /// A fresh copy of the sheet store.
  static func store(in dir: TemporaryDirectory) throws -> RateStore {
    let copy = dir.path("usage-\(UUID().uuidString).sqlite")
    // The database and its write-ahead log (the import's pages may not be checkpointed yet).
    try FileManager.default.copyItem(atPath: sheetStore, toPath: copy)
    if FileManager.default.fileExists(atPath: sheetStore + "-wal") {
      try FileManager.default.copyItem(atPath: sheetStore + "-wal", toPath: copy + "-wal")
    }
    return try RateStore(path: copy)
  }

  /// An empty store (no price sheet).
  static func emptyStore(in dir: TemporaryDirectory) throws -> RateStore {
    try RateStore(path: dir.path("empty.sqlite"))
  }

  static func decimal(_ any: Any?) -> Decimal {
    if let s = any as? String { return ExactDecimal.parse(s) ?? -1 }
    if let n = any as? NSNumber { return Decimal(string: n.stringValue) ?? -1 }
    return -1
  }

  static func int(_ any: Any?) -> Int64 { (any as? NSNumber)?.int64Value ?? -1 }
}

/// A fetcher that never touches the network.
struct OfflineFetcher: DocumentFetcher {
  func fetch(_ url: URL) throws -> Data {
    throw SheetError.fetchFailed(url: url.absoluteString, reason: "no network in this test")
  }
}

/// The catalogue, for invocation logs' model ids.
enum TestCatalog {
  static let resolve: @Sendable (String) -> String? = {
    let catalog = try? CatalogLoader.load(environment: ["HOME": "/nonexistent"])
    return { catalog?.canonicalModel($0) }
  }()
}

/// A small CUR 2.0 file with the columns the reader requires (and a few optional ones).
enum MiniCUR {
  static let header =
    "bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_product_code,product_servicecode,line_item_usage_type,line_item_usage_start_date,line_item_usage_amount,pricing_unit,line_item_unblended_rate,line_item_unblended_cost,line_item_currency_code,product_sku,product_region_code,resource_tags"

  /// One token line: `amount` thousands of tokens at `rate` per 1K.
  static func line(
    day: String, sku: String, usageType: String = "USE1-Test-input-tokens", amount: String, rate: String,
    cost: String, currency: String = "USD", region: String = "us-east-1", product: String = "AmazonBedrock",
    type: String = "Usage", unit: String = "1K tokens", payer: String = "999"
  ) -> String {
    "\(payer),111,\(type),\(product),\(product),\(usageType),\(day)T00:00:00Z,\(amount),\(unit),\(rate),\(cost),\(currency),\(sku),\(region),\"{\"\"user_app\"\":\"\"t\"\"}\""
  }

  static func file(_ lines: [String]) -> String { ([header] + lines).joined(separator: "\n") + "\n" }
}
