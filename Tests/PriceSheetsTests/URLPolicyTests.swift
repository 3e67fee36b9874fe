import Foundation
import Testing

@testable import PriceSheets

@Suite("URL policy")
struct URLPolicyTests {
  @Test(
    "https anywhere, plain http only on loopback",
    arguments: [
      ("https://prices.azure.com/api/retail/prices", true),
      ("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json", true),
      ("http://127.0.0.1:8080/api/retail/prices", true),
      ("http://localhost:9/x", true),
      ("http://prices.azure.com/api/retail/prices", false),
      ("ftp://example.com/x", false),
      ("file:///etc/passwd", false),
      ("http://10.0.0.1/x", false),
    ])
  func policy(url: String, allowed: Bool) throws {
    let u = try #require(URL(string: url))
    if allowed {
      try URLPolicy.check(u)
    } else {
      #expect(throws: SheetError.self) { try URLPolicy.check(u) }
    }
  }
}
