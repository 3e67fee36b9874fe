import Foundation
import Testing

@testable import PriceSheets

/// The byte-level shortcuts of the classifier answer as the character-level code they replace.
@Suite("AWS classifier fast paths")
struct AWSClassifierFastPathTests {
  @Test(
    "descriptionCore agrees with the character search",
    arguments: [
      "AWS Marketplace software usage|eu-south-1|Reserved 1 Month Output Tokens", "no bar here", "",
      "|", "a|", "|b", "x|e\u{301}tail", "x\u{600}|tail", "caf\u{E9}|fin", "a||b",
    ])
  func descriptionCore(_ text: String) {
    let expected: String
    if let bar = text.lastIndex(of: "|") {
      expected = String(text[text.index(after: bar)...])
    } else {
      expected = text
    }
    #expect(AWSClassifier.descriptionCore(text) == expected)
  }

  @Test("contains agrees with Foundation's contains")
  func contains() {
    let cases: [(String, String)] = [
      ("USE1-t2i-premium", "t2i-"), ("USE1-t2v", "t2v-"), ("", "a"), ("abc", ""), ("abc", "abc"),
      ("ab", "abc"), ("café-t2i-", "t2i-"), ("cafe\u{301}", "e"), ("aaab", "aab"),
    ]
    for (text, part) in cases {
      #expect(AWSClassifier.contains(text, part) == text.contains(part), "\(text) / \(part)")
    }
  }
}

/// The AWS offer reader keeps only some product attributes; the classifier must not read others.
@Suite("AWS kept attributes")
struct AWSKeptAttributesTests {
  @Test("every attribute the classifier, the region and the model read is kept")
  func keptAttributes() {
    let read =
      Set(AWSClassifier.signalAttributes + AWSClassifier.skipRules.map(\.attribute))
      .union(["usagetype", "regionCode", "location", "model", "titanModel", "servicename"])
    #expect(
      read.isSubset(of: Set(AWSProductAttributes.names)), "\(read.subtracting(AWSProductAttributes.names))")
  }
}
