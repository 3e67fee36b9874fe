import Foundation
import Testing

@testable import Pricing

/// ``ExactValue`` as the usage readers use it (read from a cell's bytes, summed, multiplied,
/// bounded): every value and operation is the `Decimal` one.
@Suite("Exact values read from usage exports")
struct ExactValueReadingTests {
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
      let scaled = ExactValue(text: text)
      guard let reference = ExactDecimal.parse(text) else {
        #expect(scaled == nil, "\(text)")
        continue
      }
      #expect(scaled?.decimal == reference, "\(text)")
    }
    // 39 significant digits do not fit 128 bits: refused as ExactDecimal refuses them.
    #expect(ExactValue(text: "123456789012345678901234567890123456789") == nil)
  }

  @Test("sums, products and differences are the Decimal ones; what does not fit 128 bits is nil")
  func arithmeticAgrees() throws {
    let values = try Self.texts().compactMap { t in ExactValue(text: t).map { (t, $0) } }.filter { $0.1.coefficient.magnitude < 1 << 60 }
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let (ta, a) = values.randomElement(using: &rng)!
      let (tb, b) = values.randomElement(using: &rng)!
      let (da, db) = (a.decimal, b.decimal)
      if let sum = a + b { #expect(sum.decimal == da + db, "\(ta) + \(tb)") }
      if let difference = a - b { #expect(difference.decimal == da - db, "\(ta) - \(tb)") }
      if let product = a * b { #expect(product.decimal == da * db, "\(ta) x \(tb)") }
    }
    let big = ExactValue(coefficient: Int128.max / 2, scale: 0)
    #expect(big + Self.shifted(big, by: 1) == nil)
    #expect(big * ExactValue(coefficient: 3, scale: 0) == nil)
    #expect(ExactValue(coefficient: 5, scale: -40) + ExactValue(coefficient: 1, scale: 5) == nil)
  }

  @Test("magnitude bounds, whole numbers, and a block of 1000 as 1 x 10^3")
  func bounds() {
    let v = ExactValue(text: "999999999999999.99")!
    #expect(v.magnitudeIsBelow(powerOfTen: 15))
    #expect(!ExactValue(text: "1000000000000000")!.magnitudeIsBelow(powerOfTen: 15))
    #expect(!ExactValue(text: "-1e15")!.magnitudeIsBelow(powerOfTen: 15))
    #expect(ExactValue(text: "0.000001")!.magnitudeIsAtMost(powerOfTen: -6))
    #expect(!ExactValue(text: "-0.0000010001")!.magnitudeIsAtMost(powerOfTen: -6))
    #expect(Self.shifted(ExactValue(text: "4885.85")!, by: 3).isWhole)
    #expect(!Self.shifted(ExactValue(text: "4885.8505")!, by: 3).isWhole)
    let block = ExactValue(coefficient: 1000, scale: 0).trimmed
    #expect(block.coefficient == 1 && block.scale == -3)
    #expect(ExactValue(Decimal(string: "0.00015")!) == ExactValue(text: "0.00015"))
  }

  /// `value x 10^k`, moving the scale only.
  static func shifted(_ value: ExactValue, by k: Int) -> ExactValue {
    ExactValue(coefficient: value.coefficient, scale: value.scale - k)
  }
}
