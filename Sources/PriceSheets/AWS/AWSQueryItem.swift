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

extension AWSQueryItem {
  /// Reads an item from value `i` of a parsed document, checking the types of every field.
  init(_ json: JSONDocument, _ i: Int) throws {
    try json.require(i, .object)
    let p = try json.required(i, "product", .object)
    let sku = try json.requiredString(p, "sku")
    let family = try json.optionalString(p, "productFamily")
    var attributes: [String: String] = [:]
    for (k, v) in json.members(try json.required(p, "attributes", .object)) {
      try attributes.keepFirst(json.string(k), try json.stringValue(v))
    }
    product = Product(sku: sku, productFamily: family, attributes: attributes)
    serviceCode = try json.optionalString(i, "serviceCode")
    terms = [:]
    for (typeKey, byKey) in json.members(try json.required(i, "terms", .object)) {
      try json.require(byKey, .object)
      var terms: [String: Term] = [:]
      for (termKey, t) in json.members(byKey) {
        try json.require(t, .object)
        var dims: [String: AWSPriceDimension] = [:]
        for (dimKey, d) in json.members(try json.required(t, "priceDimensions", .object)) {
          try dims.keepFirst(json.string(dimKey), try json.awsPriceDimension(d))
        }
        try terms.keepFirst(
          json.string(termKey),
          Term(
            offerTermCode: try json.optionalString(t, "offerTermCode"),
            sku: try json.optionalString(t, "sku"),
            effectiveDate: try json.optionalString(t, "effectiveDate"), priceDimensions: dims))
      }
      self.terms.keepFirst(json.string(typeKey), terms)
    }
    version = try json.optionalString(i, "version")
    publicationDate = try json.optionalString(i, "publicationDate")
  }
}
