import Foundation
import Pricing

/// One page of the Azure Retail Prices API: the fields ratecard reads, checked as they are read
/// from the parsed JSON. Prices keep their exact number text (`8.3e-05`), never a `Double`.
struct AzureRetailPage {
  var billingCurrency: String?
  /// The items, or nil when `Items` is missing or null.
  var items: [AzureRetailItem]?
  var nextPageLink: String?
}

/// One item of an Azure Retail Prices page (the fields ratecard reads).
struct AzureRetailItem: Equatable {
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
    text == "0" ? 0 : (ExactDecimal.parse(text) ?? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
  }
}

extension JSONDocument {
  /// Reads an Azure Retail Prices page, checking the type of every field ratecard reads.
  func azureRetailPage() throws -> AzureRetailPage {
    let o = root
    try require(o, .object)
    let currency = try optionalString(o, "BillingCurrency")
    _ = try optionalString(o, "CustomerEntityId")
    _ = try optionalString(o, "CustomerEntityType")
    var items: [AzureRetailItem]?
    if let list = try optional(o, "Items", .array) {
      var read: [AzureRetailItem] = []
      read.reserveCapacity(Int(tape[list].end) / 40)
      for element in elements(list) { read.append(try azureRetailItem(element)) }
      items = read
    }
    let link = try optionalString(o, "NextPageLink")
    if let count = try optional(o, "Count", .number), numberText(count).contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
      throw SheetError.malformed(file: file, location: location(of: count), reason: "expected an integer")
    }
    return AzureRetailPage(billingCurrency: currency, items: items, nextPageLink: link)
  }

  /// The item fields read, in the order the API writes them.
  static let azureItemFields = JSONFields([
    "currencyCode", "tierMinimumUnits", "reservationTerm", "retailPrice", "unitPrice",
    "armRegionName", "location", "effectiveStartDate", "meterId", "meterName", "productId", "skuId",
    "productName", "skuName", "serviceName", "unitOfMeasure", "type",
  ])

  /// Reads one item (fields checked in declaration order, as `JSONDecoder` did).
  func azureRetailItem(_ o: Int) throws -> AzureRetailItem {
    try require(o, .object)
    let f = Self.azureItemFields
    let s = lookup(o, f)
    let currencyCode = try requiredString(o, s, 0, f)
    let tierMinimum = try optionalNumber(s, 1)
    let reservationTerm = try optionalString(s, 2)
    let retailPrice = try requiredNumber(o, s, 3, f)
    let unitPrice = try optionalNumber(s, 4)
    let armRegionName = try requiredString(o, s, 5, f)
    let location = try optionalString(s, 6)
    let effectiveStartDate = try requiredString(o, s, 7, f)
    let meterId = try requiredString(o, s, 8, f)
    let meterName = try requiredString(o, s, 9, f)
    let productId = try optionalString(s, 10)
    let skuId = try requiredString(o, s, 11, f)
    let productName = try requiredString(o, s, 12, f)
    let skuName = try optionalString(s, 13)
    let serviceName = try optionalString(s, 14)
    let unitOfMeasure = try requiredString(o, s, 15, f)
    let type = try requiredString(o, s, 16, f)
    return AzureRetailItem(
      currencyCode: currencyCode,
      tierMinimumUnits: tierMinimum,
      reservationTerm: reservationTerm, retailPrice: retailPrice, unitPrice: unitPrice,
      armRegionName: armRegionName, location: location, effectiveStartDate: effectiveStartDate,
      meterId: meterId, meterName: meterName, productId: productId, skuId: skuId,
      productName: productName, skuName: skuName, serviceName: serviceName,
      unitOfMeasure: unitOfMeasure, type: type)
  }
}
