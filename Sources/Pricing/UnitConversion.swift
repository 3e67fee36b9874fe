import Foundation

/// Exact conversions of sheet units to ratecard's normalised units.
public enum UnitConversion {
  /// Converts a price per `blockTokens` tokens into a price per 1M tokens, exactly.
  public static func perMillionTokens(price: Decimal, blockTokens: Int) -> Decimal {
    price * Decimal(1_000_000) / Decimal(blockTokens)
  }
}
