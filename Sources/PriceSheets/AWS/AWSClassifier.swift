import Pricing

/// How one AWS row is priced: tier, meter, scope, variant, commitment.
public struct AWSRateClass: Sendable, Hashable, CustomStringConvertible {
  public var tier: Tier
  public var meter: Meter
  public var scope: Scope
  public var variant: String
  public var commitment: Commitment

  public init(
    tier: Tier = .standard, meter: Meter, scope: Scope = .regional, variant: String = "",
    commitment: Commitment = .none
  ) {
    self.tier = tier
    self.meter = meter
    self.scope = scope
    self.variant = variant
    self.commitment = commitment
  }

  public var description: String {
    "\(tier.rawValue)/\(meter.rawValue)/\(scope.rawValue)/\(variant)/\(commitment.rawValue)"
  }
}

/// The classifier's verdict on a row.
public enum AWSClassification: Sendable, Hashable {
  /// Understood.
  case classified(AWSRateClass)
  /// Stored with a best-effort class, but counted under `reason`.
  case unclassified(AWSRateClass, reason: String)
  /// Deliberately not imported, counted under `reason`.
  case skipped(reason: SkipReason)
}

/// Classifies AWS Bedrock Price List rows from their attributes. Signals are read in order of
/// trust: `usagetype`, `inferenceType`, `feature`, `service_tier`, `tokenType`, `description`;
/// the first signal that states a fact wins. The rules themselves are tables
/// (``AWSClassifier/kindRules`` and friends, in `AWSClassifier+Rules.swift`).
public struct AWSClassifier: Sendable {
  public init() {}

  /// The signals of a row, in order of trust.
  struct Signals {
    var usage: Set<String>
    var usageTail: String
    var rawTail: String
    var ordered: [(name: String, words: Set<String>)]
    var model: Set<String>
    var description: Set<String>
  }

  /// Classifies one row.
  public func classify(_ row: AWSPriceRow) -> AWSClassification { classify(row, words: nil) }

  /// Classifies one row, taking the word sets of repeated texts from `words` when given.
  func classify(_ row: AWSPriceRow, words: AWSWordSets?) -> AWSClassification {
    for rule in Self.skipRules where rule.matches(row) {
      return .skipped(reason: .deliberate(rule.reason))
    }
    let s = signals(row, words: words)
    // Capacity and non-token kinds, recognised from the usagetype.
    for rule in Self.kindRules where rule.matches(s.usage, tail: s.usageTail) {
      return classifyKind(rule.kind, row: row, signals: s)
    }
    // A token SKU by its unit or by its usagetype (then an unknown unit is an error later);
    // FM's placeholder unit `Units` when the usagetype or the description speaks of tokens.
    let tokenWording = !s.usage.isDisjoint(with: Self.tokenWords)
    let fmTokens =
      row.unit == "Units" && row.offerCode == AWSOffers.foundationModels
      && (tokenWording || !s.description.isDisjoint(with: Self.tokenWords))
    if Self.tokenUnits.contains(row.unit) || tokenWording || fmTokens {
      return classifyTokens(row, signals: s)
    }
    if row.unit == "hour", row["feature"].lowercased().contains("provisioned") {
      return classifyKind(.provisioned, row: row, signals: s)
    }
    return .unclassified(
      AWSRateClass(meter: .other, scope: scope(s) ?? .regional, variant: ""),
      reason: "non-token SKU of unknown kind (unit '\(row.unit)')")
  }

  /// Usagetype words that make a SKU a token SKU whatever its unit.
  static let tokenWords: Set<String> = ["token", "tokens"]

  /// The attributes read as signals after the usagetype, in order of trust.
  static let signalAttributes = ["inferenceType", "feature", "service_tier", "tokenType"]

  /// Signal names some rules are limited to.
  static let usagetypeOnly: Set<String> = ["usagetype"]
  static let usagetypeAndInferenceType: Set<String> = ["usagetype", "inferenceType"]

  /// The units that price tokens.
  static let tokenUnits: Set<String> = ["1K tokens", "1M tokens"]

  func signals(_ row: AWSPriceRow, words cache: AWSWordSets? = nil) -> Signals {
    func wordSet(_ text: String) -> Set<String> { cache?.of(text) ?? Set(Self.words(text)) }
    let tail = Self.usageTail(row["usagetype"])
    let usage = wordSet(tail)
    var ordered: [(String, Set<String>)] = [("usagetype", usage)]
    for name in Self.signalAttributes {
      if let v = row.attributes[name], !v.isEmpty { ordered.append((name, wordSet(v))) }
    }
    let description = Set(Self.words(Self.descriptionCore(row.description)))
    if !description.isEmpty { ordered.append(("description", description)) }
    return Signals(
      usage: usage, usageTail: tail.lowercased(), rawTail: tail, ordered: ordered,
      model: wordSet(row.sheetModel), description: description)
  }

