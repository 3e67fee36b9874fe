@testable import PriceSheets
/// The parts of an AWS Price List offer file ratecard needs, for `JSONDecoder`. Prices stay
/// strings (`"0.0080000000"`) and are parsed strictly afterwards.
struct LegacyAWSOfferFile: Decodable {
  var formatVersion: String?
  var offerCode: String
  var version: String
  var publicationDate: String
  var products: [String: LegacyAWSProduct]
  /// Term type (`OnDemand`) → SKU → term key (`SKU.JRTCKXETXF`) → term.
  var terms: [String: [String: [String: LegacyAWSTerm]]]
}

/// A product: its SKU and attributes.
struct LegacyAWSProduct: Decodable {
  var sku: String
  var productFamily: String?
  var attributes: [String: String]
}

/// A price term of one SKU.
struct LegacyAWSTerm: Decodable {
  var offerTermCode: String
  var sku: String
  var effectiveDate: String
  var priceDimensions: [String: AWSPriceDimension]
}
