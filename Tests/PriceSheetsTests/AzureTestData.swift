import Foundation
import TestSupport
import Pricing

@testable import PriceSheets

/// The shared Azure pages, read and parsed once per test process.
enum AzureTestData {
  /// The package root, from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/pricesheets` from the package root.
  static let pricesheets = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/pricesheets")

  /// The pages of one folder (`azure/retail-prices`), in name order.
  static func pages(_ folder: String) throws -> [SheetDocument] {
    let dir = pricesheets.appendingPathComponent(folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    return try names.map { name in
      let url = dir.appendingPathComponent(name)
      return SheetDocument(uri: url.path, data: try Data(contentsOf: url))
    }
  }

  static let usdPages: [SheetDocument] = (try? pages("azure/retail-prices")) ?? []
  static let eurPages: [SheetDocument] = (try? pages("azure/retail-prices-eur")) ?? []

  /// The whole USD dump, parsed with default options.
  static let usd: Result<ParsedSheet, any Error> = Result {
    try AzureRetailReader().read(usdPages, options: ReadOptions())
  }

  static let eur: Result<ParsedSheet, any Error> = Result {
    try AzureRetailReader().read(eurPages, options: ReadOptions())
  }

  private static let cache = PageCache()

  /// One page as its own source (parsed once per page and options).
  static func page(_ relative: String, options: ReadOptions = ReadOptions()) throws -> ParsedSheet {
    let key = "\(relative)|\(options.includeDevTest)|\(options.regions?.sorted() ?? [])"
    if let hit = cache.get(key) { return hit }
    let url = pricesheets.appendingPathComponent(relative)
    let sheet = try AzureRetailReader().read(
      [SheetDocument(uri: url.path, data: try Data(contentsOf: url))], options: options)
    cache.set(key, sheet)
    return sheet
  }

  /// The Azure rows of `expected/spot_checks.csv`, as header → value dictionaries.
  static func spotChecks() throws -> [[String: String]] {
    try SpotChecks.rows(provider: "azure")
  }

  /// A minimal page with the given items JSON (for envelope tests).
  static func pageJSON(
    currency: String = "USD", items: String, next: String = "null"
  ) -> Data {
    Data(
      """
      {"BillingCurrency":"\(currency)","CustomerEntityId":"Default","CustomerEntityType":"Retail",\
      "Items":\(items),"NextPageLink":\(next),"Count":1}
      """.utf8)
  }

  /// One item JSON with overridable fields (``AzureItemJSON/item(meterId:meterName:price:currency:type:region:location:unit:start:)``).
  static func item(
    meterId: String = "m-1", meterName: String = "gpt 4o 1120 Inp glbl Tokens",
    price: String = "0.0025", currency: String = "USD", type: String = "Consumption",
    region: String = "eastus2", unit: String = "1K"
  ) -> String {
    AzureItemJSON.item(
      meterId: meterId, meterName: meterName, price: price, currency: currency, type: type, region: region,
      unit: unit)
  }
}

/// A thread-safe memo of parsed pages.
final class PageCache: @unchecked Sendable {
  private let lock = NSLock()
  private var sheets: [String: ParsedSheet] = [:]
  func get(_ key: String) -> ParsedSheet? { lock.withLock { sheets[key] } }
  func set(_ key: String, _ sheet: ParsedSheet) { lock.withLock { sheets[key] = sheet } }
}

extension AzureTestData {
  /// A fixture under `Tests/PriceSheetsTests/Fixtures/azure/`.
  static func fixture(_ name: String) throws -> SheetDocument {
    let url = packageRoot.appendingPathComponent("Tests/PriceSheetsTests/Fixtures/azure/\(name)")
    return SheetDocument(uri: url.path, data: try Data(contentsOf: url))
  }
}
