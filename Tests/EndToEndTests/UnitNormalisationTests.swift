import Foundation
import TestSupport
import Testing

/// Every token price is per 1M tokens, training tokens included (the sheet's `1K tokens` kept
/// beside it as `sheetUnit` and `sheetPrice`).
@Suite("unit normalisation end to end")
struct UnitNormalisationTests {
  let dir = TemporaryDirectory()

  @Test("AWS training tokens (meter other) are per 1M tokens, from the real AmazonBedrock offer")
  func trainingTokens() throws {
    let db = dir.path("units.sqlite")
    let sheet = TestPaths.pricesheet("aws/offers/v1.0/aws/AmazonBedrock/current/index.json")
    let imported = try Run.process(TestPaths.ratecardBinary, ["import", sheet, "--db", db, "--quiet"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let r = try Run.process(
      TestPaths.ratecardBinary, ["rates", "--sku", "043XNDRNSVWNL2CR", "--db", db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let training = try #require(rows.first { $0["sheetKey"] as? String == "USW2-Llama3-2-90B-customization-training" })
    #expect(training["variant"] as? String == "training")
    #expect(training["sheetUnit"] as? String == "1K tokens")
    #expect(training["sheetPrice"] as? String == "0.0079000000")
    #expect(training["unit"] as? String == "1M tokens")
    #expect(training["price"] as? String == "7.9")
  }

  @Test("Azure image meters sold per 100 images are per image, the sheet's block kept beside")
  func azureImages() throws {
    let db = dir.path("images.sqlite")
    let page = TestPaths.pricesheet("azure/retail-prices/page-0001.json")
    let imported = try Run.process(TestPaths.ratecardBinary, ["import", page, "--db", db, "--quiet"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let r = try Run.process(TestPaths.ratecardBinary, ["rates", "--db", db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let images = rows.filter { ($0["sheetKey"] as? String)?.hasSuffix("Images") == true }
    #expect(!images.isEmpty)
    #expect(images.allSatisfy { $0["unit"] as? String == "image" })
    #expect(!rows.contains { ($0["unit"] as? String)?.hasSuffix("images") == true })
    let dalle = try #require(images.first { ($0["sheetKey"] as? String)?.hasPrefix("Image-Dall-E-3 HD LowRes-regnl EP") == true && $0["region"] as? String == "eastus" })
    #expect(dalle["sheetUnit"] as? String == "100")
    #expect(dalle["price"] as? String == "0.088")
  }
}
