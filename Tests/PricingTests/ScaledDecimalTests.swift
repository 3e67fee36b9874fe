import Foundation
import Testing

@testable import Pricing

/// The 128-bit amounts of the usage readers: every value and operation is the `Decimal` one.
@Suite("Scaled decimals")
struct ScaledDecimalTests {
  /// Texts of every shape the grammar accepts or refuses, and the prices of the shared sheets.
  static func texts() throws -> [String] {
    var texts = try ExactDecimalTests.sheetNumbers()
    texts.formUnion([
      "0", "-0", "00", "0.0", "-0.00", "0e5", "1", "10", "1000000000", "0.1", "1.50", "-12.30", "8.3e-05",
      "8.30E-05", "1e2", "1E+2", "1.5e+10", "9999999999999999999", "10000000000000000000",
      "1234567890.123456789", "12345678901234567890123456789012345678", "0.00000000000000000001",
      "00012.3400", "4885.85", "0.000600", "abc", "1,5", "1.2.3", "", "-", ".", "1e", "1e123", "0x10", " 1",
      "123456789012345678901234567890123456789",
    ])
    return texts.sorted()
  }

  @Test("read from text, the value is the Decimal ExactDecimal.parse reads (nil where it refuses)")
  func parseAgrees() throws {
    let texts = try Self.texts()
    #expect(texts.count > 1_000)
    for text in texts {
      let scaled = ScaledDecimal(text)
      guard let reference = ExactDecimal.parse(text) else {
        #expect(scaled == nil, "\(text)")
        continue
      }
      #expect(scaled?.decimal == reference, "\(text)")
    }
    // 39 significant digits do not fit 128 bits: refused as ExactDecimal refuses them.
    #expect(ScaledDecimal("123456789012345678901234567890123456789") == nil)
  }

  @Test("sums, products and differences are the Decimal ones; what does not fit 128 bits is nil")
  func arithmeticAgrees() throws {
    let values = try Self.texts().compactMap { t in ScaledDecimal(t).map { (t, $0) } }.filter { $0.1.units.magnitude < 1 << 60 }
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let (ta, a) = values.randomElement(using: &rng)!
      let (tb, b) = values.randomElement(using: &rng)!
      let (da, db) = (a.decimal, b.decimal)
      if let sum = a.adding(b) { #expect(sum.decimal == da + db, "\(ta) + \(tb)") }
      if let difference = a.subtracting(b) { #expect(difference.decimal == da - db, "\(ta) - \(tb)") }
      if let product = a.multiplied(by: b) { #expect(product.decimal == da * db, "\(ta) x \(tb)") }
    }
    let big = ScaledDecimal(units: Int128.max / 2)
    #expect(big.adding(big.shifted(by: 1)) == nil)
    #expect(big.multiplied(by: ScaledDecimal(units: 3)) == nil)
    #expect(ScaledDecimal(units: 5, exponent: 40).adding(ScaledDecimal(units: 1, exponent: -5)) == nil)
  }

  @Test("magnitude bounds, whole numbers, and a block of 1000 as 1 x 10^3")
  func bounds() {
    let v = ScaledDecimal("999999999999999.99")!
    #expect(v.magnitudeIsBelow(powerOfTen: 15))
    #expect(!ScaledDecimal("1000000000000000")!.magnitudeIsBelow(powerOfTen: 15))
    #expect(!ScaledDecimal("-1e15")!.magnitudeIsBelow(powerOfTen: 15))
    #expect(ScaledDecimal("0.000001")!.magnitudeIsAtMost(powerOfTen: -6))
    #expect(!ScaledDecimal("-0.0000010001")!.magnitudeIsAtMost(powerOfTen: -6))
    #expect(ScaledDecimal("4885.85")!.shifted(by: 3).isWhole)
    #expect(!ScaledDecimal("4885.8505")!.shifted(by: 3).isWhole)
    #expect(ScaledDecimal(units: 1000).normalized == ScaledDecimal(units: 1, exponent: 3))
    #expect(ScaledDecimal(exactly: Decimal(string: "0.00015")!) == ScaledDecimal("0.00015"))
  }
}
