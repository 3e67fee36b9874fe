import Foundation
import Pricing

/// A workload profile: volumes, token mix, where it may run, what it needs, and the parity bar.
/// See docs/profiles.md for the YAML schema and the defaults of omitted fields.
public struct Profile: Sendable, Hashable {
  public var name: String
  /// Requests per month (`requests_per_day` x 730 / 24 when given per day).
  public var requestsPerMonth: Decimal
  /// Requests per day when the profile gave them so; monthly quantities are then computed as
  /// per-day x 730 x quantity / 24, dividing last so that whole results stay exact.
  public var requestsPerDay: Decimal?
  /// Average input tokens per request.
  public var inputTokens: Decimal
  /// Average output tokens per request.
  public var outputTokens: Decimal
  /// Share of input tokens read from the prompt cache.
  public var cachedInputShare: Decimal = 0
  /// Share of input tokens written to the prompt cache.
  public var cacheWriteShare: Decimal = 0
  /// Share of requests that can run as batch.
  public var batchShare: Decimal = 0
  /// Share of requests priced at long-context rates.
  public var longContextShare: Decimal = 0
  /// The kind of model the workload calls (`chat` by default); only models of this kind compete.
  public var kind = "chat"
  public var placement = Placement()
  /// Preferred regions for the tie-break between offers of equal cost, most preferred first
  /// (`where.home_region`, then `where.preferred_regions`); other regions follow alphabetically.
  public var preferredRegions: [String] = []
  public var needs = Needs()
  public var parity: Parity?
  /// Only these models compete (canonical ids or aliases; `--model` of `project` and `recommend`);
  /// nil = every model. An eligibility rule applied with the needs and the parity, before the
  /// ranking, so the top offers and the alternatives come from this set; the current deployment is
  /// still priced (it is the saving's baseline) whatever its model.
  public var models: Set<String>?
  /// `parity.group_variants`: a benchmark also matches its bracketed variants reported the same
  /// way (off by default: the exact benchmark text only).
  public var groupBenchmarkVariants = false
  /// Negotiated discount on list price per provider (0.05 = 5 %).
  public var discounts: [Provider: Decimal] = [:]
  public var currency = "USD"
  /// Monthly growth of the volume for forecasts (0.08 = 8 % per month).
  public var growthPerMonth: Decimal = 0
  /// Peak tokens per minute, for provisioned-throughput sizing.
  public var peakTokensPerMinute: Decimal?
  /// Tokens per minute one provisioned unit serves, overriding the built-in table.
  public var throughputPerUnit: Decimal?
  /// What the workload runs on today, priced the same way for the saving.
  public var current: Deployment?
  /// Where the profile was read from (`file:line:column`), for messages.
  public var origin: SourceMark?
  /// Positions of values checked against the catalogue or the store later (the parity, the
  /// current deployment, the currency, each region and geography), so those errors name line and
  /// column too.
  public var marks: [ProfileField: SourceMark] = [:]

  /// Monthly total of a per-request quantity (tokens per request x shares).
  public func perMonth(_ perRequest: Decimal) -> Decimal {
    if let perDay = requestsPerDay { return perDay * 730 * perRequest / 24 }
    return requestsPerMonth * perRequest
  }

  public init(name: String, requestsPerMonth: Decimal, inputTokens: Decimal, outputTokens: Decimal) {
    self.name = name
    self.requestsPerMonth = requestsPerMonth
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
  }

  /// The model kinds a profile may name (the catalogue's `kind` column).
  public static let kinds = ["chat", "completion", "embedding", "image", "audio", "realtime", "video", "rerank"]

  /// Where the workload may run.
  public struct Placement: Sendable, Hashable {
    /// nil = every provider.
    public var providers: Set<Provider>?
    /// Allowed geographies (`eu`, `us`, ...); nil = any.
    public var geographies: Set<String>?
    /// Allowed region codes; nil = any.
    public var regions: Set<String>?
    /// Allowed scopes. Default: regional, geo, datazone when geographies or regions are given
    /// (data residency), all four otherwise.
    public var scopes: Set<Scope> = Set(Scope.allCases)
    /// Government / sovereign regions allowed (default false unless named in `regions`).
    public var government = false
    public init() {}
  }

  /// What the model must offer.
  public struct Needs: Sendable, Hashable {
    public var capabilities: Set<Capability> = []
    /// Minimum input context window in tokens.
    public var minContext: Int?
    /// Minimum output tokens per response.
    public var minOutputTokens: Int?
    /// Input modalities the model must accept (text, image, pdf, audio, video).
    public var modalities: Set<String> = []
    public init() {}
  }

  /// The quality bar a candidate must meet.
  public enum Parity: Sendable, Hashable {
    /// Candidate score on `benchmark` >= baseline's score x (1 - tolerance).
    case baseline(model: String, benchmark: String, tolerance: Decimal)
    /// Candidate score >= the given score on every listed benchmark.
    case minScores([String: Decimal])
    /// Only these models (canonical ids or aliases).
    case models([String])
  }

  /// One concrete offer: provider, model, region, scope.
  public struct Deployment: Sendable, Hashable {
    public var provider: Provider
    public var model: String
    public var region: String
    public var scope: Scope
    public init(provider: Provider, model: String, region: String, scope: Scope) {
      self.provider = provider
      self.model = model
      self.region = region
      self.scope = scope
    }
  }
}

/// A position in a source file (1-based line and column).
public struct SourceMark: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
  public var description: String { "\(file):\(line):\(column)" }
}
