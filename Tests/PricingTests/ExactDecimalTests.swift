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

  /// The `Decimal` as its bytes (mantissa, exponent, flags), to compare representations.
  static func bits(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

  /// Every number text of the shared price sheets: AWS `pricePerUnit` values, Azure prices,
  /// unit prices and tier minimums.
  static func sheetNumbers() throws -> Set<String> {
    let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/pricesheets")
    var files = ["AmazonBedrock", "AmazonBedrockFoundationModels", "AmazonBedrockService"].map {
      shared.appendingPathComponent("aws/offers/v1.0/aws/\($0)/current/index.json")
    }
    for dir in ["azure/retail-prices", "azure/retail-prices-eur"] {
      let folder = shared.appendingPathComponent(dir)
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
        files.append(folder.appendingPathComponent(name))
      }
    }
    var numbers = Set<String>()
    let pattern = try NSRegularExpression(
      pattern: #""(?:USD|EUR|retailPrice|unitPrice|tierMinimumUnits)"\s*:\s*"?([-0-9.eE+]+)"#)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        numbers.insert(String(text[Range(m.range(at: 1), in: text)!]))
      }
    }
    return numbers
  }

  @Test("made from its digits, a price is the Decimal that Decimal(string:) makes, bit for bit")
  func fromDigitsAgrees() throws {
    var texts = try Self.sheetNumbers()
    #expect(texts.count > 1_000)
    texts.formUnion([
      "1", "10", "100", "1000000000", "0.1", "0.10", "1.50", "1.05", "-0.5", "-12.30", "8.3e-05",
      "8.30E-05", "1e2", "1E+2", "1.5e+10", "0.000000001", "9999999999999999999", "10000000000000000000",
      "1234567890.123456789", "0.00000000000000000001", "00012.3400", "7e-99", "5e99", "0", "-0", "00", "0.0", "-0.00", "0e5",
      "0.00000000000000000000000000000000000001e-99", "123.456e99", "1e-99", "1234567890123456789e99",
      "0.000000000000000000001234567890123456789e-80", "9e-99", "9e99", "0.5e-99",
    ])
    // Random digit strings around the 19-digit limit, with and without a point and an exponent.
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let count = Int.random(in: 1...24, using: &rng)
      var digits = (0..<count).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
      if Bool.random(using: &rng) { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: Int.random(in: 0...count, using: &rng))) }
      if digits == "." { continue }
      if Bool.random(using: &rng) { digits = "-" + digits }
      if Bool.random(using: &rng) { digits += "e" + ["", "-", "+"].randomElement(using: &rng)! + String(Int.random(in: 0...30, using: &rng)) }
      texts.insert(digits)
    }
    var fast = 0
    for text in texts {
      let reference = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
      guard let parsed = ExactDecimal.parse(text) else {
        #expect(text.utf8.filter { $0 >= 48 && $0 <= 57 }.count > 38 || text.hasPrefix(".") || text.hasSuffix("."), "\(text)")
        continue
      }
      #expect(parsed == reference, "\(text)")
      #expect(parsed.exactText == reference?.exactText, "\(text)")
      if let made = ExactDecimal.fromDigits(Array(text.utf8)) {
        fast += 1
        #expect(Self.bits(made) == Self.bits(reference!), "\(text): \(made) vs \(reference!)")
      }
    }
    #expect(fast > 1_000)
  }


  @Test("the canonical text is Decimal.description's, for every sign, exponent and significand size")
  func formatAgreesWithDescription() throws {
    var values: [Decimal] = [
      0, 1, -1, 10, 100, Decimal(UInt64.max), Decimal(UInt64.max) + 1, -Decimal(UInt64.max), .nan,
      try #require(Decimal(string: "0.1")), try #require(Decimal(string: "-0.001")),
      try #require(Decimal(string: "340282366920938463463374607431768211455")),
      try #require(Decimal(string: "-3402823669209384634633746074317682114.55")),
    ]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      // Significands of every length up to 20 digits, exponents on both sides of the digits.
      let significand = UInt64.random(in: 1...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng)
      values.append(Decimal(
        sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -45...45, using: &rng),
        significand: Decimal(max(significand, 1))))
    }
    // Results of arithmetic, as costs are made, and significands beyond 64 bits.
    for _ in 0..<5_000 {
      let a = Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng)) / Decimal(Int.random(in: 1...9_999, using: &rng))
      values.append(a)
      values.append(a * Decimal(Int.random(in: 1...1_000_000_000, using: &rng)))
    }
    var fast = 0
    for v in values {
      let reference = v.description == "-0" ? "0" : v.description
      #expect(ExactDecimal.format(v) == reference, "\(reference)")
      if ExactDecimal.integerSignificand(v) != nil { fast += 1 }
    }
    // Both ways are taken: the integer significand and `description` for the rest.
    #expect(fast > 20_000)
    #expect(fast < values.count - 5_000)
  }

  @Test(
    "groups the whole part in threes, keeping the sign and the decimals",
    arguments: [
      ("-1234567.891", "-1,234,567.891"), ("123", "123"), ("1234", "1,234"), ("-123.45", "-123.45"),
      ("1000000", "1,000,000"), ("0.12345", "0.12345"), ("-1000.5", "-1,000.5"), ("999999", "999,999"),
      ("", ""), ("-", "-"),
    ])
  func grouping(plain: String, expected: String) {
    #expect(ExactDecimal.grouped(plain) == expected)
  }
}
