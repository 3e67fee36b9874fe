import Foundation
import PriceSheets
import Pricing
import Testing

/// Defective AWS sheets fail with an error naming the file and the place (JSON path or line).
@Suite("AWS errors")
struct AWSErrorTests {
  static let minimal = AWSTestData.fixtures.appendingPathComponent("offer-minimal.json").path

  /// The minimal offer fixture with `edit` applied to its JSON object.
  static func offer(_ edit: (inout [String: Any]) -> Void) throws -> SheetDocument {
    let data = try Data(contentsOf: URL(fileURLWithPath: minimal))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    edit(&object)
    return SheetDocument(uri: "fixture/offer.json", data: try JSONSerialization.data(withJSONObject: object))
  }

  static func message(_ document: SheetDocument, reader: any SheetReader = AWSOfferJSONReader()) -> String {
    do {
      _ = try reader.read([document], options: ReadOptions())
      return "no error"
    } catch {
      return (error as? SheetError)?.errorDescription ?? "\(error)"
    }
  }

  static let sku = "AAAAAAAAAAAAAAAA"
  static let dimension =
    "terms.OnDemand.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.JRTCKXETXF.priceDimensions.AAAAAAAAAAAAAAAA.JRTCKXETXF.6YS6EN2CT7"

  /// Edits the one price dimension of the fixture.
  static func editDimension(_ object: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
    var terms = object["terms"] as! [String: Any]
    var onDemand = terms["OnDemand"] as! [String: Any]
    var bySku = onDemand[sku] as! [String: Any]
    var term = bySku[sku + ".JRTCKXETXF"] as! [String: Any]
    var dims = term["priceDimensions"] as! [String: Any]
    var dim = dims[sku + ".JRTCKXETXF.6YS6EN2CT7"] as! [String: Any]
    edit(&dim)
    dims[sku + ".JRTCKXETXF.6YS6EN2CT7"] = dim
    term["priceDimensions"] = dims
    bySku[sku + ".JRTCKXETXF"] = term
    onDemand[sku] = bySku
    terms["OnDemand"] = onDemand
    object["terms"] = terms
  }

  @Test("the minimal fixture reads")
  func fixtureReads() throws {
    let sheet = try AWSOfferJSONReader().read(
      [try AWSTestData.document(Self.minimal)], options: ReadOptions())
    #expect(sheet.rates.count == 1)
    #expect(sheet.rates.first?.price == ExactDecimal.parse("0.035"))
  }

  @Test("missing products")
  func missingProducts() throws {
    let m = Self.message(try Self.offer { $0["products"] = nil })
    #expect(m == "fixture/offer.json: products: missing key 'products'")
  }

  @Test("missing terms")
  func missingTerms() throws {
    let m = Self.message(try Self.offer { $0["terms"] = nil })
    #expect(m == "fixture/offer.json: terms: missing key 'terms'")
  }

  @Test("a term whose SKU has no product")
  func orphanTerm() throws {
    let m = Self.message(try Self.offer { $0["products"] = [String: Any]() })
    #expect(
      m
        == "fixture/offer.json: terms.OnDemand.AAAAAAAAAAAAAAAA: SKU 'AAAAAAAAAAAAAAAA' has no product in 'products'"
    )
  }

  @Test("bad price text")
  func badPrice() throws {
    let m = Self.message(
      try Self.offer { Self.editDimension(&$0) { $0["pricePerUnit"] = ["USD": "0,0000350000"] } })
    #expect(
      m.hasPrefix(
        "fixture/offer.json: \(Self.dimension).pricePerUnit.USD: '0,0000350000' is not a decimal price"))
  }

  @Test("unknown unit for a token SKU")
  func unknownTokenUnit() throws {
    let m = Self.message(try Self.offer { Self.editDimension(&$0) { $0["unit"] = "1K characters" } })
    #expect(
      m.hasPrefix("fixture/offer.json: \(Self.dimension).unit: unknown unit '1K characters' for a token SKU"))
  }

  @Test("an attribute of the wrong type")
  func attributeType() throws {
    let m = Self.message(
      try Self.offer {
        var products = $0["products"] as! [String: Any]
        var product = products[Self.sku] as! [String: Any]
        var attributes = product["attributes"] as! [String: Any]
        attributes["usagetype"] = 42
        product["attributes"] = attributes
        products[Self.sku] = product
        $0["products"] = products
      })
    #expect(
      m.hasPrefix("fixture/offer.json: products.AAAAAAAAAAAAAAAA.attributes.usagetype: expected a string"))
  }

  @Test("a missing effective date")
  func missingDate() throws {
    let m = Self.message(
      try Self.offer {
        var terms = $0["terms"] as! [String: Any]
        var onDemand = terms["OnDemand"] as! [String: Any]
        var bySku = onDemand[Self.sku] as! [String: Any]
        var term = bySku[Self.sku + ".JRTCKXETXF"] as! [String: Any]
        term["effectiveDate"] = "next Tuesday"
        bySku[Self.sku + ".JRTCKXETXF"] = term
        onDemand[Self.sku] = bySku
        terms["OnDemand"] = onDemand
        $0["terms"] = terms
      })
    #expect(
      m
        == "fixture/offer.json: terms.OnDemand.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.JRTCKXETXF.effectiveDate: 'next Tuesday' is not an ISO 8601 date"
    )
  }

  @Test("truncated JSON")
  func truncated() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.minimal)).prefix(300)
    let m = Self.message(SheetDocument(uri: "fixture/cut.json", data: data))
    #expect(m.hasPrefix("fixture/cut.json: top level: not valid JSON"))
  }

  @Test("CSV: bad price names the line and column")
  func csvBadPrice() throws {
    let path = AWSTestData.fixtures.appendingPathComponent("fm-minimal.csv").path
    let m = Self.message(try AWSTestData.document(path), reader: AWSOfferCSVReader())
    #expect(m.hasPrefix("\(path): line 8, column PricePerUnit: '3,0000000000' is not a decimal price"))
  }

  @Test("Query API: a PriceList string that is not an item names its element")
  func queryElement() throws {
    let json = #"{"FormatVersion":"aws_v1","PriceList":["{\"product\":{\"sku\":\"X\"}}"]}"#
    let m = Self.message(SheetDocument(uri: "q.json", data: Data(json.utf8)), reader: AWSQueryAPIReader())
    #expect(m == "q.json: PriceList[0].product.attributes: missing key 'attributes'")
  }
}
