import Catalog
import Foundation
import Pricing
import RateStore

/// Keeps the store's `model` column and catalogue tables in step with the catalogue: when the
/// catalogue's content hash differs from the one recorded in `catalogState`, every stored rate's
/// model is resolved again, in one transaction, without re-importing any sheet.
public enum CatalogSync {
  /// What a sync did.
  public struct Outcome: Sendable, Hashable {
    /// False when the store was already resolved against this catalogue.
    public var resolved: Bool
    /// Rate rows whose `model` changed.
    public var ratesUpdated: Int
    public var sha256: String
  }

  /// Re-resolves when the catalogue changed since the last sync (or when `force`).
  @discardableResult
  public static func syncIfNeeded(_ store: RateStore, catalog: ModelCatalog, force: Bool = false)
    throws -> Outcome
  {
    let sha = catalog.contentHash
    if !force, try store.catalogStateHash() == sha {
      return Outcome(resolved: false, ratesUpdated: 0, sha256: sha)
    }
    let updated = try store.applyCatalog(tables(catalog), sha256: sha) { key in
      catalog.resolveSheetName(
        provider: key.provider, service: key.service, sheetModel: key.sheetModel,
        sheetKey: key.sheetKey)
    }
    return Outcome(resolved: true, ratesUpdated: updated, sha256: sha)
  }

  /// The catalogue as rows for the store's catalogue tables.
  public static func tables(_ catalog: ModelCatalog) -> CatalogTables {
    CatalogTables(
      models: catalog.models.map { m in
        CatalogTables.Model(
          id: m.id, vendor: m.vendor, family: m.family, releaseDate: m.releaseDate,
          maxInputTokens: m.maxInputTokens, maxOutputTokens: m.maxOutputTokens,
          inputModalities: m.inputModalities.joined(separator: "|"),
          toolCalling: m.capabilities[.toolCalling], structuredOutput: m.capabilities[.structuredOutput],
          vision: m.capabilities[.vision], reasoning: m.capabilities[.reasoning],
          promptCaching: m.capabilities[.promptCaching], openWeights: m.openWeights, source: m.source)
      },
      aliases: catalog.aliases.map {
        CatalogTables.Alias(
          modelId: $0.modelId, cloud: $0.cloud, kind: $0.kind, alias: $0.alias, source: $0.source)
      },
      regions: catalog.regions.map {
        CatalogTables.Region(
          provider: $0.provider.rawValue, code: $0.code, displayName: $0.displayName,
          geography: $0.geography, country: $0.country, isGovernment: $0.isGovernment,
          isSovereign: $0.isSovereign)
      },
      scores: catalog.scores.map {
        CatalogTables.Score(
          modelId: $0.modelId, benchmark: $0.benchmark, score: $0.scoreText, scale: $0.scale,
          asOf: $0.asOf, source: $0.source)
      })
  }
}
