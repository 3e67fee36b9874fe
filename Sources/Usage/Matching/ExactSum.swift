import Foundation
import Pricing

/// A running exact sum: ``ExactValue`` additions (no allocation per line) while the sum fits
/// in 128 bits; what does not fit is carried in a `Decimal`.
struct ExactSum: Sendable {
  private var scaled = ExactValue.zero
  private var carried: Decimal = 0

  mutating func add(_ value: ExactValue) {
    if let sum = scaled + value {
      scaled = sum
    } else {
      carried += scaled.decimal
      scaled = value
    }
  }

  mutating func add(_ other: ExactSum) {
    add(other.scaled)
    carried += other.carried
  }

  var decimal: Decimal { carried == 0 ? scaled.decimal : carried + scaled.decimal }
}
