import Foundation

/// How sheet names are turned into lookup keys: case, spaces, hyphens and underscores do not count,
/// and the meter / scope / tier words that Azure meter names and AWS usagetypes carry around the
/// model name are stripped (in all their published spellings).
public enum SheetName {
  /// The lookup key of a name: lowercase, without spaces, hyphens, underscores and parentheses,
  /// and without a trailing ` (Amazon Bedrock Edition)`.
  public static func key(_ name: String) -> String {
    asciiKey(name) ?? unicodeKey(name)
  }

  /// ``key(_:)`` for any text, through Foundation (the reference for ``asciiKey(_:)``).
  static func unicodeKey(_ name: String) -> String {
    var s = name.lowercased().trimmingCharacters(in: .whitespaces)
    if let r = s.range(of: "(amazon bedrock edition)", options: [.backwards, .anchored]) {
      s.removeSubrange(r)
    }
    s.removeAll { c in c == " " || c == "-" || c == "_" || c == "(" || c == ")" || c.isWhitespace }
    return s
  }

  private static let bedrockEdition = Array("(amazon bedrock edition)".utf8)

  /// ``key(_:)`` for ASCII names, byte by byte (the same steps: lowercase, trim spaces and tabs,
  /// drop the Bedrock suffix, drop separators and whitespace); nil for any other name.
  static func asciiKey(_ name: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(name.utf8.count)
    for b in name.utf8 {
      guard b < 0x80 else { return nil }
      bytes.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
    }
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
    let suffix = bedrockEdition
    if hi - lo >= suffix.count, bytes[(hi - suffix.count)..<hi].elementsEqual(suffix) { hi -= suffix.count }
    var out: [UInt8] = []
    out.reserveCapacity(hi - lo)
    for b in bytes[lo..<hi] {
      switch b {
      case 0x20, 0x2D, 0x5F, 0x28, 0x29, 0x09...0x0D: continue
      default: out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Words that describe the meter, not the model (Azure meter vocabulary, lowercase): direction,
  /// cache, scope, tier, context length, fine-tuning and unit words.
  static let azureMeterWords: Set<String> = [
    // direction
    "inp", "inpt", "input", "in", "outp", "opt", "out", "outpt", "output",
    // cache
    "cached", "cd", "cchd", "ccchd", "cched", "wr",
    // scope
    "glbl", "gl", "glb", "global", "globl", "dz", "dzone", "datazone", "dzn", "regnl", "rgnl",
    "regional", "regn", "rg", "ep",
    // tier and context
    "batch", "pp", "std", "priority", "longco", "shortco", "batchoutp", "batchinp",
    // fine-tuning, grading, hosting
    "ft", "dev", "rft", "training", "trng", "tkn", "hstng", "hosting", "deployment", "grader", "mdl",
    "grdr", "mdel", "model", "base", "fine", "tuned",
    // units
    "tokens", "token", "unit", "units", "1m", "1k", "calls", "search", "characters", "images",
    "video", "second", "session", "gb",
  ]

  /// Modality words dropped when they end a stem (`Embed v4 Img` → `Embed v4`).
  static let modalityWords: Set<String> = ["aud", "audio", "txt", "text", "img", "image"]

  /// The model part of an Azure meter name (or of a name an importer already shortened): the words
  /// before the first meter word, plus version numbers that come after it (`gpt rt img mn cd in DZ
  /// 1215` → `gpt rt img mn 1215`), without a leading `Az-` and without trailing modality words.
  /// Separators become single spaces. Returns "" when nothing is left.
  public static func azureStem(_ meterName: String) -> String {
    let s = meterName.replacingOccurrences(of: "data zone", with: "datazone", options: .caseInsensitive)
    var tokens = s.split { $0 == " " || $0 == "-" || $0 == "_" }.map(String.init)
    if tokens.first?.lowercased() == "az" { tokens.removeFirst() }
    var model: [String] = []
    var versions: [String] = []
    var inMeter = false
    for t in tokens {
      if !inMeter, !azureMeterWords.contains(t.lowercased()) {
        model.append(t)
      } else {
        inMeter = true
        if (3...8).contains(t.count), t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber) {
          versions.append(t)
        }
      }
    }
    while model.count > 1, let last = model.last, modalityWords.contains(last.lowercased()) {
      model.removeLast()
    }
    return (model + versions).joined(separator: " ")
  }

  /// Usagetype words that end the model part of an AWS usagetype.
  static let usagetypeWords: Set<String> = [
    "input", "output", "tokens", "token", "batch", "flex", "priority", "cache", "read", "write",
    "latency", "optimized", "cross", "region", "global", "mantle", "standard", "long", "context",
    "inference", "count", "provisioned", "custom", "storage", "training", "units",
  ]

  /// The model part of an AWS usagetype (`USE1-NovaPro-input-tokens` → `NovaPro`,
  /// `USE1-openai.gpt-oss-120b-mantle-input-tokens-standard` → `openai.gpt-oss-120b`), or "".
  public static func usagetypeStem(_ usagetype: String) -> String {
    var parts = usagetype.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    if let first = parts.first, parts.count > 1, first.count <= 5,
      first.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
    {
      parts.removeFirst()
    }
    var model: [String] = []
    for p in parts {
      if usagetypeWords.contains(p.lowercased()) { break }
      model.append(p)
    }
    return model.joined(separator: "-")
  }

  /// A runtime id or inference profile without its profile prefix and version suffix
  /// (`us.anthropic.claude-3-haiku-20240307-v1:0` → `anthropic.claude-3-haiku-20240307`).
  public static func bareRuntimeID(_ id: String) -> String {
    var s = id
    let lower = id.lowercased()
    for prefix in ["us-gov.", "global.", "apac.", "us.", "eu.", "jp.", "au.", "in.", "ca."]
    where lower.hasPrefix(prefix) {
      s.removeFirst(prefix.count)
      break
    }
    var hadVersion = false
    if let colon = s.lastIndex(of: ":"), s[s.index(after: colon)...].allSatisfy(\.isNumber) {
      s = String(s[..<colon])
      hadVersion = true
    }
    if let dash = s.lastIndex(of: "-") {
      let tail = s[s.index(after: dash)...]
      let digits = tail.first == "v" ? tail.dropFirst() : tail[...]
      if tail.first == "v" || hadVersion, (1...2).contains(digits.count), digits.allSatisfy(\.isNumber) {
        s = String(s[..<dash])
      }
    }
    return s
  }
}
