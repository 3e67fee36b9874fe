import Foundation
import Testing

@testable import Pricing

@Suite("Exact decimals")
struct ExactDecimalTests {
  @Test(
    "accepts plain decimals and exponents, keeping every digit",
    arguments: [
      ("0.0080000000", "0.008"), ("8", "8"), ("8.3e-05", "0.000083"), ("0.001375", "0.001375"),
      ("1000000000", "1000000000"), ("-0.5", "-0.5"), ("2652", "2652"), ("1E+2", "100"),
    ])
  func accepts(text: String, canonical: String) throws {
    let value = try #require(ExactDecimal.parse(text))
    #expect(value.exactText == canonical)
  }

  @Test(
    "rejects what Decimal(string:) would silently misread",
    arguments: ["0,003", "0.003abc", "", " ", "NaN", "Inf", "-Inf", "1.2.3", "e5", "1e", "$1", "1 000", "0x10", "١٢"])
  func rejects(text: String) {
    #expect(ExactDecimal.parse(text) == nil)
  }

  @Test("normalising 1K-token prices to 1M is exact")
  func perMillion() throws {
    let p = try #require(ExactDecimal.parse("0.0000350000"))
    #expect(UnitConversion.perMillionTokens(price: p, blockTokens: 1000).exactText == "0.035")
    let q = try #require(ExactDecimal.parse("0.003025"))
    #expect(UnitConversion.perMillionTokens(price: q, blockTokens: 1000).exactText == "3.025")
  }

  @Test(
    "rounds half away from zero to a scale and prints fixed decimals",
    arguments: [
      ("2.345", 2, "2.35"), ("2.344999", 2, "2.34"), ("-2.345", 2, "-2.35"), ("7", 2, "7.00"),
      ("0.005", 2, "0.01"), ("1234.5", 0, "1235"),
    ])
  func rounding(text: String, scale: Int, expected: String) throws {
    let v = try #require(ExactDecimal.parse(text))
    #expect(ExactDecimal.format(v, scale: scale) == expected)
  }

  @Test("printing does not depend on the process locale")
  func localeIndependent() throws {
    setenv("LC_ALL", "de_DE.UTF-8", 1)
    defer { unsetenv("LC_ALL") }
    let v = try #require(ExactDecimal.parse("1234.5"))
    #expect(v.exactText == "1234.5")
  }
}

@Suite("ISO dates")
struct ISODateTests {
  @Test(
    "normalises sheet dates to one canonical UTC form",
    arguments: [
      ("2026-07-01", "2026-07-01T00:00:00Z"), ("2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z"),
      ("2025-12-01T00:00:00.000Z", "2025-12-01T00:00:00Z"),
    ])
  func normalises(text: String, expected: String) {
    #expect(ISODate.normalize(text) == expected)
  }

  @Test("rejects non-dates", arguments: ["2026-13-01", "yesterday", "", "2026/07/01"])
  func rejects(text: String) {
    #expect(ISODate.normalize(text) == nil)
  }

  @Test("rounding the text agrees with NSDecimalRound for every scale, sign and carry")
  func formatScaleAgreesWithRounding() throws {
    let fixed = [
      "0", "-0.005", "0.005", "-0.0049", "9.995", "-9.995", "999.999", "0.125", "-0.125", "0.135",
      "1200", "-1200.5", "0.0000001", "-0.0000001", "99999999999999999999.995", "12345678.9049999",
      "0.5", "-0.5", "1.5", "2.5", "-2.5", "0.045", "1e5",
    ]
    var values = fixed.map { ExactDecimal.parse($0)! }
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      let digits = String(UInt64.random(in: 0...UInt64.max, using: &rng) % 10_000_000_000_000)
      let exponent = Int.random(in: -12...2, using: &rng)
      let sign = Bool.random(using: &rng) ? "-" : ""
      values.append(ExactDecimal.parse("\(sign)\(digits)e\(exponent < 0 ? "" : "+")\(exponent)")!)
    }
    let products = values.prefix(200).map { $0 * Decimal(string: "1.0725")! / 7 }
    for v in values + products {
      for scale in 0...4 {
        #expect(ExactDecimal.format(v, scale: scale) == ExactDecimal.formatByRounding(v, scale: scale), "\(v) at \(scale)")
      }
    }
  }
}
