import Foundation
import Pricing

extension RateRecord {
  /// As ``Rate/differsInContent(from:)`` between `rate` and this version's ``rate``, compared on
  /// the stored text. `priceText` is `rate.price`'s canonical text: equal text means an equal
  /// price; different text is compared as decimals (a stored text need not be canonical).
  func differsInContent(from rate: Rate, priceText: String) -> Bool {
    provider != rate.provider.rawValue || service != rate.service || rateKey != rate.rateKey
      || sku != rate.sku || sheetKey != rate.sheetKey || sheetModel != rate.sheetModel
      || region != rate.region || scope != rate.scope.rawValue || tier != rate.tier.rawValue
      || meter != rate.meter.rawValue || variant != rate.variant
      || commitment != rate.commitment.rawValue || currency != rate.currency
      || effectiveFrom != rate.effectiveFrom || differsInPrice(from: rate, priceText: priceText)
  }

  /// As ``Rate/differsInPrice(from:)`` between `rate` and this version's ``rate``.
  func differsInPrice(from rate: Rate, priceText: String) -> Bool {
    sheetPrice != rate.sheetPrice || unit != rate.unit || sheetUnit != rate.sheetUnit
      || (price != priceText && priceValue != rate.price)
  }
}
