import Foundation
import Pricing
import RateStore

extension UsageRow {
  /// Marks the row matched to `rate`: its id, model, meter, tier, scope, variant and price, as
  /// `usage import` stores a matched row and the price map describes one.
  mutating func setMatched(_ rate: RateRecord) {
    status = .matched
    rateId = rate.id
    model = rate.model
    meter = rate.meter
    tier = rate.tier
    scope = rate.scope
    variant = rate.variant
    ratePrice = rate.priceValue
  }
}
