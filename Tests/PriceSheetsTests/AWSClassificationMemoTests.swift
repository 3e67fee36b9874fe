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

  @Test("the description's rule words, found without a string per word, are those the word split finds")
  func descriptionRuleWordsAgree() throws {
    var descriptions = [
      "", "|", "a|b|", "AWS Marketplace software usage|us-east-1|Output Tokens",
      "$0.0020 per 1K input tokens for xAI Grok 4.7 in EU (Zurich)",
      "CacheWrite1hInputTokenCount", "1MonthCommit global-cross-region", "Zürich Eingabe-Tokens Batch",
      "ÉCRITURE cache\u{301} read", String(repeating: "x", count: 70) + " input",
    ]
    for c in AWSClassifierTests.cases { descriptions.append(c.description) }
    // Every description of the shared AmazonBedrock offer.
    let offer = try Data(
      contentsOf: URL(fileURLWithPath: AWSTestData.bulk("AmazonBedrock")))
    let text = String(decoding: offer, as: UTF8.self)
    var rest = Substring(text)
    while let r = rest.range(of: "\"description\" : \"") ?? rest.range(of: "\"description\":\"") {
      rest = rest[r.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      descriptions.append(String(rest[..<end]))
    }
    #expect(descriptions.count > 1_000)
    for d in descriptions {
      let expected = AWSClassifier.words(AWSClassifier.descriptionCore(d))
        .filter { AWSClassifier.ruleWords.contains($0) }
      #expect(AWSClassifier.descriptionRuleWords(d) == expected, "\(d)")
    }
  }

  @Test("a region prefix is up to 5 uppercase letters or digits, ASCII or not")
  func regionPrefix() {
    for prefix in ["USE1", "EU", "APS3", "USEA1", "USEAS1", "use1", "", "ÉU1", "Ⅻ1", "U-1", "١٢"] {
      let characters = prefix.count <= 5 && prefix.allSatisfy { $0.isUppercase || $0.isNumber }
      #expect(AWSClassifier.looksLikeRegionPrefix(Substring(prefix)) == characters, "\(prefix)")
    }
  }
}
