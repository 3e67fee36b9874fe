import Foundation
import Pricing

extension RateRecord {
  /// The columns compared as the sheet's statement about a line: all of a rate's but the
  /// canonical model (derived), the effective date (a later sheet repeating an unchanged line with
  /// its own date is the same version) and the price (compared by value, ``differsInPrice``).
  static let statedColumns = Rate.Column.allCases.filter { ![.model, .effectiveFrom, .price].contains($0) }

  /// True when `rate` states something else than this version (classification, names, price).
  /// `priceText` is `rate.price`'s canonical text.
  func differsInContent(from rate: Rate, priceText: String) -> Bool {
    Self.statedColumns.contains { self.rate.text($0, priceText: "") != rate.text($0, priceText: "") }
      || differsInPrice(from: rate, priceText: priceText)
  }

  /// True when `rate`'s price, unit or their sheet texts differ from this version's: equal price
  /// text means an equal price; different text is compared as decimals (a stored text need not
  /// be canonical).
  func differsInPrice(from rate: Rate, priceText: String) -> Bool {
    sheetPrice != rate.sheetPrice || unit != rate.unit || sheetUnit != rate.sheetUnit
      || (price != priceText && priceValue != rate.price)
  }
}
