import Foundation
import PriceSheets
import Testing

/// The offer index and region index expanders.
@Suite("AWS index expanders")
struct AWSExpanderTests {
  static let index = AWSTestData.offers.appendingPathComponent("index.json").path

  @Test("the offer index leads to the three Bedrock offers' bulk files, not AWSLambda or AgentCore")
  func offerIndex() throws {
    let document = try AWSTestData.document(Self.index)
    #expect(try FormatDetector.detect(document) == .awsOfferIndex)
    let links = try AWSOfferIndexExpander().expand(document, options: ReadOptions())
    #expect(
      links == [
        "/offers/v1.0/aws/AmazonBedrock/current/index.json",
        "/offers/v1.0/aws/AmazonBedrockFoundationModels/current/index.json",
        "/offers/v1.0/aws/AmazonBedrockService/current/index.json",
      ])
  }

  @Test("with regions chosen, the offer index leads to the region indexes")
  func offerIndexWithRegions() throws {
    let links = try AWSOfferIndexExpander().expand(
      try AWSTestData.document(Self.index), options: ReadOptions(regions: ["us-east-1"]))
    #expect(links.allSatisfy { $0.hasSuffix("/current/region_index.json") })
    #expect(links.count == 3)
  }

  @Test("the region index leads to the chosen regions' files")
  func regionIndex() throws {
    let path = AWSTestData.offers.appendingPathComponent("AmazonBedrock/current/region_index.json").path
    let document = try AWSTestData.document(path)
    #expect(try FormatDetector.detect(document) == .awsRegionIndex)
    let all = try AWSRegionIndexExpander().expand(document, options: ReadOptions())
    #expect(all.count == 21)
    let some = try AWSRegionIndexExpander().expand(
      document, options: ReadOptions(regions: ["us-east-1", "eu-west-1", "xx-nowhere-9"]))
    #expect(
      some == [
        "/offers/v1.0/aws/AmazonBedrock/20260911124408/eu-west-1/index.json",
        "/offers/v1.0/aws/AmazonBedrock/20260911124408/us-east-1/index.json",
      ])
  }

  @Test("an index without Bedrock offers is an error naming the file")
  func noBedrock() throws {
    let json =
      #"{"formatVersion":"v1.0","offers":{"AWSLambda":{"offerCode":"AWSLambda","currentVersionUrl":"/x"}}}"#
    #expect {
      try AWSOfferIndexExpander().expand(
        SheetDocument(uri: "idx.json", data: Data(json.utf8)), options: ReadOptions())
    } throws: { error in
      (error as? SheetError)?.errorDescription?.hasPrefix("idx.json: offers: the index lists none") == true
    }
  }
}
