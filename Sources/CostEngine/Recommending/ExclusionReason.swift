import Foundation
import Pricing

/// Why an offer cannot serve a profile. Kept as data so that evaluating many profiles builds no
/// text; the sentence is made only when shown.
public enum ExclusionReason: Sendable, Hashable, CustomStringConvertible {
  case providerNotAllowed(Provider)
  /// Not in `where.regions` (and, when geographies are also given, not in one of them either).
  case regionNotAllowed(region: String, geography: String?, allowedGeographies: [String]?)
  /// Outside `where.geographies`; `geography` nil when the region's geography is unknown.
  case geographyNotAllowed(region: String, geography: String?, allowed: [String])
  case governmentRegion(String)
  case scopeNotAllowed(Scope)
  case unknownModel(String)
  /// The model's kind (`audio`, `embedding`, ...) is not the profile's (`chat` by default).
  case wrongKind(have: String, need: String)
  /// `stated` false when no source states the capability for the model.
  case missingCapability(Capability, stated: Bool)
  case missingModality(String)
  case contextTooSmall(have: Int?, need: Int)
  case outputTooSmall(have: Int?, need: Int)
  case belowParity(score: Decimal, benchmark: String, required: Decimal, baseline: String?, baselineScore: Decimal?, tolerance: Decimal?)
  case notInParityModels
  /// Not one of the models the run was narrowed to (`--model`; the canonical ids asked for).
  case notSelected([String])
  case noQualityScore(String)
  case noPrice([String])
  /// Priced only by a fallback (`--no-fallback`): the fallbacks taken.
  case pricedByFallback([String])

  /// A short category for summaries.
  public var kind: String {
    switch self {
    case .providerNotAllowed: "provider not allowed"
    case .regionNotAllowed: "region not allowed"
    case .geographyNotAllowed: "region not in allowed geographies"
    case .governmentRegion: "government region not allowed"
    case .scopeNotAllowed: "scope not allowed"
    case .unknownModel: "model not in the catalogue"
    case .wrongKind: "not the profile's kind"
    case .missingCapability, .missingModality: "missing capability"
    case .contextTooSmall: "context too small"
    case .outputTooSmall: "output too small"
    case .belowParity, .notInParityModels: "below parity"
    case .notSelected: "model not selected"
    case .noQualityScore: "no quality score"
    case .noPrice: "no price for a needed meter"
    case .pricedByFallback: "priced by fallback"
    }
  }

  public var description: String {
    func geo(_ region: String, _ g: String?, _ allowed: [String]) -> String {
      guard let g else { return "region \(region) has no known geography" }
      return "region \(region) is in geography \(g), not allowed (\(allowed.joined(separator: ", ")))"
    }
    switch self {
    case .providerNotAllowed(let p): return "provider \(p.rawValue) not allowed"
    case .regionNotAllowed(let r, let g, let allowed):
      guard let allowed else { return "region \(r) not allowed" }
      return "region \(r) not allowed; " + geo(r, g, allowed)
    case .geographyNotAllowed(let r, let g, let allowed): return geo(r, g, allowed)
    case .governmentRegion(let r): return "government region \(r) not allowed"
    case .scopeNotAllowed(let s): return "scope \(s.rawValue) not allowed"
    case .unknownModel(let m): return "model not in the catalogue (sheet name '\(m)')"
    case .wrongKind(let have, let need): return "kind \(have), the profile compares \(need) models"
    case .missingCapability(let c, let stated):
      return "missing capability: \(c.rawValue)" + (stated ? "" : " (not stated for the model)")
    case .missingModality(let m): return "missing capability: input modality \(m)"
    case .contextTooSmall(let have?, let need): return "context too small: \(have) < \(need) tokens"
    case .contextTooSmall(nil, let need): return "context too small: context window unknown, \(need) tokens needed"
    case .outputTooSmall(let have?, let need): return "output too small: \(have) < \(need) tokens"
    case .outputTooSmall(nil, let need): return "output too small: output limit unknown, \(need) tokens needed"
    case .belowParity(let score, let benchmark, let required, let baseline, let baselineScore, let tolerance):
      var s = "below parity: \(score.exactText) on \(benchmark) < \(required.exactText)"
      if let baseline, let baselineScore, let tolerance {
        s += " (baseline \(baseline) \(baselineScore.exactText) x (1 - \(tolerance.exactText)))"
      }
      return s
    case .notInParityModels: return "below parity: not in the parity models list"
    case .notSelected(let models): return "model not selected: --model " + models.joined(separator: ", ")
    case .noQualityScore(let b): return "no quality score for \(b)"
    case .noPrice(let meters): return "no price for a needed meter: " + meters.joined(separator: ", ")
    case .pricedByFallback(let fallbacks): return "priced by fallback (--no-fallback): " + fallbacks.joined(separator: "; ")
    }
  }
}
