import Foundation
import Pricing

/// Cells of the finance exports.
public enum FinanceCell {
  /// A rounded amount with exactly two decimals (`12.30`), a number in the CSV: never prefixed
  /// by the formula guard (amounts are never negative; a negative one prints as a plain decimal).
  public static func cents(_ value: Decimal) -> Cell {
    value < 0 ? .decimal(value) : .text(ExactDecimal.format(value, scale: 2))
  }
}
