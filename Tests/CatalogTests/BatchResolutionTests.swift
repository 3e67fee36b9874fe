import Catalog
import Foundation
import PriceSheets
import Pricing
import Testing

/// `ModelCatalog.resolveModels` (the import's remembered resolution) gives every rate of the shared
/// sheets the model `canonicalModel(for:)` gives it alone.
@Suite struct BatchResolutionTests {
  func sheets() throws -> [[Rate]] {
    let base = CatalogTestData.pricesheets
    var result: [[Rate]] = []
    for offer in CatalogTestData.awsOffers {
      let path = base.appendingPathComponent("aws/offers/v1.0/aws/\(offer)/current/index.json").path
      result.append(
        try AWSOfferJSONReader().read(
          [SheetDocument(uri: path, contentsOfFile: path)], options: ReadOptions()
        ).rates)
    }
    for dir in ["azure/retail-prices", "azure/retail-prices-eur"] {
      let url = base.appendingPathComponent(dir)
      let pages = try FileManager.default.contentsOfDirectory(atPath: url.path)
        .filter { $0.hasSuffix(".json") }.sorted()
        .map { url.appendingPathComponent($0).path }
      result.append(
        try AzureRetailReader().read(
          pages.map { SheetDocument(uri: $0, contentsOfFile: $0) }, options: ReadOptions()
        ).rates)
    }
    return result
  }

  @Test("the batch answer equals the per-rate answer on every shared sheet")
  func batchEqualsPerRate() throws {
    let catalog = try ModelCatalog.load(userFiles: [])
    var resolved = 0
    var total = 0
    for var rates in try sheets() {
      let expected = rates.map { catalog.canonicalModel(for: $0) }
      catalog.resolveModels(&rates)
      #expect(rates.map(\.model) == expected)
      resolved += expected.compactMap { $0 }.count
      total += rates.count
    }
    #expect(total > 20_000)
    #expect(resolved > total / 2)
  }

  @Test("a row whose sheetModel resolves to nothing falls back to its sheetKey, per row")
  func fallbackPerRow() throws {
    let catalog = try ModelCatalog.load(userFiles: [])
    func rate(_ sheetModel: String, _ sheetKey: String) -> Rate {
      Rate(
        provider: .aws, service: "AmazonBedrock", rateKey: sheetKey, sku: "S", sheetKey: sheetKey,
        sheetModel: sheetModel, region: "us-east-1", scope: .regional, tier: .standard, meter: .input,
        sheetUnit: "1K tokens", sheetPrice: "1", unit: "1M tokens", price: 1000, currency: "USD",
        effectiveFrom: "2026-01-01T00:00:00Z")
    }
    var rates = [
      rate("", "USE1-Claude3Haiku-input-tokens"), rate("", "USE1-NoSuchModel-input-tokens"),
      rate("no such model", "EUC1-Claude3Haiku-input-tokens"), rate("", ""),
    ]
    let expected = rates.map { catalog.canonicalModel(for: $0) }
    catalog.resolveModels(&rates)
    #expect(rates.map(\.model) == expected)
  }
}
