/// Expands an offer's region index (`region_index.json`) into each region's
/// `currentVersionUrl`, keeping only the regions chosen with `--region` (all when none).
public struct AWSRegionIndexExpander: SheetExpander {
  public init() {}

  public func expand(_ document: SheetDocument, options: ReadOptions) throws -> [String] {
    let data = document.data
    // Region key → (regionCode, currentVersionUrl).
    let regions = try JSONDocument.parse(data, file: document.uri) { json in
      try json.require(json.root, .object)
      var regions: [String: (code: String?, link: String)] = [:]
      for (k, region) in json.members(try json.required(json.root, "regions", .object)) {
        try json.require(region, .object)
        let key = json.string(k)
        guard regions[key] == nil else { continue }  // the first of a repeated key, as JSONDecoder
        regions[key] = (
          try json.optionalString(region, "regionCode"), try json.requiredString(region, "currentVersionUrl")
        )
      }
      return regions
    }
    return regions.keys.sorted().compactMap { key in
      guard let region = regions[key] else { return nil }
      let code = region.code ?? key
      if let chosen = options.regions, !chosen.contains(code) { return nil }
      return region.link
    }
  }
}
