import Foundation
import Pricing

/// What the cost engine needs to know about models, regions and quality scores.
///
/// Implemented by the catalogue; tests use in-memory fakes. Model references are canonical ids or
/// any alias; every other method takes a canonical id.
public protocol CatalogView: Sendable {
  /// The canonical id for a canonical id or any alias (case-insensitive), nil when unknown.
  func canonicalModel(_ reference: String) -> String?
  /// Facts about a canonical model, nil when the catalogue has no such model.
  func modelFacts(_ canonicalID: String) -> ModelFacts?
  /// Geography and government flag of a provider region code, nil when unknown.
  func regionFacts(provider: Provider, region: String) -> RegionFacts?
  /// The score of a canonical model on a benchmark, exact; nil when none is published.
  func qualityScore(model canonicalID: String, benchmark: String) -> Decimal?
  /// Every benchmark name the quality data knows (bracketed setting included), sorted.
  var benchmarks: [String] { get }
  /// The preferred score row of a model on exactly this benchmark or, with `groupVariants`, on
  /// one of its variants reported the same way (see docs/engine.md); nil when none is published.
  func qualityEvidence(model canonicalID: String, benchmark: String, groupVariants: Bool) -> QualityEvidence?
}

extension CatalogView {
  /// Exact matches through ``qualityScore(model:benchmark:)``, without date or source (catalogues
  /// that keep only the score).
  public func qualityEvidence(model canonicalID: String, benchmark: String, groupVariants: Bool) -> QualityEvidence? {
    qualityScore(model: canonicalID, benchmark: benchmark).map {
      QualityEvidence(benchmark: benchmark, score: $0, asOf: "", source: "")
    }
  }
}

/// One quality score row: the benchmark as the quality data names it, the score, its date and
/// source. Shown beside each recommended offer as the evidence that qualified it.
public struct QualityEvidence: Sendable, Hashable {
  public var benchmark: String
  public var score: Decimal
  public var asOf: String
  public var source: String

  public init(benchmark: String, score: Decimal, asOf: String, source: String) {
    self.benchmark = benchmark
    self.score = score
    self.asOf = asOf
    self.source = source
  }
}

/// Facts about one canonical model.
public struct ModelFacts: Sendable, Hashable {
  public var id: String
  /// Product line (`gpt-4o`, `claude-3-haiku`), used to look up provisioned throughput per unit.
  public var family: String
  /// What the model is for: `chat`, `completion`, `embedding`, `image`, `audio`, `realtime`,
  /// `video`, `rerank`. A profile compares only models of its own kind.
  public var kind: String
  /// `true` / `false` as stated by a source; a capability absent from the dictionary is unknown.
  public var capabilities: [Capability: Bool]
  public var maxInputTokens: Int?
  public var maxOutputTokens: Int?
  /// Input modalities: text, image, pdf, audio, video.
  public var inputModalities: [String]

  public init(
    id: String, family: String = "", kind: String = "chat", capabilities: [Capability: Bool] = [:],
    maxInputTokens: Int? = nil, maxOutputTokens: Int? = nil, inputModalities: [String] = []
  ) {
    self.id = id
    self.family = family
    self.kind = kind
    self.capabilities = capabilities
    self.maxInputTokens = maxInputTokens
    self.maxOutputTokens = maxOutputTokens
    self.inputModalities = inputModalities
  }
}

/// Where a provider region is.
public struct RegionFacts: Sendable, Hashable {
  /// `us`, `eu`, `apac`, `ca`, `sa`, `me`, `af`, `uk`, ... (lowercase).
  public var geography: String
  /// Government or sovereign region (AWS GovCloud, Azure US Gov).
  public var government: Bool

  public init(geography: String, government: Bool = false) {
    self.geography = geography
    self.government = government
  }
}
