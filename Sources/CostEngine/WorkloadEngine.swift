import Foundation
import Pricing

/// The cost engine: prices profiles on every offer, filters by residency, needs and parity, and
/// ranks what is left.
///
/// Ranking and tie-break: monthly cost after discount (exact), then provider, model, region and
/// scope (narrowest first), so the same inputs always give the same answer.
public struct WorkloadEngine: Sendable {
  public let book: OfferBook
  public let catalog: any CatalogView
  public var throughput: ThroughputTable

  public init(rates: [Rate], catalog: any CatalogView, throughput: ThroughputTable = ThroughputTable()) {
    self.book = OfferBook(rates: rates, catalog: catalog)
    self.catalog = catalog
    self.throughput = throughput
  }

  public init(source: any RateSource, catalog: any CatalogView, throughput: ThroughputTable = ThroughputTable()) throws {
    self.init(rates: try source.rates(), catalog: catalog, throughput: throughput)
  }

  /// A profile's catalogue references, resolved once.
  struct Resolved {
    var parity: Profile.Parity?
    var baseline: String?
    var requiredScore: Decimal?
    var baselineScore: Decimal?
    var allowList: Set<String>?
    var currentModel: String?
  }

  func resolve(_ p: Profile) throws -> Resolved {
    var r = Resolved(parity: p.parity)
    func mark(_ key: String) -> SourceMark {
      p.marks[key] ?? p.origin ?? SourceMark(file: p.name, line: 1, column: 1)
    }
    switch p.parity {
    case .baseline(let model, let benchmark, let tolerance):
      guard let id = catalog.canonicalModel(model) else {
        throw ProfileError(mark("parity.baseline"), "parity.baseline: unknown model '\(model)'")
      }
      guard catalog.benchmarks.contains(benchmark) else {
        throw ProfileError(mark("parity.benchmark"), "parity.benchmark: unknown benchmark '\(benchmark)'")
      }
      guard let score = catalog.qualityScore(model: id, benchmark: benchmark) else {
        throw ProfileError(mark("parity.baseline"), "parity.baseline: \(id) has no score on '\(benchmark)'")
      }
      r.baseline = id
      r.baselineScore = score
      r.requiredScore = score * (1 - tolerance)
    case .minScores(let scores):
      for b in scores.keys.sorted() where !catalog.benchmarks.contains(b) {
        throw ProfileError(mark("parity.min_scores"), "parity.min_scores: unknown benchmark '\(b)'")
      }
    case .models(let models):
      var set = Set<String>()
      for m in models {
        guard let id = catalog.canonicalModel(m) else {
          throw ProfileError(mark("parity.models"), "parity.models: unknown model '\(m)'")
        }
        set.insert(id)
      }
      r.allowList = set
    case nil: break
    }
    if let c = p.current {
      guard let id = catalog.canonicalModel(c.model) else {
        throw ProfileError(mark("current.model"), "current.model: unknown model '\(c.model)'")
      }
      r.currentModel = id
    }
    return r
  }

  /// Reasons a location is not allowed (empty = allowed).
  func locationReasons(_ l: Location, _ p: Profile) -> [String] {
    var reasons: [String] = []
    let w = p.placement
    if let providers = w.providers, !providers.contains(l.provider) {
      reasons.append("provider \(l.provider.rawValue) not allowed")
    }
    let facts = catalog.regionFacts(provider: l.provider, region: l.region)
    let listed = w.regions?.contains(l.region)
    let inGeography = w.geographies.map { g in facts.map { g.contains($0.geography) } ?? false }
    func geographyText() -> String {
      guard let facts else { return "region \(l.region) has no known geography" }
      return "region \(l.region) is in geography \(facts.geography), not allowed (\(w.geographies?.sorted().joined(separator: ", ") ?? ""))"
    }
    switch (listed, inGeography) {
    case (false?, nil): reasons.append("region \(l.region) not allowed")
    case (nil, false?): reasons.append(geographyText())
    case (false?, false?): reasons.append("region \(l.region) not allowed; " + geographyText())
    default: break
    }
    if facts?.government == true, !w.government, !(w.regions?.contains(l.region) ?? false) {
      reasons.append("government region \(l.region) not allowed")
    }
    if !w.scopes.contains(l.scope) {
      reasons.append("scope \(l.scope.rawValue) not allowed")
    }
    return reasons
  }

