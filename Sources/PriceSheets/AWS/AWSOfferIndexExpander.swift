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

  public func expand(_ document: SheetDocument, options: ReadOptions) throws -> [String] {
    let file = document.uri
    let data = document.data
    // Offer code → (currentVersionUrl, currentRegionIndexUrl), every offer's fields checked.
    let index = try JSONDocument.parse(data, file: file) { json in
      try json.require(json.root, .object)
      var offers: [String: (version: String?, regionIndex: String?)] = [:]
      for (k, offer) in json.members(try json.required(json.root, "offers", .object)) {
        try json.require(offer, .object)
        _ = try json.optionalString(offer, "offerCode")
        let code = json.string(k)
        guard offers[code] == nil else { continue }  // the first of a repeated key, as JSONDecoder
        offers[code] = (
          try json.optionalString(offer, "currentVersionUrl"),
          try json.optionalString(offer, "currentRegionIndexUrl")
        )
      }
      return offers
    }
    var links: [String] = []
    for code in offers {
      guard let offer = index[code] else { continue }
      let wantsRegions = options.regions != nil
      let key = wantsRegions ? "currentRegionIndexUrl" : "currentVersionUrl"
      guard let link = wantsRegions ? offer.regionIndex : offer.version,
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
