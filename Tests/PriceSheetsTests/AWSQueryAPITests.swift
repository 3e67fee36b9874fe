import Foundation
import PriceSheets
import Pricing
import Testing

/// The Query API (`aws pricing get-products`) shapes in `verbatim/aws/`.
@Suite("AWS Query API")
struct AWSQueryAPITests {
  static let awscli = "verbatim/aws/getproducts_AmazonBedrock_use1_Claude2.0_input_awscli-9567.json"
  static let trimmed = "verbatim/aws/getproducts_items_trimmed_verified_2026-08-26.jsonl"

  @Test("get-products output: PriceList strings are parsed again into rates")
  func awscliAnswer() throws {
    let document = try AWSTestData.document(AWSTestData.shared(Self.awscli))
    #expect(try FormatDetector.detect(document) == .awsQueryAPI)
    let sheet = try AWSQueryAPIReader().read([document], options: ReadOptions())
    #expect(sheet.rowsRead == 1)
    let rate = try #require(sheet.rates.first)
    #expect(rate.sku == "3G679R3Y8YSQSJTA" && rate.rateKey == "3G679R3Y8YSQSJTA.JRTCKXETXF")
    #expect(rate.service == "AmazonBedrock" && rate.region == "us-east-1")
    #expect(rate.tier == .standard && rate.meter == .input && rate.scope == .regional && rate.variant == "")
    #expect(rate.sheetPrice == "0.0080000000" && rate.price == 8 && rate.unit == "1M tokens")
    #expect(rate.effectiveFrom == "2025-06-01T00:00:00Z")
    #expect(sheet.sheetVersion == "20250618225550")
    #expect(sheet.publicationDate == "2025-06-18T22:55:50Z")
    // The answer speaks for the offers and regions it lists.
    #expect(sheet.coverage.services == ["AmazonBedrock"])
    #expect(sheet.coverage.regions == ["us-east-1"])
    #expect(sheet.coverage.contains(rate))
    // The same SKU in the 2026 bulk file: same class and price.
    let bulk = try AWSTestData.sheet(AWSTestData.bulk(AWSOffers.bedrock))
    let same = try #require(bulk.rates.first { $0.sku == rate.sku })
    #expect(same.price == rate.price && same.meter == rate.meter && same.scope == rate.scope)
  }

  @Test("trimmed GetProducts items (JSON Lines) parse and classify like the bulk file's SKUs")
  func trimmedItems() throws {
    let document = try AWSTestData.document(AWSTestData.shared(Self.trimmed))
    let items = try AWSQueryAPIReader.items(document)
    #expect(items.count == 10)
    // Its publisher trimmed serviceCode and effectiveDate: reading it whole says so, by path.
    #expect {
      try AWSQueryAPIReader().read([document], options: ReadOptions())
    } throws: { error in
      (error as? SheetError)?.errorDescription?.contains("line 1.serviceCode") == true
    }
    let bulk = try AWSTestData.sheet(AWSTestData.bulk(AWSOffers.bedrock))
    let bySku = Dictionary(bulk.rates.map { ($0.sku, $0) }, uniquingKeysWith: { a, _ in a })
    let classifier = AWSClassifier()
    for (path, var item) in items {
      item.product.attributes["servicecode"] = "AmazonBedrock"
      item.publicationDate = "2026-08-26T00:00:00Z"
      let rows = try AWSQueryAPIReader.rows(item, path: path, file: document.uri)
      let row = try #require(rows.count == 1 ? rows.first : nil)
      let known = try #require(bySku[row.sku], "real SKU \(row.sku) is in the bulk file")
      #expect(row.priceText == known.sheetPrice, "\(row.sku)")
      guard case .classified(let c) = classifier.classify(row) else {
        Issue.record("\(row.sku) not classified")
        continue
      }
      #expect(c.tier == known.tier && c.meter == known.meter, "\(row.sku)")
      #expect(c.scope == known.scope && c.variant == known.variant, "\(row.sku)")
    }
  }

  @Test("PriceList elements may be objects as well as strings")
  func objectElements() throws {
    let item = try String(contentsOfFile: AWSTestData.shared(Self.awscli), encoding: .utf8)
    let envelope = try JSONSerialization.jsonObject(with: Data(item.utf8)) as? [String: Any]
    let text = try #require((envelope?["PriceList"] as? [String])?.first)
    let json = "{\"FormatVersion\":\"aws_v1\",\"PriceList\":[\(text)]}"
    let sheet = try AWSQueryAPIReader().read(
      [SheetDocument(uri: "objects.json", data: Data(json.utf8))], options: ReadOptions())
    #expect(sheet.rates.map(\.sku) == ["3G679R3Y8YSQSJTA"])
  }
}
