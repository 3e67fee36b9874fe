import Catalog
import Foundation
import Pricing
import Testing

/// Every name the shared AWS and Azure sheets give a token price resolves to a catalogue model.
@Suite struct SheetNameResolutionTests {
  let catalog: ModelCatalog

  init() throws { catalog = try ModelCatalog.embedded() }

  @Test func everyAWSTokenNameResolves() throws {
    let names = try CatalogTestData.awsTokenNames()
    #expect(names.count > 100)
    let unresolved = names.filter {
      catalog.resolveSheetName(provider: .aws, service: $0.service, sheetModel: $0.name, sheetKey: $0.key)
        == nil
    }
    #expect(unresolved.isEmpty, "unresolved: \(unresolved.map { "\($0.service): \($0.name)" })")
  }

  /// The Azure importer puts the model part of the meter name into `sheetModel`; resolution must not
  /// depend on how much of the meter vocabulary it strips: the stem, the meter name without its unit
  /// and an empty `sheetModel` (meter name in `sheetKey` only) all give the same model.
  @Test func everyAzureTokenMeterResolvesWhateverTheImporterStrips() throws {
    let meters = try CatalogTestData.azureTokenMeters()
    #expect(meters.count > 700)
    var unresolved: [String] = []
    for m in meters {
      let base = CatalogTestData.withoutUnit(m.name)
      let spellings = [SheetName.azureStem(base), base, ""]
      let ids = spellings.map {
        catalog.resolveSheetName(provider: .azure, service: m.service, sheetModel: $0, sheetKey: m.key)
      }
      if ids.contains(where: { $0 == nil }) || Set(ids).count != 1 {
        unresolved.append("\(m.service): \(m.name) -> \(ids.map { $0 ?? "nil" })")
      }
    }
    #expect(unresolved.isEmpty, "\(unresolved)")
  }

  /// Non-chat families resolve to models of their kind, never to a chat model the cost engine
  /// would price a chat workload with.
  @Test func nonChatMetersResolveToNonChatModels() throws {
    let families: [(String, CatalogModel.Kind)] = [
      ("embedding", .embedding), ("Embed v4", .embedding), ("transcribe", .audio), ("tts", .audio),
      ("gpt-image-1", .image), ("gpt img", .image), ("Image 2", .image), ("realtime", .realtime),
      ("gpt rt", .realtime), ("gpt aud", .audio),
    ]
    let meters = try CatalogTestData.azureTokenMeters()
    for (word, kind) in families {
      let matching = meters.filter { $0.name.range(of: word, options: .caseInsensitive) != nil }
      #expect(!matching.isEmpty, "no meter contains \(word)")
      for m in matching {
        let id = catalog.resolveSheetName(
          provider: .azure, service: m.service, sheetModel: "", sheetKey: m.key)
        #expect(id.flatMap { catalog.model($0)?.kind } == kind, "\(m.name) -> \(id ?? "nil")")
      }
    }
    let aws = try CatalogTestData.awsTokenNames().filter { $0.name.contains("Embed") }
    #expect(!aws.isEmpty)
    for n in aws {
      let id = catalog.resolveSheetName(
        provider: .aws, service: n.service, sheetModel: n.name, sheetKey: n.key)
      #expect(id.flatMap { catalog.model($0)?.kind } == .embedding, "\(n.name)")
    }
  }

  @Test(arguments: [
    ("Azure OpenAI", "gpt 4o 1120", "openai/gpt-4o-2024-11-20"),
    ("Azure OpenAI GPT5", "5.4 mini", "openai/gpt-5.4-mini"),
    ("Azure Grok Models", "4.3", "xai/grok-4.3"),
    ("Azure Deepseek Models", "R1", "deepseek/deepseek-r1"),
    ("Azure Deepseek Models", "V4 Pro", "deepseek/deepseek-v4-pro"),
    ("Azure OpenAI OSS Models", "gpt-oss-120B", "openai/gpt-oss-120b"),
    ("Cohere Models", "Command A", "cohere/command-a-03-2025"),
    ("Azure Llama Models", "Llama 3.3 70B", "meta/llama-3.3-70b-instruct"),
    ("Azure OpenAI PP FT GPT4s", "4.1", "openai/gpt-4.1-2025-04-14"),
  ])
  func azureStemsNeedTheirProduct(product: String, stem: String, id: String) {
    #expect(
      catalog.resolveSheetName(provider: .azure, service: product, sheetModel: stem, sheetKey: "") == id)
  }

  @Test func anyAliasResolvesToItsCanonicalID() {
    #expect(
      catalog.canonicalModel("us.anthropic.claude-3-haiku-20240307-v1:0")
        == "anthropic/claude-3-haiku-20240307")
    #expect(catalog.canonicalModel("global.anthropic.claude-sonnet-4-6") == "anthropic/claude-sonnet-4.6")
    #expect(catalog.canonicalModel("gpt-4o@2024-11-20") == "openai/gpt-4o-2024-11-20")
    #expect(catalog.canonicalModel("OPENAI/GPT-OSS-120B") == "openai/gpt-oss-120b")
    #expect(catalog.canonicalModel("Nova Pro") == "amazon/nova-pro-v1")
    #expect(catalog.canonicalModel("no such model") == nil)
  }
}
