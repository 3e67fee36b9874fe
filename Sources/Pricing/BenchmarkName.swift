/// Quality benchmark names as the catalogue writes them: `GPQA Diamond [high reasoning]` is the
/// benchmark `GPQA Diamond` in one setting. The catalogue groups a model's scores by this name and
/// the engine checks a profile's parity benchmark against the same groups, so both use
/// ``group(_:)``.
public enum BenchmarkName {
  /// The name without its `[...]` parts, whitespace runs collapsed to one space and trimmed
  /// (`GPQA Diamond [self-reported; Diamond]` -> `GPQA Diamond`). A `]` without its `[` is
  /// dropped; text after an unclosed `[` is dropped.
  public static func group(_ name: String) -> String {
    asciiGroup(name) ?? characterGroup(name)
  }

  /// ``group(_:)`` character by character (any text).
  static func characterGroup(_ name: String) -> String {
    var out = ""
    var depth = 0
    for c in name {
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
  static func asciiGroup(_ name: String) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(name.utf8.count)
    var depth = 0
    var pendingSpace = false
    for b in name.utf8 {
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
