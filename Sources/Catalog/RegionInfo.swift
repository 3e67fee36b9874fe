import Pricing

/// A provider region with where it is, so profiles can say "EU only" or "no government regions".
public struct RegionInfo: Sendable, Hashable, Codable {
  public var provider: Provider
  /// `us-east-1`, `swedencentral`, `Global`, or "" (an Azure item without a region).
  public var code: String
  public var displayName: String
  /// `us`, `eu`, `uk`, `ch`, `no`, `apac`, `ca`, `sa`, `mx`, `me`, `af`, `cn`, `global` (lowercase);
  /// government regions are `us` with ``isGovernment`` set.
  public var geography: String
  /// ISO 3166 alpha-2, "" when not one country.
  public var country: String
  /// A government cloud region (AWS GovCloud, Azure US Gov / DoD / Secret).
  public var isGovernment: Bool
  /// A sovereign cloud region (government clouds, Azure China, the legacy Azure Germany cloud).
  public var isSovereign: Bool
  public var source: String

  public init(
    provider: Provider, code: String, displayName: String, geography: String, country: String = "",
    isGovernment: Bool = false, isSovereign: Bool = false, source: String = ""
  ) {
    self.provider = provider
    self.code = code
    self.displayName = displayName
    self.geography = geography
    self.country = country
    self.isGovernment = isGovernment
    self.isSovereign = isSovereign
    self.source = source
  }
}
