import Pricing

/// A rule over the words of one signal: all of `all`, at least one of `any` (when given), none
/// of `none`.
struct AWSWordRule<T: Sendable>: Sendable {
  var all: Set<String>
  var any: Set<String> = []
  var none: Set<String> = []
  var value: T

  func matches(_ words: Set<String>) -> Bool {
    all.isSubset(of: words) && (any.isEmpty || !any.isDisjoint(with: words))
      && none.isDisjoint(with: words)
  }
}

/// Non-token and capacity kinds recognised from the usagetype.
enum AWSKind: Sendable, Hashable {
  case provisioned
  case reservedTPM
  /// Meter `other`, with this variant label.
  case other(String)
}

/// A kind rule: usagetype words and/or a substring of the lowercased usagetype.
struct AWSKindRule: Sendable {
  var all: Set<String> = []
  var none: Set<String> = []
  var substring: String? = nil
  var kind: AWSKind

  func matches(_ words: Set<String>, tail: String) -> Bool {
    if let substring, !AWSClassifier.contains(tail, substring) { return false }
    return all.isSubset(of: words) && none.isDisjoint(with: words)
  }
}

/// A row that is deliberately not imported.
struct AWSSkipRule: Sendable {
  var attribute: String
  var prefix: String
  var reason: String

  func matches(_ row: AWSPriceRow) -> Bool { row[attribute].hasPrefix(prefix) }
}

extension AWSClassifier {
  /// Listings not imported at all.
  static let skipRules: [AWSSkipRule] = [
    AWSSkipRule(
      attribute: "servicename", prefix: "Claude Instant (100K)",
      reason: "legacy listing 'Claude Instant (100K)' (superseded by 'Claude Instant')")
  ]

  /// Capacity and non-token kinds, first match wins (usagetype words, lowercased).
  static let kindRules: [AWSKindRule] = [
    AWSKindRule(all: ["reserved", "tpm"], kind: .reservedTPM),
    AWSKindRule(all: ["provisioned", "throughput"], kind: .provisioned),
    AWSKindRule(all: ["guardrail"], kind: .other("guardrail")),
    AWSKindRule(all: ["custom", "model", "storage"], kind: .other("custom-model-storage")),
    AWSKindRule(all: ["customization", "training"], kind: .other("training")),
    AWSKindRule(substring: "t2i-", kind: .other("image-generation")),
    AWSKindRule(all: ["generated", "images"], kind: .other("image-generation")),
    AWSKindRule(substring: "t2v-", kind: .other("video-generation")),
    AWSKindRule(all: ["search", "units"], kind: .other("rerank")),
    AWSKindRule(all: ["image", "count"], none: ["token"], kind: .other("image-input")),
    AWSKindRule(all: ["audio", "second"], kind: .other("audio-input-second")),
    AWSKindRule(all: ["video", "second"], kind: .other("video-input-second")),
    AWSKindRule(all: ["request", "count"], kind: .other("text-request")),
  ]

  /// Where the detail of a non-token variant starts in the usagetype (case-insensitive).
  static let detailMarkers: [String: [String]] = [
    "guardrail": ["guardrail-"], "image-generation": ["t2i-"], "video-generation": ["t2v-"],
  ]

  /// Words dropped from a non-token variant's detail.
  static let detailStopWords: Set<String> = ["units", "consumed"]

  /// Token direction. Cache rules come first: a cache read is also an input.
  static let meterRules: [AWSWordRule<Meter>] = [
    AWSWordRule(all: ["cache", "read"], value: .cacheRead),
    AWSWordRule(all: ["cache", "write"], value: .cacheWrite),
    AWSWordRule(all: ["input"], value: .input),
    AWSWordRule(all: [], any: ["output", "response"], value: .output),
  ]

  /// Service tier.
  static let tierRules: [AWSWordRule<Tier>] = [
    AWSWordRule(all: ["batch"], value: .batch),
    AWSWordRule(all: ["flex"], value: .flex),
    AWSWordRule(all: ["priority"], value: .priority),
    AWSWordRule(all: ["standard"], value: .standard),
  ]

  /// Routing scope. `cross-region` without `global` is a geographic profile.
  static let scopeRules: [AWSWordRule<Scope>] = [
    AWSWordRule(all: ["global"], value: .global),
    AWSWordRule(all: ["geo"], value: .geo),
    AWSWordRule(all: ["cross", "region"], value: .geo),
    AWSWordRule(all: ["regional"], value: .regional),
  ]

  /// Non-text token modalities (usagetype only).
  static let modalityRules: [AWSWordRule<String>] = [
    AWSWordRule(all: ["speech"], value: "speech"),
    AWSWordRule(all: ["audio"], value: "audio"),
    AWSWordRule(all: ["image"], value: "image"),
    AWSWordRule(all: ["video"], value: "video"),
    AWSWordRule(all: [], any: embeddingWords, value: "embedding"),
  ]

  static let embeddingWords: Set<String> = ["embed", "embedding", "embeddings"]

  static let longContextRules: [AWSWordRule<Bool>] = [
    AWSWordRule(all: ["long"], any: ["context", "ctx"], value: true),
    AWSWordRule(all: ["lctx"], value: true),
  ]

  /// Cache-write time to live, as the usagetype states it.
  static let ttlRules: [AWSWordRule<String>] = [
    AWSWordRule(all: ["5m"], value: "5m"),
    AWSWordRule(all: ["30m"], value: "30m"),
    AWSWordRule(all: ["1h"], value: "1h"),
  ]

  static let latencyRules: [AWSWordRule<Bool>] = [
    AWSWordRule(all: ["latency", "optimized"], value: true)
  ]

  static let customModel: Set<String> = ["custom", "model"]

  /// Provisioned-throughput commitment.
  static let commitmentRules: [AWSWordRule<Commitment>] = [
    AWSWordRule(all: ["no", "commit"], value: Commitment.none),
    AWSWordRule(all: ["nocommit"], value: Commitment.none),
    AWSWordRule(all: ["1month"], value: .oneMonth),
    AWSWordRule(all: ["6month"], value: .sixMonths),
    AWSWordRule(all: ["1year"], value: .oneYear),
    AWSWordRule(all: ["3year"], value: .threeYears),
  ]

  /// Reserved capacity term in months.
  static let reservedTermRules: [AWSWordRule<Int>] = [
    AWSWordRule(all: ["1month"], value: 1),
    AWSWordRule(all: ["3month"], value: 3),
    AWSWordRule(all: ["6month"], value: 6),
    AWSWordRule(all: ["12month"], value: 12),
    AWSWordRule(all: ["1year"], value: 12),
  ]

  static let commitmentForMonths: [Int: Commitment] = [
    1: .oneMonth, 3: .threeMonths, 6: .sixMonths, 12: .oneYear, 36: .threeYears,
  ]
}
