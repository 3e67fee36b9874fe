import Foundation
import Pricing

extension OfferBook {
  /// Version of the rules choosing which rates make an offer: part of the engine cache's key, so
  /// bump it whenever `init(rates:catalog:)` would pick other rates from the same input.
  public static let rulesVersion = 1

  /// Positions, ascending, in the rates the book was built from of the rates it refers to: every
  /// slot and capacity rate of every offer and the rate that created each offer.
  ///
  /// A book built from these rates alone (same order, same catalogue) equals this one, offer for
  /// offer and in the same order: each slot's winner still beats what is left, offers are still
  /// created in the order of their first rate, and each offer's capacity rates keep their relative
  /// order. This is what the engine cache stores.
  public func ratePositionsInUse() -> [Int] {
    var used = [Bool](repeating: false, count: rateTable.rates.count)
    for k in firstRates { used[Int(k)] = true }
    for o in offers {
      for k in o.slotRates where k >= 0 { used[Int(k)] = true }
      for k in o.capacityRates { used[Int(k)] = true }
    }
    return used.indices.filter { used[$0] }
  }
}
