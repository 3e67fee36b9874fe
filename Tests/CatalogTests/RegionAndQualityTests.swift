@testable import Catalog
import Foundation
import Pricing
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
      #expect(QualityScore.group(name) == QualityScore.characterGroup(name), "\(name.debugDescription)")
      if let a = QualityScore.asciiGroup(name) {
        ascii += 1
        #expect(a == QualityScore.characterGroup(name), "\(name.debugDescription)")
      }
    }
    #expect(ascii > names.count / 2)
    #expect(QualityScore.asciiGroup("Élo [x]") == nil)
    #expect(QualityScore.group("Élo  [x] 2") == "Élo 2")
  }

  @Test func benchmarkGroupsStripBracketText() throws {
    #expect(QualityScore.group("GPQA Diamond [self-reported; Diamond]") == "GPQA Diamond")
    #expect(catalog.benchmarks.contains("SWE-bench Verified"))
    #expect(!catalog.benchmarks.contains { $0.contains("[") })
    let swe = catalog.scores(for: "anthropic/claude-3.7-sonnet-20250219", benchmark: "SWE-bench Verified")
    #expect(!swe.isEmpty)
    #expect(swe.allSatisfy { $0.benchmarkGroup == "SWE-bench Verified" && $0.score != nil })
  }
}