  /// Reasons a model does not meet the profile's needs and parity bar (empty = meets them).
  func modelReasons(_ model: String, known: Bool, _ p: Profile, _ r: Resolved) -> [String] {
    guard known else { return ["model not in the catalogue (sheet name '\(model)')"] }
    var reasons: [String] = []
    let facts = catalog.modelFacts(model)
    for c in p.needs.capabilities.sorted() {
      switch facts?.capabilities[c] {
      case true?: break
      case false?: reasons.append("missing capability: \(c.rawValue)")
      case nil: reasons.append("missing capability: \(c.rawValue) (not stated for the model)")
      }
    }
    if let need = p.needs.minContext {
      if let have = facts?.maxInputTokens {
        if have < need { reasons.append("context too small: \(have) < \(need) tokens") }
      } else {
        reasons.append("context too small: context window unknown, \(need) tokens needed")
      }
    }
    if let need = p.needs.minOutputTokens {
      if let have = facts?.maxOutputTokens {
        if have < need { reasons.append("output too small: \(have) < \(need) tokens") }
      } else {
        reasons.append("output too small: output limit unknown, \(need) tokens needed")
      }
    }
    for m in p.needs.modalities.sorted() where !(facts?.inputModalities.contains(m) ?? false) {
      reasons.append("missing capability: input modality \(m)")
    }
    switch r.parity {
    case .baseline(_, let benchmark, let tolerance):
      if let score = catalog.qualityScore(model: model, benchmark: benchmark) {
        if let need = r.requiredScore, score < need {
          reasons.append(
            "below parity: \(score.exactText) on \(benchmark) < \(need.exactText) (baseline \(r.baseline ?? "") \(r.baselineScore?.exactText ?? "") x (1 - \(tolerance.exactText)))")
        }
      } else {
        reasons.append("no quality score for \(benchmark)")
      }
    case .minScores(let scores):
      for (b, need) in scores.sorted(by: { $0.key < $1.key }) {
        if let score = catalog.qualityScore(model: model, benchmark: b) {
          if score < need { reasons.append("below parity: \(score.exactText) on \(b) < \(need.exactText)") }
        } else {
          reasons.append("no quality score for \(b)")
        }
      }
    case .models:
      if !(r.allowList?.contains(model) ?? true) { reasons.append("below parity: not in the parity models list") }
    case nil: break
    }
    return reasons
  }

  /// Ranking order: cost, then provider, model, region, scope.
  static func ranked(_ a: Projection, _ b: Projection) -> Bool {
    if a.monthlyCost != b.monthlyCost { return a.monthlyCost < b.monthlyCost }
    return Offer.keyLess(a.offer, b.offer)
  }

  /// Evaluates every offer in the profile's currency: eligible projections (ranked) and exclusions.
  func evaluate(_ p: Profile, _ r: Resolved, collectExcluded: Bool) -> ([Projection], [Exclusion]) {
    guard let models = book.byCurrencyModel[p.currency] else { return ([], []) }
    var locationVerdict = [[String]?](repeating: nil, count: book.locations.count)
    var eligible: [Projection] = []
    var excluded: [Exclusion] = []
    for model in models.keys.sorted() {
      let indices = models[model]!
      let modelWhy = modelReasons(model, known: book.offers[indices[0]].modelKnown, p, r)
      if !modelWhy.isEmpty && !collectExcluded { continue }
      for i in indices {
        let li = book.locationOf[i]
        let locWhy: [String]
        if let v = locationVerdict[li] {
          locWhy = v
        } else {
          locWhy = locationReasons(book.locations[li], p)
          locationVerdict[li] = locWhy
        }
        let offer = book.offers[i]
        var reasons = locWhy + modelWhy
        if !reasons.isEmpty && !collectExcluded { continue }
        switch Pricer.project(p, on: offer) {
        case .success(let projection):
          if reasons.isEmpty { eligible.append(projection) }
        case .failure(let f):
          reasons.append("no price for a needed meter: " + f.missing.joined(separator: ", "))
        }
        if !reasons.isEmpty {
          excluded.append(Exclusion(provider: offer.provider, model: offer.model, region: offer.region, scope: offer.scope, reasons: reasons))
        }
      }
    }
    eligible.sort(by: Self.ranked)
    excluded.sort {
      ($0.provider.rawValue, $0.model, $0.region, $0.scope.rank) < ($1.provider.rawValue, $1.model, $1.region, $1.scope.rank)
    }
    return (eligible, excluded)
  }

  /// Every eligible offer for a profile, cheapest first (`ratecard project`).
  public func project(_ profile: Profile) throws -> [Projection] {
    let r = try resolve(profile)
    return evaluate(profile, r, collectExcluded: false).0
  }

  /// The recommendation for one profile (`ratecard recommend`).
  public func recommend(_ profile: Profile, alternatives: Int = 3, includeExcluded: Bool = true) throws -> Recommendation {
    let r = try resolve(profile)
    let (eligible, excluded) = evaluate(profile, r, collectExcluded: includeExcluded)
    var current: Projection?
    var notes: [String] = []
    if let c = profile.current, let model = r.currentModel {
      let location = Location(provider: c.provider, region: c.region, scope: c.scope)
      if let offer = book.offers(model: model, currency: profile.currency).first(where: { $0.location == location }) {
        switch Pricer.project(profile, on: offer) {
        case .success(let p): current = p
        case .failure(let f): notes.append("current offer cannot be priced: no price for a needed meter: " + f.missing.joined(separator: ", "))
        }
        let why = locationReasons(location, profile) + modelReasons(model, known: true, profile, r)
        if !why.isEmpty { notes.append("current offer would not be eligible: " + why.joined(separator: "; ")) }
      } else {
        notes.append("current offer \(c.provider.rawValue) \(model) \(c.region) \(c.scope.rawValue) not found in the \(profile.currency) rates")
      }
    }
    let best = eligible.first
    var provisioned: [ProvisionedOption] = []
    if let best, let peak = profile.peakTokensPerMinute {
      provisioned = ProvisionedSizing.options(for: best, profile: profile, peak: peak, catalog: catalog, table: throughput)
    }
    return Recommendation(
      profile: profile, recommended: best, alternatives: Array(eligible.dropFirst().prefix(max(0, alternatives))),
      current: current, currentNotes: notes, excluded: excluded, eligibleCount: eligible.count,
      provisioned: provisioned)
  }
}
