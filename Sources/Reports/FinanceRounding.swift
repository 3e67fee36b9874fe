import Foundation
import Pricing

/// Rounding of exported amounts to cents so that the rounded lines of a group (one profile, offer
/// and month) add up exactly to the group's rounded total.
///
/// The rule (docs/exports.md): a total is rounded to cents half away from zero (``cents(_:)``).
/// The lines are then allocated by the largest-remainder method: each line is first rounded
/// down to cents, and the cents still missing to reach the rounded total go one each to the
/// lines with the largest remainders (ties: the earlier line first). Every rounded line is
/// therefore within one cent of its exact amount, and the rounded lines sum to the rounded total.
public enum FinanceRounding {
  static let cent = Decimal(string: "0.01", locale: Locale(identifier: "en_US_POSIX"))!

  /// `value` rounded to cents, half away from zero (0.125 -> 0.13, -0.125 -> -0.13).
  public static func cents(_ value: Decimal) -> Decimal { ExactDecimal.round(value, scale: 2) }

  /// `value` rounded down (towards negative infinity) to cents.
  static func floorCents(_ value: Decimal) -> Decimal {
    var v = value
    var result = Decimal()
    NSDecimalRound(&result, &v, 2, .down)
    return result
  }

  /// The lines rounded to cents so that they add up to `total` (already a whole number of cents;
  /// by default the rounded exact sum of the lines). Largest remainder first; ties by position.
  public static func allocate(_ amounts: [Decimal], total: Decimal? = nil) -> [Decimal] {
    guard !amounts.isEmpty else { return [] }
    let target = total ?? cents(amounts.reduce(0, +))
    var rounded = amounts.map(floorCents)
    let remainders = zip(amounts, rounded).map { $0 - $1 }
    var missing = target - rounded.reduce(0, +)
    // Largest remainder first; equal remainders keep the line order.
    let byRemainder = amounts.indices.sorted {
      remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
    }
    // Normally 0 <= missing < count cents; a target that is not the rounded sum of the lines (a
    // total computed separately) can ask for more or fewer: go round again, or take cents back
    // from the smallest remainders.
    var i = 0
    while missing >= cent {
      rounded[byRemainder[i % byRemainder.count]] += cent
      missing -= cent
      i += 1
    }
    i = 0
    while missing <= -cent {
      rounded[byRemainder[byRemainder.count - 1 - i % byRemainder.count]] -= cent
      missing += cent
      i += 1
    }
    return rounded
  }
}
