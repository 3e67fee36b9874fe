import Foundation
@testable import PriceSheets

/// One page of the Azure Retail Prices API as decoded by `JSONDecoder`. Prices are JSON numbers and
/// decode into `Decimal` exactly (never through `Double`); their text is captured separately by
/// ``LegacyAzureNumberScanner`` so the sheet's own spelling (`8.3e-05`) is kept.
struct LegacyAzureRetailPage: Decodable {
  var BillingCurrency: String?
  var CustomerEntityId: String?
  var CustomerEntityType: String?
  var Items: [LegacyAzureRetailItem]?
  var NextPageLink: String?
  var Count: Int?
}

/// One item of an Azure Retail Prices page (the fields ratecard reads).
struct LegacyAzureRetailItem: Decodable, Hashable {
  var currencyCode: String
  var tierMinimumUnits: Decimal?
  var reservationTerm: String?
  var retailPrice: Decimal
  var unitPrice: Decimal?
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

  /// The item's identity: two items with the same key are the same price line.
  var key: Key {
    Key(
      meterId: meterId, skuId: skuId, region: armRegionName, type: type,
      term: reservationTerm ?? "", tierMinimum: tierMinimumUnits ?? 0, currency: currencyCode)
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
}

/// Only the link to the next page (what the pager needs from each page).
struct LegacyAzureNextPageLink: Decodable {
  var NextPageLink: String?
}
