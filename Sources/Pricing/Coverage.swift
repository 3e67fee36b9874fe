import Foundation

/// Which stored rates a full sheet speaks for: an open rate inside the coverage that the sheet
/// no longer lists is withdrawn. A nil set means "all".
public struct Coverage: Sendable, Hashable, Codable {
  public var providers: Set<Provider>?
  public var services: Set<String>?
  public var regions: Set<String>?
  public var currency: String?
  /// The family of sheets this one belongs to (`aws-price-list`, `azure-retail`, `ratecard-csv`):
  /// a sheet only withdraws rates that sheets of its own family opened, so importing the Azure feed
  /// never withdraws a negotiated rate loaded from a ratecard CSV. Set by the import pipeline.
  public var family: String

  public init(
    providers: Set<Provider>?, services: Set<String>?, regions: Set<String>?, currency: String?,
    family: String = ""
  ) {
    self.family = family
    self.providers = providers
    self.services = services
    self.regions = regions
    self.currency = currency
  }

  /// A stable text naming the coverage, used to find the previous import of the same source.
  public var key: String {
    func part(_ s: Set<String>?) -> String { s.map { $0.sorted().joined(separator: "+") } ?? "*" }
    return [
      family.isEmpty ? "*" : family,
      part(providers.map { Set($0.map(\.rawValue)) }), part(services), part(regions),
      currency ?? "*",
    ].joined(separator: "|")
  }

  /// True when `rate` falls inside this coverage.
  /// (The family is checked by the store, which records it per rate.)
  public func contains(_ rate: Rate) -> Bool {
    contains(
      provider: rate.provider.rawValue, service: rate.service, region: rate.region,
      currency: rate.currency)
  }

  /// True when a rate with these fields falls inside this coverage (the store checks stored rows
  /// without rebuilding a `Rate` for each).
  public func contains(provider: String, service: String, region: String, currency rateCurrency: String)
    -> Bool
  {
    if let providers, !providers.contains(where: { $0.rawValue == provider }) { return false }
    if let services, !services.contains(service) { return false }
    if let regions, !regions.contains(region) { return false }
    if let currency, currency != rateCurrency { return false }
    return true
  }
}
