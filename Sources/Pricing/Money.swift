import Foundation
import Pricing

/// How amounts are shown: costs are kept exact and rounded to cents only for display, half away
/// from zero (commercial rounding: 0.125 -> 0.13, -0.125 -> -0.13). JSON carries the exact value.
public enum Money {
  /// `value` rounded to cents, half away from zero.
  public static func cents(_ value: Decimal) -> Decimal { ExactDecimal.round(value, scale: 2) }
  /// Text with exactly two decimals.
  public static func display(_ value: Decimal) -> String { ExactDecimal.grouped(ExactDecimal.format(value, scale: 2)) }
  /// A count (tokens, requests) rounded to a whole number, half away from zero, thousands separated.
  public static func whole(_ value: Decimal) -> String { ExactDecimal.grouped(ExactDecimal.format(value, scale: 0)) }
  /// A percentage rounded to one decimal, half away from zero.
  public static func percent(_ value: Decimal) -> String { ExactDecimal.format(value, scale: 1) + "%" }
}
