import Foundation
import Pricing
import Reports
import Testing

@Suite("Finance rounding: cents half away from zero, largest-remainder allocation")
struct FinanceRoundingTests {
  func d(_ s: String) -> Decimal { ExactDecimal.parse(s)! }

  @Test("cents round half away from zero")
  func cents() {
    #expect(FinanceRounding.cents(d("0.125")) == d("0.13"))
    #expect(FinanceRounding.cents(d("0.124999")) == d("0.12"))
    #expect(FinanceRounding.cents(d("-0.125")) == d("-0.13"))
    #expect(FinanceRounding.cents(d("2.675")) == d("2.68"))
  }

  @Test("three equal lines: naive rounding overshoots, allocation hits the rounded total")
  func equalThirds() {
    let lines = [d("0.335"), d("0.335"), d("0.335")]
    // Naive per-line rounding gives 0.34 x 3 = 1.02, but the total 1.005 rounds to 1.01.
    #expect(lines.map(FinanceRounding.cents).reduce(0, +) == d("1.02"))
    let allocated = FinanceRounding.allocate(lines)
    #expect(allocated == [d("0.34"), d("0.34"), d("0.33")])
    #expect(allocated.reduce(0, +) == d("1.01"))
  }

  @Test("the largest remainders get the missing cents, ties by position")
  func largestRemainder() {
    let lines = [d("1.001"), d("2.009"), d("3.005"), d("0.004")]
    // Exact sum 6.019 -> 6.02; floors 1.00 + 2.00 + 3.00 + 0.00 = 6.00; two cents go to 2.009
    // (remainder 0.009) and 3.005 (0.005).
    #expect(FinanceRounding.allocate(lines) == [d("1.00"), d("2.01"), d("3.01"), d("0.00")])
  }

  @Test("many generated groups: rounded lines sum to the rounded total, each within a cent")
  func generated() {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      return seed
    }
    for _ in 0..<2000 {
      let count = Int(next() % 7) + 1
      let lines = (0..<count).map { _ -> Decimal in
        // Up to 9 decimals, like token quantities x per-million prices.
        Decimal(Int(next() % 50_000_000_000)) / Decimal(1_000_000_000)
      }
      let exactTotal = lines.reduce(0, +)
      let allocated = FinanceRounding.allocate(lines)
      #expect(allocated.reduce(0, +) == FinanceRounding.cents(exactTotal))
      for (a, e) in zip(allocated, lines) {
        #expect(abs(a - e) < d("0.01"))
        #expect(ExactDecimal.round(a, scale: 2) == a)
      }
    }
  }

  @Test("a target away from the lines' sum is still met exactly")
  func explicitTarget() {
    let lines = [d("0.10"), d("0.20")]
    #expect(FinanceRounding.allocate(lines, total: d("0.33")).reduce(0, +) == d("0.33"))
    #expect(FinanceRounding.allocate(lines, total: d("0.28")).reduce(0, +) == d("0.28"))
    #expect(FinanceRounding.allocate([], total: d("0")) == [])
  }
}
