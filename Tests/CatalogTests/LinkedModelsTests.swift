import Catalog
import Foundation
import Pricing
import Testing

/// Models both clouds sell resolve to one canonical id from each cloud's own names.
@Suite struct LinkedModelsTests {
  @Test func modelsInBothSheetsShareOneCanonicalID() throws {
    let catalog = try ModelCatalog.embedded()
    let aws = Set(
      try CatalogTestData.awsTokenNames().compactMap {
        catalog.resolveSheetName(provider: .aws, service: $0.service, sheetModel: $0.name, sheetKey: $0.key)
      })
    let azure = Set(
      try CatalogTestData.azureTokenMeters().compactMap {
        catalog.resolveSheetName(
          provider: .azure, service: $0.service,
          sheetModel: SheetName.azureStem(CatalogTestData.withoutUnit($0.name)),
          sheetKey: $0.key)
      })
    let both = aws.intersection(azure)
    for id in [
      "openai/gpt-oss-120b", "openai/gpt-oss-20b", "meta/llama-3.3-70b-instruct", "deepseek/deepseek-r1",
      "openai/gpt-5.4", "openai/gpt-5.5", "openai/gpt-5.6-luna", "openai/gpt-5.6-sol", "xai/grok-4.3",
    ] {
      #expect(both.contains(id), "\(id) is not linked across the two sheets")
    }
    // Every OpenAI GPT model the AWS sheets sell that Azure also prices is one of these.
    let awsGPT = aws.filter { $0.hasPrefix("openai/gpt") }
    #expect(awsGPT.intersection(azure) == both.filter { $0.hasPrefix("openai/gpt") })
  }

  /// Llama, Mistral and DeepSeek models the catalogue names on both clouds: each cloud's names
  /// lead to the same model.
  @Test func catalogueNamesOnBothCloudsAgree() throws {
    let catalog = try ModelCatalog.embedded()
    var linked: [String] = []
    for m in catalog.models where ["Meta", "Mistral AI", "DeepSeek"].contains(m.vendor) {
      guard catalog.catalogProviders(of: m.id) == [.aws, .azure] else { continue }
      linked.append(m.id)
      for a in catalog.aliases(of: m.id) {
        #expect(
          catalog.canonicalModel(a.alias) == m.id,
          "\(a.cloud) \(a.kind) \(a.alias) -> \(catalog.canonicalModel(a.alias) ?? "nil")")
      }
    }
    #expect(linked.contains("meta/llama-3.3-70b-instruct"))
    #expect(linked.contains("deepseek/deepseek-r1"))
    #expect(linked.contains { $0.hasPrefix("mistral/") })
  }
}
