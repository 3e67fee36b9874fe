import Foundation
import Pricing

/// One published (or user-measured) quality number for a model.
public struct QualityScore: Sendable, Hashable, Codable {
  public var modelId: String
  /// The benchmark as the source names it; text in square brackets describes the setting.
  public var benchmark: String
  /// The score exactly as written.
  public var scoreText: String
  /// The score as an exact decimal, nil when the text is not a plain number.
  public var score: Decimal?
  public var scale: String
  /// Snapshot or publication date.
  public var asOf: String
  public var source: String
  /// True when the score comes from a user file (`--catalog` or the XDG config directory).
  public var isUserProvided: Bool

  public init(
    modelId: String, benchmark: String, scoreText: String, scale: String = "", asOf: String = "",
    source: String = "", isUserProvided: Bool = false
  ) {
    self.modelId = modelId
    self.benchmark = benchmark
    self.scoreText = scoreText
    self.score = ExactDecimal.parse(scoreText)
    self.scale = scale
    self.asOf = asOf
    self.source = source
    self.isUserProvided = isUserProvided
  }

  /// The benchmark without the bracketed setting text, for grouping
  /// (`GPQA Diamond [high reasoning]` → `GPQA Diamond`).
  public var benchmarkGroup: String { BenchmarkName.group(benchmark) }

  /// True when the bracketed setting says the vendor reported the result itself
  /// (`self-reported`, `vendor-reported`), false for independent measurements.
  public static func isSelfReported(_ benchmark: String) -> Bool {
    let b = benchmark.lowercased()
    return b.contains("self-reported") || b.contains("vendor-reported")
  }
}
