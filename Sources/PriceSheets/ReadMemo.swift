import Foundation
import Pricing

/// Memoised checks and conversions for one read. A sheet repeats a few dates, currencies, units
/// and prices thousands of times, and each check goes through Foundation (`trimmingCharacters`,
/// ISO 8601 parsing, `Decimal` arithmetic); the results are the same for the same text, so each
/// distinct text is checked once. Failures are never stored: a bad value throws, with its own
/// location, every time it is met.
struct ReadMemo {
  private var dates: [String: String?] = [:]
  private var prices: [String: Decimal] = [:]
  private var currencies: [String: String] = [:]
  private var conversions: [ConversionKey: Decimal?] = [:]
  private var decimals: [String: Decimal?] = [:]
  private var formatted: [String: String] = [:]

  /// ``ISODate/normalize(_:)``.
  mutating func date(_ text: String) -> String? {
    if let known = dates[text] { return known }
    let normalized = ISODate.normalize(text)
    dates[text] = .some(normalized)
    return normalized
  }

  /// ``PriceValidation/price(_:file:location:)``; `location` is only built when `text` is new.
  mutating func price(_ text: String, file: String, location: @autoclosure () -> String) throws -> Decimal {
    if let known = prices[text] { return known }
    let value = try PriceValidation.price(text, file: file, location: location())
    prices[text] = value
    return value
  }

  /// ``PriceValidation/currency(_:file:location:)``.
  mutating func currency(_ text: String, file: String, location: @autoclosure () -> String) throws -> String {
    if let known = currencies[text] { return known }
    let value = try PriceValidation.currency(text, file: file, location: location())
    currencies[text] = value
    return value
  }

  /// The exact value of a JSON number text (``ExactDecimal/parse(_:)``, else `Decimal(string:)`
  /// for the spellings JSON allows beyond it, such as long exponents), or nil when `Decimal`
  /// cannot hold it.
  mutating func number(_ text: String) -> Decimal? {
    if let known = decimals[text] { return known }
    let value = AzureRetailItem.number(text)
    decimals[text] = .some(value)
    return value
  }

  /// ``ExactDecimal/format(_:)`` of the value of a JSON number text.
  mutating func formattedNumber(_ text: String) -> String {
    if let known = formatted[text] { return known }
    let value = ExactDecimal.format(number(text) ?? 0)
    formatted[text] = value
    return value
  }

  /// A unit conversion of a price that depends only on (`unit`, the price text, `kind`): computed
  /// by `convert` the first time.
  mutating func conversion(
    unit: String, price: String, kind: UInt8, _ convert: () -> Decimal?
  ) -> Decimal? {
    let key = ConversionKey(unit: unit, price: price, kind: kind)
    if let known = conversions[key] { return known }
    let value = convert()
    conversions[key] = .some(value)
    return value
  }

  struct ConversionKey: Hashable {
    var unit: String
    var price: String
    var kind: UInt8
  }
}
