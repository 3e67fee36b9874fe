import Foundation

/// Why a model met the profile's parity bar: the score row used against the bar, or the
/// allow-list that admitted it. Shown beside each recommended and alternative offer.
public struct ParityEvidence: Sendable, Hashable, CustomStringConvertible {
  /// `baseline`, `min_scores` or `models`.
  public var rule: String
  /// The benchmark the profile names (nil for `models`).
  public var benchmark: String?
  /// The score row that counted (its own benchmark text, which differs from `benchmark` only for
  /// a variant admitted by `group_variants`).
  public var score: QualityEvidence?
  /// The bar: baseline score x (1 - tolerance), or the `min_scores` value.
  public var required: Decimal?
  public var baseline: String?
  public var baselineScore: Decimal?
  public var tolerance: Decimal?

  public var description: String {
    guard rule != "models" else { return "in the parity models list" }
    guard let score, let required else { return "no score on \(benchmark ?? "")" }
    var s = "\(score.benchmark) \(score.score.exactText) >= \(required.exactText)"
    if let baseline, let baselineScore, let tolerance {
      s += " (baseline \(baseline) \(baselineScore.exactText) x (1 - \(tolerance.exactText)))"
    }
    let origin = [score.asOf, score.source].filter { !$0.isEmpty }
    if !origin.isEmpty { s += "; " + origin.joined(separator: ", ") }
    return s
  }
}
