import Foundation

/// The rows of `../shared/pricesheets/expected/spot_checks.csv` (no field spans lines there).
public enum SpotChecks {
  /// The rows for one provider (`aws` or `azure`), as header → value dictionaries.
  public static func rows(provider: String) throws -> [[String: String]] {
    let text = try String(contentsOfFile: TestPaths.pricesheet("expected/spot_checks.csv"), encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = fields(lines.removeFirst())
    return lines.map { Dictionary(uniqueKeysWithValues: zip(header, fields($0)).map { ($0, $1) }) }
      .filter { $0["provider"] == provider }
  }

  /// Splits one CSV line (RFC 4180 quoting, no embedded newlines).
  public static func fields(_ line: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            current.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        out.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    out.append(current)
    return out
  }
}
