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
  public var benchmarkGroup: String { Self.group(benchmark) }

  /// True when the bracketed setting says the vendor reported the result itself
  /// (`self-reported`, `vendor-reported`), false for independent measurements.
  public static func isSelfReported(_ benchmark: String) -> Bool {
    let b = benchmark.lowercased()
    return b.contains("self-reported") || b.contains("vendor-reported")
  }

  /// Strips `[...]` parts and collapses spaces.
  public static func group(_ benchmark: String) -> String {
    asciiGroup(benchmark) ?? characterGroup(benchmark)
  }

  /// ``group(_:)`` character by character (any text).
  static func characterGroup(_ benchmark: String) -> String {
    var out = ""
    var depth = 0
    for c in benchmark {
      if c == "[" {
        depth += 1
      } else if c == "]" {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        out.append(c)
      }
    }
    return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// ``group(_:)`` over the UTF-8 bytes when the name is ASCII (every catalogue name is), nil
  /// otherwise: the same result without splitting into characters. ASCII whitespace is what
  /// `Character.isWhitespace` accepts below 0x80: tab through carriage return and space.
  static func asciiGroup(_ benchmark: String) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(benchmark.utf8.count)
    var depth = 0
    var pendingSpace = false
    for b in benchmark.utf8 {
      guard b < 0x80 else { return nil }
      if b == UInt8(ascii: "[") {
        depth += 1
      } else if b == UInt8(ascii: "]") {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        if b == 0x20 || (0x09...0x0D).contains(b) {
          pendingSpace = !out.isEmpty
        } else {
          if pendingSpace { out.append(0x20) }
          pendingSpace = false
          out.append(b)
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