  func classifyKind(_ kind: AWSKind, row: AWSPriceRow, signals s: Signals) -> AWSClassification {
    switch kind {
    case .provisioned:
      guard let commitment = first(Self.commitmentRules, in: s) else {
        return .unclassified(
          AWSRateClass(tier: .provisioned, meter: .capacity),
          reason: "provisioned throughput without a recognised commitment")
      }
      return .classified(
        AWSRateClass(tier: .provisioned, meter: .capacity, scope: .regional, commitment: commitment))
    case .reservedTPM:
      let direction = first(Self.meterRules, in: s)
      let variant = direction == .output ? "output-tpm" : "input-tpm"
      let scope = scope(s) ?? .regional
      guard let months = first(Self.reservedTermRules, in: s) else {
        return .unclassified(
          AWSRateClass(tier: .reserved, meter: .capacity, scope: scope, variant: variant),
          reason: "reserved capacity without a recognised term")
      }
      guard let commitment = Self.commitmentForMonths[months] else {
        return .skipped(reason: .unusable("reserved TPM with a \(months)-month term (no such Commitment value)"))
      }
      guard direction == .input || direction == .output else {
        return .unclassified(
          AWSRateClass(
            tier: .reserved, meter: .capacity, scope: scope, variant: "",
            commitment: commitment),
          reason: "reserved TPM without input/output direction")
      }
      return .classified(
        AWSRateClass(
          tier: .reserved, meter: .capacity, scope: scope, variant: variant, commitment: commitment))
    case .other(let label):
      var variant = label
      if let markers = Self.detailMarkers[label] {
        let extra = Self.detail(s.rawTail, after: markers)
        if !extra.isEmpty { variant += " " + extra }
      }
      return .classified(
        AWSRateClass(
          tier: tier(s).tier ?? .standard, meter: .other, scope: scope(s) ?? .regional,
          variant: variant))
    }
  }

  func classifyTokens(_ row: AWSPriceRow, signals s: Signals) -> AWSClassification {
    let (tierValue, conflict) = tier(s)
    let scopeValue = scope(s) ?? .regional
    guard let meter = first(Self.meterRules, in: s) else {
      return .unclassified(
        AWSRateClass(tier: tierValue ?? .standard, meter: .other, scope: scopeValue),
        reason: "token SKU without input/output/cache direction")
    }
    var parts: [String] = []
    if let modality = first(Self.modalityRules, in: s, from: Self.usagetypeOnly) {
      parts.append(modality)
    } else if !s.model.isDisjoint(with: Self.embeddingWords) {
      parts.append("embedding")
    }
    if first(Self.longContextRules, in: s, from: Self.usagetypeAndInferenceType) != nil {
      parts.append("long-context")
    }
    if meter == .cacheWrite, let ttl = first(Self.ttlRules, in: s, from: Self.usagetypeOnly) {
      parts.append(ttl)
    }
    if first(Self.latencyRules, in: s, from: Self.usagetypeAndInferenceType) != nil {
      parts.append("latency-optimized")
    }
    if Self.customModel.isSubset(of: s.usage) { parts.append("custom-model") }
    let rateClass = AWSRateClass(
      tier: tierValue ?? .standard, meter: meter, scope: scopeValue,
      variant: parts.joined(separator: " "))
    if let conflict { return .unclassified(rateClass, reason: conflict) }
    return .classified(rateClass)
  }

  /// The tier, and a conflict note when the usagetype and a lower-trust signal disagree.
  func tier(_ s: Signals) -> (tier: Tier?, conflict: String?) {
    var found: (Tier, String)?
    for (name, words) in s.ordered {
      guard let t = Self.tierRules.first(where: { $0.matches(words) })?.value else { continue }
      if let (f, fname) = found {
        if f != t && fname == "usagetype" && name != "description" && t != .standard {
          return (f, "tier signals disagree (\(fname) says \(f.rawValue), \(name) says \(t.rawValue))")
        }
      } else {
        found = (t, name)
      }
    }
    return (found?.0, nil)
  }

  func scope(_ s: Signals) -> Scope? { first(Self.scopeRules, in: s) }

  /// The first rule value stated by the signals, in order of trust (optionally only by the
  /// signals named in `from`).
  func first<T>(_ rules: [AWSWordRule<T>], in s: Signals, from: Set<String>? = nil) -> T? {
    for (name, words) in s.ordered where from?.contains(name) ?? true {
      if let rule = rules.first(where: { $0.matches(words) }) { return rule.value }
    }
    return nil
  }
}

/// The word sets (``AWSClassifier/words(_:)``) of texts seen before, for the rows of one read:
/// usagetype tails, attribute values and model names repeat across regions.
final class AWSWordSets {
  private var sets: [String: Set<String>] = [:]

  /// The set of the words of `text`.
  func of(_ text: String) -> Set<String> {
    if let known = sets[text] { return known }
    let set = Set(AWSClassifier.words(text))
    sets[text] = set
    return set
  }
}
