import Foundation
import Pricing

/// The meter-name grammar of the Azure Retail Prices API, written as data: token tables of the
/// spellings the feed uses for each word, a phrase table for two-word terms, and a unit-suffix
/// table. A name is split on spaces and hyphens; a token the tables do not know is split again at
/// camel-case and letter/digit joins when that reveals known words (`BatchOutp`, `mini0718`).
/// Words not in the tables are the model; a 4- or 8-digit date token is its version.
public enum AzureMeterGrammar {
  /// What one word of a meter name means.
  public enum Word: Sendable, Hashable {
    case direction(Meter)
    case cached
    case write
    case scope(Scope)
    case tier(Tier)
    case tag(String)
    case role(AzureMeterName.Role)
    case modality(String)
    /// A word that carries no meaning of its own (`Managed`, `tkn`, `ShortCo`).
    case filler
    /// The legacy `Az-` prefix (first word only).
    case legacy
  }

  /// Single-word spellings, lower-cased.
  public static let words: [String: Word] = {
    var w: [String: Word] = [:]
    func add(_ spellings: [String], _ word: Word) { for s in spellings { w[s] = word } }
    add(["inp", "input", "inpt", "in"], .direction(.input))
    add(["outp", "opt", "out", "outpt", "output"], .direction(.output))
    add(["cached", "cd", "cchd", "ccchd", "cched"], .cached)
    add(["wr"], .write)
    add(["glbl", "gl", "glb", "global"], .scope(.global))
    add(["dz", "dzone", "dzn", "datazone"], .scope(.datazone))
    add(["regnl", "rgnl", "regn", "rg", "regional"], .scope(.regional))
    add(["batch"], .tier(.batch))
    add(["pp"], .tier(.priority))
    add(["std", "standard"], .tier(.standard))
    add(["longco"], .tag("long-context"))
    add(["shortco", "managed", "throughput", "tkn", "deployment", "model", "mdl", "mdel"], .filler)
    add(["ft", "rft"], .tag("fine-tuned"))
    add(["dev"], .tag("developer"))
    add(["grader", "grdr"], .tag("grader"))
    add(["available"], .tag("available"))
    add(["overage"], .tag("overage"))
    add(["training", "trng"], .role(.training))
    add(["hosting", "hstng"], .role(.hosting))
    add(["provisioned"], .role(.provisioned))
    add(["aud", "audio"], .modality("audio"))
    add(["txt", "text"], .modality("text"))
    add(["img", "image"], .modality("image"))
    add(["az"], .legacy)
    return w
  }()

  /// Two-word terms, matched before single words.
  public static let phrases: [([String], Word)] = [
    (["data", "zone"], .scope(.datazone)),
    (["cd", "wr"], .write),
    (["fine", "tuned"], .tag("fine-tuned")),
  ]

  /// Model words after which a modality word names the token kind (`gpt rt aud`), not the model.
  public static let kindWords: Set<String> = [
    "rt", "realtime", "realtimeprvw", "prvw", "trscb", "transcribe", "tts", "tcrb", "d",
  ]

  /// Unit words a meter name ends with (the API's `skuName` is the name without them).
  public static let suffixes = [
    "1M Tokens", "Tokens", "Units", "Unit", "Video", "Second", "Images", "Search", "Session", "Calls",
    "Characters", "GB",
  ]

  /// Canonical order of variant tags.
  public static let tagOrder = [
    "long-context", "fine-tuned", "developer", "grader", "training", "hosting", "available",
    "overage", "embedding", "audio", "image", "combined",
  ]

