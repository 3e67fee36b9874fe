/// One price dimension.
struct AWSPriceDimension: Decodable, Sendable {
  var rateCode: String?
  var description: String?
  var unit: String
  var pricePerUnit: [String: String]
}
