@testable import Catalog
import Foundation
@testable import Pricing
import Testing

@Suite struct RegionAndQualityTests {
  let catalog: ModelCatalog

  init() throws { catalog = try ModelCatalog.embedded() }

  /// Every region code the shared sheets use is known, with a geography.
  @Test func everyRegionInTheSheetsHasAGeography() throws {
    for region in try FileManager.default.contentsOfDirectory(
      atPath: CatalogTestData.pricesheets.appendingPathComponent(
        "aws/offers/v1.0/aws/AmazonBedrock/20260911124408"
      ).path)
    {
      #expect(catalog.geography(provider: .aws, region: region) != nil, "\(region)")
    }
    for meter in ["Global", "", "usgovarizona", "swedencentral", "westeurope", "eastus2"] {
      #expect(catalog.region(provider: .azure, code: meter) != nil, "\(meter)")
    }
    #expect(catalog.geography(provider: .aws, region: "eu-west-1") == "eu")
    #expect(catalog.geography(provider: .azure, region: "swedencentral") == "eu")
    #expect(catalog.geography(provider: .azure, region: "Global") == "global")
    #expect(catalog.isGovernment(provider: .aws, region: "us-gov-west-1") == true)
    #expect(catalog.geography(provider: .aws, region: "us-gov-west-1") == "us")
    #expect(catalog.geography(provider: .aws, region: "eu-west-2") == "uk")
    #expect(catalog.geography(provider: .azure, region: "switzerlandnorth") == "ch")
    #expect(catalog.isGovernment(provider: .azure, region: "usgovvirginia") == true)
    #expect(catalog.isGovernment(provider: .azure, region: "eastus") == false)
    #expect(catalog.region(provider: .azure, code: "chinaeast2")?.isSovereign == true)
  }

  /// The byte-wise grouping of ASCII names equals the character-wise one, on every catalogue
  /// benchmark and on odd spacing and brackets; non-ASCII names take the character path.
  @Test func asciiBenchmarkGroupMatchesCharacterGroup() throws {
    let names = catalog.scores.map(\.benchmark) + [
      "", " ", "[x]", "  a  [b]  c  ", "a]b[c", "a [b [c] d] e", "tab\there", "cr\r\nlf\n", "x\u{0B}y\u{0C}z",
      "]] lead", "trail [open",
    ]
    var ascii = 0
    for name in names {
      #expect(BenchmarkName.group(name) == BenchmarkName.characterGroup(name), "\(name.debugDescription)")
      if let a = BenchmarkName.asciiGroup(name) {
        ascii += 1
        #expect(a == BenchmarkName.characterGroup(name), "\(name.debugDescription)")
      }
    }
    #expect(ascii > names.count / 2)
    #expect(BenchmarkName.asciiGroup("Élo [x]") == nil)
    #expect(BenchmarkName.group("Élo  [x] 2") == "Élo 2")
  }

  @Test func benchmarksMatchExactlyAndGroupOnlyWhenAsked() throws {
    #expect(BenchmarkName.group("GPQA Diamond [self-reported; Diamond]") == "GPQA Diamond")
    #expect(catalog.benchmarks.contains("SWE-bench Verified [metric=resolved]"))
    #expect(catalog.benchmarks.contains("LMArena text Elo (style control) [high]"))
    // Claude 3.7 Sonnet has only a self-reported SWE-bench Verified row: no exact match on the
    // plain name, and as a variant only for a self-reported bar.
    let id = "anthropic/claude-3.7-sonnet-20250219"
    #expect(catalog.scores(for: id, benchmark: "SWE-bench Verified").isEmpty)
    #expect(catalog.scores(for: id, variantsOf: "SWE-bench Verified [metric=resolved]").allSatisfy {
      !QualityScore.isSelfReported($0.benchmark)
    })
    let selfReported = catalog.scores(for: id, variantsOf: "SWE-bench Verified [self-reported; standard]")
    #expect(!selfReported.isEmpty)
    #expect(selfReported.allSatisfy { QualityScore.isSelfReported($0.benchmark) && $0.benchmarkGroup == "SWE-bench Verified" })
    // gpt-5-nano: only the [high] variant of the LMArena score.
    let nano = "openai/gpt-5-nano-2025-08-07"
    #expect(catalog.qualityScore(model: nano, benchmark: "LMArena text Elo (style control)") == nil)
    #expect(catalog.scores(for: nano, variantsOf: "LMArena text Elo (style control)").first?.benchmark
      == "LMArena text Elo (style control) [high]")
  }
}
