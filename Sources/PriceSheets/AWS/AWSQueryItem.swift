/// The `get-products` envelope.
struct AWSQueryEnvelope: Decodable {
  var FormatVersion: String?
  var PriceList: [AWSQueryElement]?
}

/// A `PriceList` element: a JSON string (as the API returns it) or an object.
enum AWSQueryElement: Decodable {
  case text(String)
  case item(AWSQueryItem)

  init(from decoder: any Decoder) throws {
    if let text = try? decoder.singleValueContainer().decode(String.self) {
      self = .text(text)
    } else {
      self = .item(try AWSQueryItem(from: decoder))
    }
  }
}

/// One product with its terms, as the Query API returns it. Trimmed items may lack
/// `serviceCode`, `offerTermCode` and `effectiveDate`.
public struct AWSQueryItem: Decodable, Sendable {
  public struct Product: Decodable, Sendable {
    public var sku: String
    public var productFamily: String?
    public var attributes: [String: String]
  }

  public struct Term: Decodable, Sendable {
    public var offerTermCode: String?
    public var sku: String?
    public var effectiveDate: String?
    var priceDimensions: [String: AWSPriceDimension]
  }

  public var product: Product
  public var serviceCode: String?
  public var terms: [String: [String: Term]]
  public var version: String?
  public var publicationDate: String?
}
