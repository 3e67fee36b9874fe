import Foundation
@testable import PriceSheets
import Pricing
import Testing

/// The per-read memo of classifications answers exactly as the classifier does.
@Suite("AWS classification memo")
struct AWSClassificationMemoTests {
  static func row(_ c: AWSClassifierTests.Case, description: String? = nil, region: String = "USE1")
    -> AWSPriceRow
  {
    var attributes = c.attributes
    attributes["usagetype"] = c.usagetype.replacingOccurrences(of: "USE1-", with: region + "-")
    return AWSPriceRow(
      offerCode: c.offer, sku: "SKU", offerTermCode: "JRTCKXETXF", rateCode: "SKU.JRTCKXETXF.X",
      attributes: attributes, unit: c.unit, currency: "USD", priceText: "1",
      description: description ?? c.description, effectiveDate: "2026-01-01T00:00:00Z",
      location: "here", productLocation: "products.SKU")
  }

  @Test("one memo over every table row, in both orders and with other regions and descriptions")
  func agreesWithClassifier() {
    let classifier = AWSClassifier()
    let memo = AWSClassificationMemo()
    var rows: [AWSPriceRow] = []
    for c in AWSClassifierTests.cases {
      rows.append(Self.row(c))
      rows.append(Self.row(c, region: "EUW1"))
      // Words no rule looks for share the class; rule words in the description do not.
      rows.append(Self.row(c, description: c.description + " in EU (Ireland) 0.002"))
      rows.append(Self.row(c, description: "Input tokens batch"))
      rows.append(Self.row(c, description: "AWS Marketplace software usage|us-east-1|Output Tokens"))
      rows.append(Self.row(c, description: "global cross region priority"))
    }
    for row in rows + rows.reversed() {
      #expect(memo.classify(row, with: classifier) == classifier.classify(row), "\(row.attributes) \(row.description)")
    }
  }

  @Test("the description words a rule looks for are all in ruleWords")
  func ruleWords() {
    for word in ["input", "output", "response", "cache", "read", "write", "batch", "flex", "global", "geo",
      "cross", "region", "token", "tokens", "embedding", "1month", "long", "ctx", "latency"]
    {
      #expect(AWSClassifier.ruleWords.contains(word), "\(word)")
    }
    #expect(!AWSClassifier.ruleWords.contains("ireland"))
  }
}
