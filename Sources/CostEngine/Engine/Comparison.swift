import Foundation
import Pricing

/// The same canonical model across providers, regions and scopes, priced for one token mix.
public struct Comparison: Sendable {
  public struct Row: Sendable, Hashable {
    public var projection: Projection
    /// (cost / cheapest - 1) x 100, exact.
    public var premiumPercent: Decimal
    /// Against the cheapest offer of the other provider(s): (cost / that - 1) x 100; nil when
    /// no other provider sells the model here.
    public var versusOtherCloudPercent: Decimal?
    /// `undercut`, `parity` or `premium` against the other cloud's cheapest; `parity` vs the
    /// cheapest overall when only one cloud sells it.
    public var position: String
  }

  public var model: String
  public var profile: Profile
  public var rows: [Row]
  /// Offers of the model that could not be priced for the mix, with reasons.
  public var excluded: [Exclusion]
}

extension WorkloadEngine {
  /// The standard token mix of `compare` without `--profile`: 1,000 requests of 3,000 input and
  /// 1,000 output tokens a month (3M input + 1M output tokens), standard tier, no cache, no batch.
  /// An embedding model has no output meter: its mix is the 3M input tokens alone.
  public static func standardMix(currency: String = "USD") -> Profile {
    standardMix(currency: currency, kind: "chat")
  }

  /// The standard mix for a model of `kind`.
  public static func standardMix(currency: String, kind: String) -> Profile {
    let embedding = kind == "embedding"
    var p = Profile(name: "standard-mix", requestsPerMonth: 1000, inputTokens: 3000, outputTokens: embedding ? 0 : 1000)
    p.currency = currency
    p.kind = kind
    return p
  }

  /// Compares one model (canonical id or alias) across providers, regions and scopes.
  public func compare(model reference: String, geography: String? = nil, profile: Profile? = nil) throws -> Comparison {
    guard let model = catalog.canonicalModel(reference) else {
      throw CompareError.unknownModel(reference)
    }
    var p = profile ?? Self.standardMix()
    if p == Self.standardMix(currency: p.currency) {
      p = Self.standardMix(currency: p.currency, kind: catalog.modelFacts(model)?.kind ?? "chat")
    }
    var pricer = try Pricer(p)
    var priced: [Projection] = []
    var excluded: [Exclusion] = []
    for offer in book.offers(model: model, currency: p.currency) {
      if let g = geography?.lowercased() {
        let facts = catalog.regionFacts(provider: offer.provider, region: offer.region)
        if facts?.geography != g { continue }
      }
      switch try pricer.project(offer) {
      case .success(let pr): priced.append(pr)
      case .failure(let f):
        excluded.append(Exclusion(offer: offer, location: [], model: [], pricing: [.noPrice(f.missing)]))
      }
    }
    priced.sort(by: Self.ranked)
    guard let cheapest = priced.first?.monthlyCost else {
      return Comparison(model: model, profile: p, rows: [], excluded: excluded)
    }
    var cheapestBy: [Provider: Decimal] = [:]
    for pr in priced where cheapestBy[pr.offer.provider] == nil { cheapestBy[pr.offer.provider] = pr.monthlyCost }
    func pct(_ a: Decimal, _ b: Decimal) -> Decimal { b == 0 ? 0 : (a / b - 1) * 100 }
    let rows = priced.map { pr -> Comparison.Row in
      let others = cheapestBy.filter { $0.key != pr.offer.provider }.map(\.value)
      let other = others.min()
      let vs = other.map { pct(pr.monthlyCost, $0) }
      let position: String
      let basis = vs ?? pct(pr.monthlyCost, cheapest)
      position = basis < 0 ? "undercut" : basis == 0 ? "parity" : "premium"
      return Comparison.Row(projection: pr, premiumPercent: pct(pr.monthlyCost, cheapest), versusOtherCloudPercent: vs, position: position)
    }
    return Comparison(model: model, profile: p, rows: rows, excluded: excluded)
  }
}

/// Why a comparison could not be made.
public enum CompareError: Error, LocalizedError, Sendable {
  case unknownModel(String)
  public var errorDescription: String? {
    switch self {
    case .unknownModel(let m): "unknown model '\(m)': give a canonical id or an alias from the catalogue"
    }
  }
}
