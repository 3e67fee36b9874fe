import Foundation
import Pricing
import Testing

@testable import PriceSheets

/// The byte-level readers give exactly what the former `JSONDecoder` readers (kept in
/// `Legacy/`, test target only) gave on the real shared sheets: same rates in the same order,
/// same counts, coverage and metadata.
@Suite("JSON readers agree with the former JSONDecoder readers")
struct ParserEquivalenceTests {
  static func expectSame(_ new: ParsedSheet, _ old: ParsedSheet, _ name: String) {
    #expect(new.rates.count == old.rates.count, "\(name)")
    #expect(new.rates == old.rates, "\(name)")
    if new.rates != old.rates {
      for (a, b) in zip(new.rates, old.rates) where a != b {
        Issue.record("\(name): first difference \(a) vs \(b)")
        break
      }
    }
    #expect(new.rowsRead == old.rowsRead, "\(name)")
    #expect(new.skipped == old.skipped, "\(name)")
    #expect(new.unclassified == old.unclassified, "\(name)")
    #expect(new.coverage == old.coverage, "\(name)")
    #expect(new.sheetVersion == old.sheetVersion, "\(name)")
    #expect(new.publicationDate == old.publicationDate, "\(name)")
    #expect(new.format == old.format, "\(name)")
  }

  @Test(
    "AWS bulk offers, all regions and one region",
    arguments: [AWSOffers.bedrock, AWSOffers.foundationModels, AWSOffers.service])
  func awsBulk(offer: String) throws {
    let document = try AWSTestData.document(AWSTestData.bulk(offer))
    for options in [ReadOptions(), ReadOptions(regions: ["us-east-1", "eu-west-1"])] {
      let new = try AWSOfferJSONReader().read([document], options: options)
      let old = try LegacyAWSOfferJSONReader().read([document], options: options)
      Self.expectSame(new, old, offer)
    }
  }

  @Test("AWS per-region files of AmazonBedrock")
  func awsRegional() throws {
    let files = try AWSEquivalenceTests.regionalFiles(AWSOffers.bedrock).prefix(6)
    try #require(files.count == 6, "the shared pack's per-region AmazonBedrock files")
    for (_, path) in files {
      let document = try AWSTestData.document(path)
      let new = try AWSOfferJSONReader().read([document], options: ReadOptions())
      let old = try LegacyAWSOfferJSONReader().read([document], options: ReadOptions())
      Self.expectSame(new, old, path)
    }
  }

  @Test("Azure Retail Prices pages (USD with and without DevTest, EUR)")
  func azure() throws {
    for (pages, options) in [
      (AzureTestData.usdPages, ReadOptions()),
      (AzureTestData.usdPages, ReadOptions(includeDevTest: true)),
      (AzureTestData.usdPages, ReadOptions(regions: ["eastus2", "swedencentral"])),
      (AzureTestData.eurPages, ReadOptions()),
    ] {
      #expect(!pages.isEmpty)
      let new = try AzureRetailReader().read(pages, options: options)
      let old = try LegacyAzureRetailReader().read(pages, options: options)
      Self.expectSame(new, old, "azure \(pages.count) pages")
    }
  }

  @Test("the Azure fixture with nested prices and exponent numbers")
  func azureFixture() throws {
    let document = try AzureTestData.fixture("pretty-savings-plan.json")
    let new = try AzureRetailReader().read([document], options: ReadOptions())
    let old = try LegacyAzureRetailReader().read([document], options: ReadOptions())
    Self.expectSame(new, old, "pretty-savings-plan.json")
  }
}
