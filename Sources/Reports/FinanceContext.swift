import Foundation
import Pricing

/// What a projection export needs beyond the projections: display names from the catalogue, the
/// price snapshot the rates were read at, and the first billing month.
public struct FinanceContext: Sendable {
  /// First forecast month (month 1).
  public var start: FinancePeriod
  /// The snapshot the rates were read at, as `--as-of` accepts it (`run:7`, `2026-11-20T23:59:59Z`).
  public var priceSnapshot: String
  /// Display name of a provider region code, nil when the catalogue does not know it.
  public var regionName: @Sendable (Provider, String) -> String?
  /// The vendor of a canonical model (`Anthropic`), nil when unknown.
  public var publisher: @Sendable (String) -> String?

  public init(
    start: FinancePeriod, priceSnapshot: String,
    regionName: @escaping @Sendable (Provider, String) -> String? = { _, _ in nil },
    publisher: @escaping @Sendable (String) -> String? = { _ in nil }
  ) {
    self.start = start
    self.priceSnapshot = priceSnapshot
    self.regionName = regionName
    self.publisher = publisher
  }
}
