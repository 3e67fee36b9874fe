import Foundation
import PriceSheets
import Pricing
import Testing

/// The same offer read in different shapes gives the same rates.
@Suite("AWS shape equivalence")
struct AWSEquivalenceTests {
  /// The per-region files of an offer, from its region index.
  static func regionalFiles(_ offer: String) throws -> [(region: String, path: String)] {
    let indexPath = AWSTestData.offers.appendingPathComponent("\(offer)/current/region_index.json").path
    let links = try AWSRegionIndexExpander().expand(
      try AWSTestData.document(indexPath), options: ReadOptions())
    return links.map { link in
      let path = AWSTestData.pricesheets.appendingPathComponent("aws").path + link
      let region = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
      return (region, path)
    }
  }

  @Test(
    "bulk file and per-region files give the same rates for every region",
    arguments: [AWSOffers.bedrock, AWSOffers.foundationModels, AWSOffers.service])
  func bulkVersusRegional(offer: String) throws {
    let bulk = try AWSTestData.sheet(AWSTestData.bulk(offer))
    let files = try Self.regionalFiles(offer)
    #expect(files.count >= 19)
    var total = 0
    for (region, path) in files {
      let regional = try AWSTestData.sheet(path)
      #expect(regional.coverage.regions == [region], "\(path)")
      #expect(regional.coverage.services == [offer])
      #expect(regional.unclassified.isEmpty)
      let fromBulk = Set(bulk.rates.filter { $0.region == region })
      #expect(Set(regional.rates) == fromBulk, "\(offer) \(region)")
      #expect(regional.rates.count == fromBulk.count)
      total += regional.rates.count
    }
    #expect(total == bulk.rates.count, "the regions cover the bulk file")
  }

  @Test("bulk file read with --region equals the per-region file")
  func bulkWithRegionOption() throws {
    let bulk = try AWSTestData.sheet(AWSTestData.bulk(AWSOffers.bedrock), regions: ["eu-central-1"])
    let regional = try AWSTestData.sheet(
      AWSTestData.offers.appendingPathComponent("AmazonBedrock/20260911124408/eu-central-1/index.json").path)
    #expect(bulk.coverage.regions == ["eu-central-1"])
    #expect(Set(bulk.rates) == Set(regional.rates))
    #expect(regional.rates.count == 161)
    #expect(bulk.skipped["region not selected"] == 4558 - 161)
  }

  @Test(
    "JSON and CSV variants of the FM offer give identical rates",
    arguments: ["current", "20260911124410/us-east-1", "20260911124410/eu-central-1"])
  func jsonVersusCSV(folder: String) throws {
    let base = AWSTestData.offers.appendingPathComponent("AmazonBedrockFoundationModels/\(folder)")
    let json = try AWSTestData.sheet(base.appendingPathComponent("index.json").path)
    let csv = try AWSTestData.sheet(base.appendingPathComponent("index.csv").path)
    #expect(csv.format == .awsOfferCSV)
    #expect(json.rates.count == csv.rates.count)
    #expect(json.rates == csv.rates, "same rates in the same order")
    #expect(json.rowsRead == csv.rowsRead)
    #expect(json.skipped == csv.skipped)
    #expect(json.unclassified == csv.unclassified)
    #expect(json.coverage == csv.coverage)
    #expect(json.sheetVersion == csv.sheetVersion)
    #expect(json.publicationDate == csv.publicationDate)
  }
}
