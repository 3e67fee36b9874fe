@testable import CostEngine
import Foundation
import Pricing
import Testing

/// The pricer's arithmetic: exact, or an error, never a rounded amount.
@Suite("Exact pricing arithmetic")
struct ExactValueTests {
  func exact(_ s: String) -> ExactValue { ExactValue(Decimal(string: s)!)! }

  @Test("products, sums and comparisons are exact; a result beyond 38 digits is nil, not rounded")
  func arithmetic() throws {
    #expect((exact("2.125") * exact("0.04"))?.decimal == Decimal(string: "0.085"))
    #expect((exact("0.1") + exact("0.0000000000000000000001"))?.decimal == Decimal(string: "0.1000000000000000000001"))
    #expect(exact("1.50") == exact("1.5") && exact("1.4999") < exact("1.5") && exact("-2") < exact("0.001"))
    let big = exact("12345678901234567890.123456789")
    #expect(big * big == nil)
    #expect(ExactValue(coefficient: 3_041_666_666, scale: 3).divided(by: 24) == nil)
    #expect(ExactValue(coefficient: 73_000_000, scale: 0).divided(by: 24) == nil)  // 3,041,666.66...
    #expect(ExactValue(coefficient: 876, scale: 0).divided(by: 24)?.decimal == Decimal(string: "36.5"))
  }

  @Test("a profile whose amounts need more than 38 digits is refused with its name, not priced approximately")
  func tooManyDigits() throws {
    let p = try parseOne("""
      name: huge
      requests_per_month: 123456789012345678901234567.1234567
      input_tokens: 98765432109876.123456789
      output_tokens: 1
      """)
    #expect(throws: ProfileError.self) { try engine().recommend(p) }
    do {
      _ = try engine().recommend(p)
    } catch let e as ProfileError {
      #expect(e.message.contains("profile 'huge' need more than 38 significant digits"))
    }
  }
}
