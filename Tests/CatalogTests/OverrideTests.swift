import Catalog
import Foundation
import Testing

/// User files (`--catalog`, `$XDG_CONFIG_HOME/ratecard/catalog*`) extend and override the catalogue.
@Suite struct OverrideTests {
  func write(_ text: String, name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func userFileRenamesAnAliasRepointsOneAndAddsAnEvalScore() throws {
    let base = try ModelCatalog.embedded()
    // Given the built-in catalogue
    #expect(base.canonicalModel("Nova Pro") == "amazon/nova-pro-v1")
    #expect(base.canonicalModel("gpt-4o") == "openai/gpt-4o-2024-08-06")
    #expect(base.scores(for: "openai/gpt-oss-120b", benchmark: "Team eval").isEmpty)
    // When a user file renames one alias, re-points another and a second file adds an eval score
    let aliases = try write(
      """
      canonical_id,cloud,kind,alias,source,replaces
      amazon/nova-pro-v1,bedrock,price_list_model,Nova Professional,renamed in our price list,Nova Pro
      openai/gpt-4o-2024-11-20,azure,azure_meter_stem,gpt-4o,we deploy 2024-11-20,

      """, name: "aliases.csv")
    let scores = try write(
      """
      canonical_id,benchmark,score,scale,as_of,source
      openai/gpt-oss-120b,Team eval [support tickets],0.83,share correct (0-1),2026-10-01,our eval run 17
      openai/gpt-oss-120b,LMArena text Elo (style control),1500,elo,2025-01-01,our own arena

      """, name: "scores.csv")
    let catalog = try ModelCatalog.load(userFiles: [aliases, scores])
    // Then both take effect
    #expect(catalog.canonicalModel("Nova Professional") == "amazon/nova-pro-v1")
    #expect(catalog.canonicalModel("Nova Pro") == nil)
    #expect(
      catalog.resolveSheetName(provider: .aws, service: "AmazonBedrock", sheetModel: "Nova Pro", sheetKey: "")
        == nil)
    #expect(catalog.canonicalModel("us.amazon.nova-pro-v1:0") == "amazon/nova-pro-v1")
    #expect(catalog.canonicalModel("gpt-4o") == "openai/gpt-4o-2024-11-20")
    #expect(
      catalog.resolveSheetName(
        provider: .azure, service: "Azure OpenAI", sheetModel: "gpt 4o",
        sheetKey: "gpt 4o dev ft inpt glbl Tokens")
        == "openai/gpt-4o-2024-11-20")
    // Scores match the benchmark text exactly, setting included.
    #expect(catalog.qualityScore(model: "openai/gpt-oss-120b", benchmark: "Team eval") == nil)
    #expect(
      catalog.qualityScore(model: "openai/gpt-oss-120b", benchmark: "Team eval [support tickets]")
        == Decimal(string: "0.83"))
    let team = try #require(catalog.scores(for: "openai/gpt-oss-120b", benchmark: "Team eval [support tickets]").first)
    #expect(team.isUserProvided && team.benchmarkGroup == "Team eval" && team.source == "our eval run 17")
    // A user score wins over the published one for the same benchmark.
    #expect(
      catalog.qualityScore(model: "openai/gpt-oss-120b", benchmark: "LMArena text Elo (style control)")
        == 1500)
    #expect(
      base.qualityScore(model: "openai/gpt-oss-120b", benchmark: "LMArena text Elo (style control)") != 1500)
    #expect(catalog.contentHash != base.contentHash)
  }

  @Test func userModelRowAddsAModelAndMergesIntoAnExistingOne() throws {
    let file = try write(
      """
      canonical_id,vendor,family,max_input_tokens,tool_calling
      acme/house-model-1,ACME,house,32000,true
      openai/gpt-oss-120b,,,,false

      """, name: "models.csv")
    let catalog = try ModelCatalog.load(userFiles: [file])
    #expect(catalog.model("acme/house-model-1")?.maxInputTokens == 32000)
    #expect(catalog.model("acme/house-model-1")?.has(.toolCalling) == true)
    let oss = try #require(catalog.model("openai/gpt-oss-120b"))
    #expect(oss.has(.toolCalling) == false)
    #expect(oss.vendor == "OpenAI" && oss.maxInputTokens != nil)
  }

  @Test func malformedFileIsAnErrorNamingFileAndLine() throws {
    let badScore = try write(
      """
      canonical_id,benchmark,score,scale,as_of,source
      openai/gpt-oss-120b,Team eval,0.8,,,
      openai/gpt-oss-120b,Team eval,0,83,,,

      """, name: "bad.csv")
    #expect(throws: CatalogError.malformed(file: badScore, line: 3, reason: "7 fields, the header has 6")) {
      try ModelCatalog.load(userFiles: [badScore])
    }
    let unknownModel = try write(
      "canonical_id,cloud,kind,alias\nnobody/none,azure,azure_meter_stem,x\n", name: "alias.csv")
    #expect(
      throws: CatalogError.malformed(
        file: unknownModel, line: 2, reason: "alias 'x' names unknown model 'nobody/none'")
    ) { try ModelCatalog.load(userFiles: [unknownModel]) }
    let quote = try write("canonical_id,vendor\nacme/a,AC\"ME\n", name: "quote.csv")
    #expect(throws: CatalogError.malformed(file: quote, line: 2, reason: "a quote inside an unquoted field"))
    {
      try ModelCatalog.load(userFiles: [quote])
    }
    let notScore = try write("canonical_id,benchmark,score\nopenai/gpt-oss-120b,x,high\n", name: "s.csv")
    let error = #expect(throws: CatalogError.self) { try ModelCatalog.load(userFiles: [notScore]) }
    #expect(error?.localizedDescription.hasPrefix("\(notScore):2: score is 'high'") == true)
    let unknown = try write("name,price\na,1\n", name: "other.csv")
    #expect(throws: CatalogError.unknownTable(file: unknown, header: ["name", "price"])) {
      try ModelCatalog.load(userFiles: [unknown])
    }
  }
}
