import Catalog
import CostEngine
import Foundation
import Pricing

/// The real catalogue seen through the cost engine's small ``CatalogView`` protocol.
extension ModelCatalog: CatalogView {
  public func modelFacts(_ canonicalID: String) -> ModelFacts? {
    guard let m = model(canonicalID) else { return nil }
    return ModelFacts(
      id: m.id, family: m.family, capabilities: m.capabilities, maxInputTokens: m.maxInputTokens,
      maxOutputTokens: m.maxOutputTokens, inputModalities: m.inputModalities)
  }

  public func regionFacts(provider: Provider, region: String) -> RegionFacts? {
    guard let r = self.region(provider: provider, code: region) else { return nil }
    return RegionFacts(geography: r.geography, government: r.isGovernment)
  }
}
