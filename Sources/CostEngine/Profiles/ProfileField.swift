/// A value in a profile whose position is kept for errors found after parsing (when the engine
/// checks it against the catalogue or the store): ``Profile/marks`` maps each to its line and
/// column.
public enum ProfileField: Sendable, Hashable {
  case parityBaseline
  case parityBenchmark
  case parityTolerance
  case parityMinScores
  case parityModels
  case currentModel
  case currentRegion
  case currency
  /// One entry of `where.regions`.
  case region(String)
  /// One entry of `where.geographies`.
  case geography(String)
  /// A top-level key (`requests_per_month`, `discounts`, ...), for errors about its value.
  case key(String)

  /// The field of a key in the `parity` mapping.
  init?(parityKey: String) {
    switch parityKey {
    case "baseline": self = .parityBaseline
    case "benchmark": self = .parityBenchmark
    case "tolerance": self = .parityTolerance
    case "min_scores": self = .parityMinScores
    case "models": self = .parityModels
    default: return nil
    }
  }

  /// The field's path as written in a profile (`parity.baseline`, `where.regions`).
  public var path: String {
    switch self {
    case .parityBaseline: "parity.baseline"
    case .parityBenchmark: "parity.benchmark"
    case .parityTolerance: "parity.tolerance"
    case .parityMinScores: "parity.min_scores"
    case .parityModels: "parity.models"
    case .currentModel: "current.model"
    case .currentRegion: "current.region"
    case .currency: "currency"
    case .region: "where.regions"
    case .geography: "where.geographies"
    case .key(let k): k
    }
  }
}
