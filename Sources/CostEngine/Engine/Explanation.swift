import Foundation
import Pricing

/// Why one model was or was not chosen for a profile (`recommend --explain MODEL`): every offer of
/// the model in the profile's currency, excluded with its reasons or eligible with its cost
/// against the recommended offer.
public struct Explanation: Sendable {
  public struct Row: Sendable, Hashable {
    public var provider: Provider
    public var region: String
    public var scope: Scope
    public var endpoint: String
    /// `recommended`, `alternative N`, `eligible` or `excluded`.
    public var status: String
    public var reasons: [String]
    /// Monthly cost after discount (eligible offers).
    public var monthlyCost: Decimal?
    /// Monthly cost - the recommended offer's (eligible offers).
    public var dearerBy: Decimal?
  }

  public var profile: String
  /// The model asked about, as a canonical id.
  public var model: String
  public var rows: [Row]
  /// One sentence: the verdict for the model.
  public var verdict: String
}

extension WorkloadEngine {
  /// Explains `reference` (canonical id or alias) for `profile` against `recommendation`, the
  /// engine's recommendation for the same profile with the same options.
  public func explain(
    _ profile: Profile, model reference: String, recommendation: Recommendation, allowFallback: Bool = true
  ) throws -> Explanation {
    try explain(
      profile, model: reference, best: recommendation.recommended, alternatives: recommendation.alternatives,
      allowFallback: allowFallback)
  }

  func explain(
    _ profile: Profile, model reference: String, best: Projection?, alternatives: [Projection], allowFallback: Bool
  ) throws -> Explanation {
    guard let model = catalog.canonicalModel(reference) else { throw CompareError.unknownModel(reference) }
    func matches(_ p: Projection, _ o: Offer) -> Bool {
      p.offer.model == o.model && p.offer.provider == o.provider && p.offer.scope == o.scope
        && p.offer.endpoint == o.endpoint && (p.offer.region == o.region || p.otherRegions.contains(o.region))
    }
    var rows: [Explanation.Row] = []
    for (o, reasons, cost) in try offerVerdicts(profile, model: model, allowFallback: allowFallback) {
      var row = Explanation.Row(
        provider: o.provider, region: o.region, scope: o.scope, endpoint: o.endpoint, status: "excluded",
        reasons: reasons.map(\.description))
      if reasons.isEmpty, let cost {
        row.monthlyCost = cost
        row.dearerBy = best.map { cost - $0.monthlyCost }
        if let best, matches(best, o) {
          row.status = "recommended"
        } else if let k = alternatives.firstIndex(where: { matches($0, o) }) {
          row.status = "alternative \(k + 1)"
        } else {
          row.status = "eligible"
        }
      }
      rows.append(row)
    }
    return Explanation(profile: profile.name, model: model, rows: rows, verdict: Self.verdict(model, rows, best))
  }

  /// Why `model` (a canonical id) has no eligible offer for `profile`, in one line: how many
  /// offers it has in the profile's currency and how many are excluded for each kind of reason
  /// (`--model` leaving a profile without an offer).
  public func exclusionSummary(_ profile: Profile, model: String, allowFallback: Bool = true) throws -> String {
    let verdicts = try offerVerdicts(profile, model: model, allowFallback: allowFallback)
    guard !verdicts.isEmpty else { return "\(model): no offer in \(profile.currency)" }
    var counts: [String: Int] = [:]
    for v in verdicts {
      for kind in Set(v.reasons.map(\.kind)) { counts[kind, default: 0] += 1 }
    }
    let excluded = verdicts.filter { !$0.reasons.isEmpty }.count
    let parts = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }
    return "\(model): \(excluded) of \(verdicts.count) offer(s) excluded: " + parts.joined(separator: ", ")
  }

  /// Every offer of `model` (a canonical id) in the profile's currency, in key order, with the
  /// reasons it is excluded (empty: eligible) and its monthly cost when it can be priced.
  func offerVerdicts(_ profile: Profile, model: String, allowFallback: Bool) throws
    -> [(offer: Offer, reasons: [ExclusionReason], cost: Decimal?)]
  {
    let r = try resolve(profile)
    var pricer = try Pricer(profile)
    return try book.offers(model: model, currency: profile.currency).sorted(by: Offer.keyLess).map { o in
      var reasons = locationReasons(o.location, facts: catalog.regionFacts(provider: o.provider, region: o.region), profile)
        + modelReasons(o.model, known: o.modelKnown, profile, r)
      var cost: Decimal?
      switch try pricer.project(o) {
      case .failure(let f): reasons.append(.noPrice(f.missing))
      case .success(let p):
        if p.pricedByFallback && !allowFallback { reasons.append(.pricedByFallback(p.fallbacks)) }
        cost = p.monthlyCost
      }
      return (o, reasons, cost)
    }
  }

  static func verdict(_ model: String, _ rows: [Explanation.Row], _ best: Projection?) -> String {
    guard !rows.isEmpty else { return "\(model): no offer in the profile's currency" }
    if let shown = rows.first(where: { $0.status != "eligible" && $0.status != "excluded" }) {
      return "\(model): chosen (\(shown.status), \(shown.provider.rawValue) \(shown.region) \(shown.scope.rawValue))"
    }
    let eligible = rows.filter { $0.status == "eligible" }
    if let cheapest = eligible.min(by: { ($0.monthlyCost ?? 0) < ($1.monthlyCost ?? 0) }), let cost = cheapest.monthlyCost {
      var s = "\(model): eligible in \(eligible.count) offer(s), not chosen: the cheapest (\(cheapest.provider.rawValue) \(cheapest.region) \(cheapest.scope.rawValue)) costs \(Money.display(cost))"
      if let best, let more = cheapest.dearerBy {
        s += ", \(Money.display(more)) more than the recommended (\(Money.display(best.monthlyCost)))"
        if best.monthlyCost > 0 { s += ", +\(ExactDecimal.round(more / best.monthlyCost * 100, scale: 1).exactText)%" }
        if more == 0 { s += "; equal cost, after it in the tie-break" }
      } else {
        s += "; more alternatives rank before it"
      }
      return s
    }
    var counts: [String: Int] = [:]
    for row in rows {
      for reason in Set(row.reasons.map { String($0.prefix { $0 != ":" }) }) { counts[reason, default: 0] += 1 }
    }
    let parts = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }
    return "\(model): excluded in all \(rows.count) offer(s): " + parts.joined(separator: ", ")
  }
}
