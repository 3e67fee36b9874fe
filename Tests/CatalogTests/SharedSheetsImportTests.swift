import Catalog
import Foundation
import PriceSheets
import RateStore
import RatecardKit
import Testing

/// After importing every sheet in ../shared/pricesheets/, `ratecard catalog unmatched` lists no
/// token rate. Runs once the AWS and Azure readers are registered in `FormatRegistry`.
@Suite struct SharedSheetsImportTests {
  static var readersRegistered: Bool {
    SheetFormat.awsOfferJSON.reader != nil && SheetFormat.azureRetail.reader != nil
  }

  @Test(.enabled(if: readersRegistered, "needs the AWS and Azure readers (branches aws, azure)"))
  func importingEverySheetLeavesNoUnmatchedTokenRate() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "catalog-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let env = ["HOME": dir.path, "XDG_CONFIG_HOME": dir.path]
    let (store, catalog) = try CatalogLoader.openStore(
      path: dir.appendingPathComponent("db.sqlite").path, environment: env)
    let sheets = CatalogTestData.pricesheets
    let sources = [
      "aws/offers/v1.0/aws/AmazonBedrock/current/index.json",
      "aws/offers/v1.0/aws/AmazonBedrockFoundationModels/current/index.json",
      "aws/offers/v1.0/aws/AmazonBedrockService/current/index.json",
      "azure/retail-prices", "azure/retail-prices-eur",
    ].map { sheets.appendingPathComponent($0).path }
    let pipeline = ImportPipeline(store: store, resolver: catalog, fetcher: HTTPFetcher())
    _ = try pipeline.run(ImportRequest(sources: sources))
    let unmatched = try store.unmatchedSheetNames()
    #expect(try store.counts().open > 20_000)
    #expect(unmatched.filter { $0.tokenRates > 0 }.isEmpty, "\(unmatched.filter { $0.tokenRates > 0 })")
  }
}
