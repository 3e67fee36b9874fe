import Foundation
import Pricing

/// One page of the Azure Retail Prices API: the fields ratecard reads, checked as they are read
/// from the parsed JSON. Prices keep their exact number text (`8.3e-05`), never a `Double`.
struct AzureRetailPage: Sendable {
  var billingCurrency: String?
  /// The items, or nil when `Items` is missing or null.
  var items: [AzureRetailItem]?
  var nextPageLink: String?
}

/// One item of an Azure Retail Prices page (the fields ratecard reads).
struct AzureRetailItem: Equatable, Sendable {
  var currencyCode: String
  /// The tier minimum's number text.
  var tierMinimumUnits: String?
  var reservationTerm: String?
  /// The price exactly as the page spells it.
  var retailPrice: String
  var unitPrice: String?
  var armRegionName: String
  var location: String?
  var effectiveStartDate: String
  var meterId: String
  var meterName: String
  var productId: String?
  var skuId: String
  var productName: String
  var skuName: String?
  var serviceName: String?
  var unitOfMeasure: String
  var type: String

  /// The item's identity: two items with the same key are the same price line. `tierMinimum` is
  /// the value of ``tierMinimumUnits`` (0 when absent).
  func key(tierMinimum: Decimal) -> Key {
    Key(
      meterId: meterId, skuId: skuId, region: armRegionName, type: type,
      term: reservationTerm ?? "", tierMinimum: tierMinimum, currency: currencyCode)
  }

  struct Key: Hashable {
    var meterId: String
    var skuId: String
    var region: String
    var type: String
    var term: String
    var tierMinimum: Decimal
    var currency: String

    /// Hashes the meter id and region only (with equality on every field): together they nearly
    /// always tell items apart, and hashing `Decimal` and five more texts per item is slow.
    func hash(into hasher: inout Hasher) {
      hasher.combine(meterId)
      hasher.combine(region)
    }
  }

  /// Same content: numbers compare by value (`0.5` = `0.50`), as decoded decimals did.
  static func == (a: Self, b: Self) -> Bool {
    a.currencyCode == b.currencyCode && sameNumber(a.tierMinimumUnits, b.tierMinimumUnits)
      && a.reservationTerm == b.reservationTerm && sameNumber(a.retailPrice, b.retailPrice)
      && sameNumber(a.unitPrice, b.unitPrice) && a.armRegionName == b.armRegionName
      && a.location == b.location && a.effectiveStartDate == b.effectiveStartDate
      && a.meterId == b.meterId && a.meterName == b.meterName && a.productId == b.productId
      && a.skuId == b.skuId && a.productName == b.productName && a.skuName == b.skuName
      && a.serviceName == b.serviceName && a.unitOfMeasure == b.unitOfMeasure && a.type == b.type
  }

  static func sameNumber(_ a: String?, _ b: String?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a == b || number(a) == number(b)
  }

  /// The exact value of a JSON number text.
  static func number(_ text: String) -> Decimal? {
    if text == "0" { return 0 }
    if let exact = ExactDecimal.parse(text) { return exact }
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN
    else { return nil }
    return value
  }
}
