/// One priced line of an AWS offer, whatever shape it was read from (bulk/regional JSON, CSV,
/// a Query API item): the product's attributes with its one price dimension.
public struct AWSPriceRow: Sendable, Hashable {
  /// The offer code (`AmazonBedrock`, `AmazonBedrockFoundationModels`, `AmazonBedrockService`).
  public var offerCode: String
  public var sku: String
  public var offerTermCode: String
  /// `OnDemand` (Bedrock has no other term type).
  public var termType: String
  public var rateCode: String
  /// The rate's stable key: SKU + "." + offer term code (the rate code when a term has several
  /// price dimensions).
  public var rateKey: String
  /// Attributes under their JSON names (`usagetype`, `regionCode`, `inferenceType`, ...).
  public var attributes: [String: String]
  public var unit: String
  public var currency: String
  /// The price exactly as the sheet gives it.
  public var priceText: String
  public var description: String
  public var effectiveDate: String
  /// Where the price dimension is (JSON path or `line N`), for errors.
  public var location: String
  /// Where the term is (JSON path or `line N`), for errors.
  public var termLocation: String
  /// Where the product is (JSON path or `line N`), for errors.
  public var productLocation: String

  public init(
    offerCode: String, sku: String, offerTermCode: String, termType: String = "OnDemand",
    rateCode: String, attributes: [String: String], unit: String, currency: String,
    priceText: String, description: String, effectiveDate: String, location: String,
    productLocation: String, termLocation: String? = nil, rateKey: String? = nil
  ) {
    self.termLocation = termLocation ?? location
    self.rateKey = rateKey ?? sku + "." + offerTermCode
    self.offerCode = offerCode
    self.sku = sku
    self.offerTermCode = offerTermCode
    self.termType = termType
    self.rateCode = rateCode
    self.attributes = attributes
    self.unit = unit
    self.currency = currency
    self.priceText = priceText
    self.description = description
    self.effectiveDate = effectiveDate
    self.location = location
    self.productLocation = productLocation
  }

  /// An attribute, or "" when absent.
  public subscript(_ name: String) -> String { attributes[name] ?? "" }

  /// The model as the sheet names it: `model`, else `titanModel`, else (FM) `servicename`.
  public var sheetModel: String {
    if let m = attributes["model"], !m.isEmpty { return m }
    if let m = attributes["titanModel"], !m.isEmpty { return m }
    if offerCode == AWSOffers.foundationModels { return attributes["servicename"] ?? "" }
    return ""
  }
}

/// The Price List offer codes that carry Bedrock prices.
public enum AWSOffers {
  public static let bedrock = "AmazonBedrock"
  public static let foundationModels = "AmazonBedrockFoundationModels"
  public static let service = "AmazonBedrockService"
  /// The offers ratecard follows from an offer index.
  public static let all: [String] = [bedrock, foundationModels, service]
}
