import Foundation
import Pricing

extension RateRecord {
  /// True when `rate` states something else than this version (classification, names, price),
  /// compared on the stored text; the canonical model (derived) and the effective date are left
  /// out: a later sheet repeating an unchanged line with its own date is the same version.
  /// `priceText` is `rate.price`'s canonical text: equal text means an equal price; different
  /// text is compared as decimals (a stored text need not be canonical).
  func differsInContent(from rate: Rate, priceText: String) -> Bool {
    provider != rate.provider.rawValue || service != rate.service || rateKey != rate.rateKey
      || sku != rate.sku || sheetKey != rate.sheetKey || sheetModel != rate.sheetModel
      || region != rate.region || scope != rate.scope.rawValue || tier != rate.tier.rawValue
      || meter != rate.meter.rawValue || variant != rate.variant
      || commitment != rate.commitment.rawValue || currency != rate.currency
      || differsInPrice(from: rate, priceText: priceText)
  }

  /// True when `rate`'s price, unit or their sheet texts differ from this version's.
  func differsInPrice(from rate: Rate, priceText: String) -> Bool {
    sheetPrice != rate.sheetPrice || unit != rate.unit || sheetUnit != rate.sheetUnit
      || (price != priceText && priceValue != rate.price)
  }
}
