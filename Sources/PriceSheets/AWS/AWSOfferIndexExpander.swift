/// Expands the AWS offer index (`offers/v1.0/aws/index.json`) into the Bedrock offers' files:
/// each offer's `currentVersionUrl` (the bulk file), or its `currentRegionIndexUrl` when regions
/// are chosen (`--region`), which the region index expander then narrows. Only the offers in
/// ``AWSOffers/all`` are followed; links are returned as given (`/offers/v1.0/aws/...`).
public struct AWSOfferIndexExpander: SheetExpander {
  /// The offer codes followed.
  public var offers: [String]

  public init(offers: [String] = AWSOffers.all) {
    self.offers = offers
  }

  struct Index: Decodable {
    struct Offer: Decodable {
      var offerCode: String?
      var currentVersionUrl: String?
      var currentRegionIndexUrl: String?
    }
    var offers: [String: Offer]
  }

  public func expand(_ document: SheetDocument, options: ReadOptions) throws -> [String] {
    let file = document.uri
    let index = try AWSDecoding.decode(Index.self, from: document.data, file: file)
    var links: [String] = []
    for code in offers {
      guard let offer = index.offers[code] else { continue }
      let wantsRegions = options.regions != nil
      let key = wantsRegions ? "currentRegionIndexUrl" : "currentVersionUrl"
      guard let link = wantsRegions ? offer.currentRegionIndexUrl : offer.currentVersionUrl,
        !link.isEmpty
      else {
        throw SheetError.malformed(
          file: file, location: "offers.\(code).\(key)", reason: "missing key '\(key)'")
      }
      links.append(link)
    }
    guard !links.isEmpty else {
      throw SheetError.invalidValue(
        file: file, location: "offers",
        reason: "the index lists none of the Bedrock offers (\(offers.joined(separator: ", ")))")
    }
    return links
  }
}
