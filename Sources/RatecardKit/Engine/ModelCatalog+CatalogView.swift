import Catalog
import CostEngine
import Foundation
import Pricing

/// The real catalogue seen through the cost engine's small ``CatalogView`` protocol.
extension ModelCatalog: CatalogView {
  public func modelFacts(_ canonicalID: String) -> ModelFacts? {
    guard let m = model(canonicalID) else { return nil }
    return ModelFacts(
      id: m.id, family: m.family, kind: m.kind.rawValue, capabilities: m.capabilities, maxInputTokens: m.maxInputTokens,
      maxOutputTokens: m.maxOutputTokens, inputModalities: m.inputModalities)
  }

  public func qualityEvidence(model canonicalID: String, benchmark: String, groupVariants: Bool) -> QualityEvidence? {
    let rows = groupVariants ? scores(for: canonicalID, variantsOf: benchmark) : scores(for: canonicalID, benchmark: benchmark)
    guard let row = rows.first(where: { $0.score != nil }), let score = row.score else { return nil }
    return QualityEvidence(benchmark: row.benchmark, score: score, asOf: row.asOf, source: row.source)
  }

  public func regionFacts(provider: Provider, region: String) -> RegionFacts? {
    guard let r = self.region(provider: provider, code: region) else { return nil }
    return RegionFacts(geography: r.geography, government: r.isGovernment)
  }
}
