/// The parts of an AWS Price List offer file ratecard needs, for `JSONDecoder`. Prices stay
/// strings (`"0.0080000000"`) and are parsed strictly afterwards.
struct AWSOfferFile: Decodable {
  var formatVersion: String?
  var offerCode: String
  var version: String
  var publicationDate: String
  var products: [String: AWSProduct]
  /// Term type (`OnDemand`) → SKU → term key (`SKU.JRTCKXETXF`) → term.
  var terms: [String: [String: [String: AWSTerm]]]
}

/// A product: its SKU and attributes.
struct AWSProduct: Decodable {
  var sku: String
  var productFamily: String?
  var attributes: [String: String]
}

/// A price term of one SKU.
struct AWSTerm: Decodable {
  var offerTermCode: String
  var sku: String
  var effectiveDate: String
  var priceDimensions: [String: AWSPriceDimension]
}

/// One price dimension.
struct AWSPriceDimension: Decodable, Sendable {
  var rateCode: String?
  var description: String?
  var unit: String
  var pricePerUnit: [String: String]
}
