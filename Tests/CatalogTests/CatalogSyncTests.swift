import Catalog
import Foundation
import Pricing
import RateStore
import RatecardKit
import Reports
import Testing

/// Re-resolution when the catalogue changes, `catalog unmatched` and `models --both-clouds`,
/// on a store holding rates named as the shared sheets name them.
@Suite struct CatalogSyncTests {
  func rate(
    _ provider: Provider, _ service: String, _ sheetModel: String, key: String, region: String,
    meter: Meter, price: String, scope: Scope = .regional, unit: String = "1M tokens"
  ) -> Rate {
    Rate(
      provider: provider, service: service, rateKey: "\(service)|\(key)|\(region)", sku: key,
      sheetKey: key, sheetModel: sheetModel, region: region, scope: scope, tier: .standard,
      meter: meter, sheetUnit: unit, sheetPrice: price, unit: unit, price: ExactDecimal.parse(price)!,
      currency: "USD", effectiveFrom: "2026-09-01T00:00:00Z")
  }

  func sheet(_ rates: [Rate], _ uri: String) -> SheetImport {
    SheetImport(
      sourceKind: "file", sourceUri: uri, format: "test",
      coverage: Coverage(providers: [rates[0].provider], services: nil, regions: nil, currency: "USD"),
      contentSha256: uri, readerKey: "test@1", rates: rates, rowsRead: rates.count, skipped: [:],
      unclassified: [:], sheetVersion: nil, publicationDate: nil)
  }

  func store() throws -> RateStore {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "catalog-sync-\(UUID().uuidString).sqlite")
    let store = try RateStore(path: path.path)
    let aws = [
      rate(
        .aws, "AmazonBedrock", "gpt-oss-120b", key: "USE1-openai.gpt-oss-120b-input-tokens",
        region: "us-east-1", meter: .input, price: "0.15"),
      rate(
        .aws, "AmazonBedrock", "gpt-oss-120b", key: "USE1-openai.gpt-oss-120b-output-tokens",
        region: "us-east-1", meter: .output, price: "0.6"),
      rate(
        .aws, "AmazonBedrock", "gpt-oss-120b", key: "EUC1-openai.gpt-oss-120b-input-tokens",
        region: "eu-central-1", meter: .input, price: "0.18"),
      rate(
        .aws, "AmazonBedrock", "Mystery Model 9", key: "USE1-Mystery9-input-tokens", region: "us-east-1",
        meter: .input, price: "1"),
      rate(
        .aws, "AmazonBedrock", "", key: "USE1-Guardrail-ContentPolicy", region: "us-east-1", meter: .other,
        price: "0.15", unit: "1K text units"),
    ]
    let azure = [
      rate(
        .azure, "Azure OpenAI OSS Models", "gpt-oss-120B", key: "gpt-oss-120B Inp glbl Tokens",
        region: "eastus2", meter: .input, price: "0.15", scope: .global),
      rate(
        .azure, "Azure OpenAI OSS Models", "gpt-oss-120B", key: "gpt-oss-120B Outp glbl Tokens",
        region: "eastus2", meter: .output, price: "0.6", scope: .global),
    ]
    _ = try store.importSheets([sheet(aws, "aws.json"), sheet(azure, "azure")], guard: ImportGuard())
    return store
  }

  @Test func resolvesOnceThenOnlyWhenTheCatalogueChanges() throws {
    let store = try store()
    let base = try ModelCatalog.embedded()
    // Imported without a resolver: nothing resolved, no catalogue recorded.
    #expect(try store.catalogStateHash() == nil)
    #expect(try store.rates(RateFilter()).allSatisfy { $0.model == nil })

    let first = try CatalogSync.syncIfNeeded(store, catalog: base)
    #expect(first.resolved && first.ratesUpdated == 5)
    #expect(try store.catalogStateHash() == base.contentHash)
    let models = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM model") }
    let regions = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM region") }
    #expect(models == base.models.count && regions == base.regions.count)
    var filter = RateFilter()
    filter.models = ["openai/gpt-oss-120b"]
    #expect(try store.rates(filter).count == 5)

    let again = try CatalogSync.syncIfNeeded(store, catalog: base)
    #expect(!again.resolved && again.ratesUpdated == 0)

    let unmatched = try store.unmatchedSheetNames()
    #expect(unmatched.map(\.sheetModel) == ["Mystery Model 9", ""])
    #expect(unmatched.first?.tokenRates == 1 && unmatched.last?.tokenRates == 0)

    // A user alias for the unknown name: the next open re-resolves, without re-importing.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "catalog-user-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("aliases.csv").path
    try "canonical_id,cloud,kind,alias\nopenai/gpt-oss-120b,bedrock,price_list_model,Mystery Model 9\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let runs = try store.importRuns().count
    let (reopened, catalog) = try CatalogLoader.openStore(
      path: store.path, catalogFiles: [file], environment: ["HOME": dir.path, "XDG_CONFIG_HOME": dir.path])
    #expect(try reopened.catalogStateHash() == catalog.contentHash)
    #expect(try reopened.rates(filter).count == 6)
    #expect(try reopened.unmatchedSheetNames().map(\.tokenRates) == [0])
    #expect(try reopened.importRuns().count == runs)
  }

  @Test func modelsBothCloudsListsModelsWithRatesOnEachCloud() throws {
    let store = try store()
    let catalog = try ModelCatalog.embedded()
    try CatalogSync.syncIfNeeded(store, catalog: catalog)
    var query = CatalogViews.ModelsQuery()
    query.bothClouds = true
    let report = CatalogViews.models(catalog, rates: try store.currentModelTokenRates(), query: query)
    #expect(report.records.map { $0["model"] } == [.text("openai/gpt-oss-120b")])
    let oss = try #require(report.records.first)
    #expect(oss["providers"] == .list(["aws", "azure"]))
    #expect(oss["awsRegions"] == .integer(2) && oss["azureRegions"] == .integer(1))
    #expect(oss["awsInput"] == .decimal(Decimal(string: "0.15")!))
    #expect(oss["azureOutput"] == .decimal(Decimal(string: "0.6")!))
    #expect(oss["scopes"] == .list(["regional", "global"]))
    let json = try OutputFormat.json.string(report)
    #expect(json.contains("\"awsInput\""))
  }
}
