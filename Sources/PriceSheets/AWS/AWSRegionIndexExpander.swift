/// Expands an offer's region index (`region_index.json`) into each region's
/// `currentVersionUrl`, keeping only the regions chosen with `--region` (all when none).
public struct AWSRegionIndexExpander: SheetExpander {
  public init() {}

  struct Index: Decodable {
    struct Region: Decodable {
      var regionCode: String?
      var currentVersionUrl: String
    }
    var regions: [String: Region]
  }

  public func expand(_ document: SheetDocument, options: ReadOptions) throws -> [String] {
    let index = try AWSDecoding.decode(Index.self, from: document.data, file: document.uri)
    return index.regions.keys.sorted().compactMap { key in
      guard let region = index.regions[key] else { return nil }
      let code = region.regionCode ?? key
      if let chosen = options.regions, !chosen.contains(code) { return nil }
      return region.currentVersionUrl
    }
  }
}