  /// Parses a meter name.
  public static func parse(_ meterName: String) -> AzureMeterName {
    let name = meterName.trimmingCharacters(in: .whitespaces)
    var base = name
    var suffix: String?
    for s in suffixes where name.hasSuffix(" " + s) {
      base = String(name.dropLast(s.count + 1))
      suffix = s == "1M Tokens" ? "Tokens" : s
      break
    }
    var result = AzureMeterName(
      base: base, suffix: suffix, stem: "", version: nil, direction: nil, cached: false,
      cacheWrite: false, scope: nil, tier: nil, role: .usage, tags: [], problem: nil)
    let tokens = tokenize(base)
    guard !tokens.isEmpty else {
      result.problem = "empty meter name"
      return result
    }
    var model: [String] = []
    var tags = Set<String>()
    var modalities: [(index: Int, value: String)] = []
    var problems: [String] = []
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      let lower = token.lowercased()
      if let (length, word) = phrase(at: i, in: tokens) {
        apply(word, &result, &tags, &problems)
        i += length
        continue
      }
      if result.version == nil, model.count > 0 || i > 0, isVersion(token) {
        result.version = token
        i += 1
        continue
      }
      guard let word = words[lower] else {
        model.append(token)
        i += 1
        continue
      }
      switch word {
      case .legacy where i != 0:
        model.append(token)
      case .modality(let m):
        modalities.append((model.count, m))
        model.append(token)
      default:
        apply(word, &result, &tags, &problems)
      }
      i += 1
    }
    // The last modality word names the token kind. It stays in the model when it is the model's
    // own word: first word, right after `gpt`, or before the version and not after a kind word.
    if let last = modalities.last, suffix == "Tokens" {
      if last.value != "text" { tags.insert(last.value) }
      var drop = Set<Int>()
      for m in modalities {
        let previous = m.index > 0 ? model[m.index - 1].lowercased() : ""
        let ownWord = m.index == 0 || previous == "gpt"
        let beforeVersion =
          !kindWords.contains(previous)
          && versionFollows(m.index, in: model, tokens: tokens, version: result.version)
        if !(ownWord || beforeVersion) { drop.insert(m.index) }
      }
      model = model.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }
    if model.contains(where: { $0.lowercased().contains("embed") }) { tags.insert("embedding") }
    if result.role == .training { tags.insert("training") }
    if result.role == .hosting { tags.insert("hosting") }
    if suffix == "Tokens", result.role == .usage, result.direction == nil, !result.cached,
      !result.cacheWrite, !tags.contains("embedding")
    {
      tags.insert("combined")
    }
    result.stem = model.joined(separator: " ")
    result.tags = tagOrder.filter { tags.contains($0) }
    if !problems.isEmpty { result.problem = problems.joined(separator: "; ") }
    return result
  }

  /// Splits on spaces and hyphens, then splits glued words that hide known words.
  static func tokenize(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == " " || $0 == "-" }).flatMap { piece -> [String] in
      let token = String(piece)
      if words[token.lowercased()] != nil || isVersion(token) { return [token] }
      let parts = splitGlued(token)
      guard parts.count > 1,
        parts.contains(where: { words[$0.lowercased()] != nil || isVersion($0) })
      else { return [token] }
      return parts
    }
  }

  /// Splits at lower→upper case joins and at letter→digit joins.
  static func splitGlued(_ token: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var previous: Character?
    for c in token {
      if let p = previous,
        (p.isLowercase && c.isUppercase) || (p.isLetter && c.isNumber)
      {
        parts.append(current)
        current = ""
      }
      current.append(c)
      previous = c
    }
    if !current.isEmpty { parts.append(current) }
    return parts
  }

  /// `MMDD` or `MMDDYYYY` with a plausible month and day.
  static func isVersion(_ token: String) -> Bool {
    guard token.count == 4 || token.count == 8, token.allSatisfy(\.isASCII),
      token.allSatisfy(\.isNumber)
    else { return false }
    let digits = Array(token)
    guard let month = Int(String(digits[0...1])), let day = Int(String(digits[2...3])),
      (1...12).contains(month), (1...31).contains(day)
    else { return false }
    if token.count == 8 {
      guard let year = Int(String(digits[4...7])), (2000...2099).contains(year) else { return false }
    }
    return true
  }

  private static func phrase(at i: Int, in tokens: [String]) -> (Int, Word)? {
    for (words, word) in phrases where i + words.count <= tokens.count {
      if zip(words, tokens[i..<(i + words.count)]).allSatisfy({ $0 == $1.lowercased() }) {
        return (words.count, word)
      }
    }
    return nil
  }

  /// True when the version token comes right after the modality word's position in the name
  /// (`gpt-4o-aud-0603`, `gpt4omini-aud1217`, `gpt aud 0828`).
  private static func versionFollows(
    _ modelIndex: Int, in model: [String], tokens: [String], version: String?
  ) -> Bool {
    guard let version, let vi = tokens.firstIndex(of: version) else { return false }
    let word = model[modelIndex]
    guard let wi = tokens.firstIndex(of: word) else { return false }
    return wi + 1 == vi
  }

  private static func apply(
    _ word: Word, _ r: inout AzureMeterName, _ tags: inout Set<String>, _ problems: inout [String]
  ) {
    switch word {
    case .direction(let m):
      if let d = r.direction, d != m { problems.append("both input and output words") }
      r.direction = m
    case .cached: r.cached = true
    case .write:
      r.cached = true
      r.cacheWrite = true
    case .scope(let s):
      if let old = r.scope, old != s { problems.append("conflicting scope words") }
      r.scope = s
    case .tier(let t):
      if let old = r.tier, old != t { problems.append("conflicting tier words") }
      r.tier = t
    case .tag(let t): tags.insert(t)
    case .role(let role):
      if r.role != .usage, r.role != role { problems.append("conflicting meter kinds") }
      r.role = role
    case .modality, .filler, .legacy: break
    }
  }
}
