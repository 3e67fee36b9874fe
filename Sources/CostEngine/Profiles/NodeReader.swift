import Foundation
import Pricing
import Yams

/// Walks one YAML document into profiles, checking keys, types and ranges, counting nodes.
struct NodeReader {
  let file: String
  var budget: Int

  init(file: String, budget: Int) {
    self.file = file
    self.budget = budget
  }

  func mark(_ node: Node) -> SourceMark {
    SourceMark(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  func fail(_ node: Node, _ message: String) -> ProfileError { ProfileError(mark(node), message) }

  /// Counts `node` and everything under it against the budget (aliases expand here).
  mutating func spend(_ node: Node) throws {
    try spend(Self.nodeCount(node, atMost: max(budget, 0) + 1), for: node)
  }

  /// Spends `count` nodes (``nodeCount(_:atMost:)`` of `node`, counted beforehand) of the budget.
  mutating func spend(_ count: Int, for node: Node) throws {
    budget -= count
    if budget < 0 {
      throw fail(node, "document too large: more nodes than allowed (anchor/alias expansion?)")
    }
  }

  /// The nodes of `node` and everything under it, counting no further than `limit`.
  static func nodeCount(_ node: Node, atMost limit: Int) -> Int {
    var count = 0
    var stack = [node]
    while let n = stack.popLast() {
      count += 1
      if count >= limit { return count }
      switch n {
      case .mapping(let m):
        for (k, v) in m {
          stack.append(k)
          stack.append(v)
        }
      case .sequence(let s): stack.append(contentsOf: s)
      default: break
      }
    }
    return count
  }

  /// The pairs of a mapping with their key names; unknown or repeated keys are errors.
  func fields(_ node: Node, allowed: [String], what: String) throws -> [(String, Node, Node)] {
    guard case .mapping(let mapping) = node else {
      throw fail(node, "\(what): expected a mapping, found \(kind(node))")
    }
    var out: [(String, Node, Node)] = []
    out.reserveCapacity(mapping.count)
    for (k, v) in mapping {
      guard case .scalar(let ks) = k else { throw fail(k, "\(what): keys must be plain text") }
      let key = ks.string
      guard allowed.contains(key) else {
        throw fail(k, "\(what): unknown key '\(key)' (expected one of: \(allowed.joined(separator: ", ")))")
      }
      // A mapping has a few keys: a scan of those before finds a repeat without a dictionary.
      if let first = out.first(where: { $0.0 == key }) {
        throw fail(k, "\(what): key '\(key)' repeated (first at \(mark(first.1)))")
      }
      out.append((key, k, v))
    }
    return out
  }

  func kind(_ node: Node) -> String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let s): isNull(node) ? "null" : "'\(s.string)'"
    case .alias: "an alias"
    }
  }

  func isNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(s.string)
  }

  func text(_ node: Node, _ key: String) throws -> String {
    guard case .scalar(let s) = node, !isNull(node) else {
      throw fail(node, "\(key): expected text, found \(kind(node))")
    }
    let t = Self.trimmed(s.string)
    guard !t.isEmpty else { throw fail(node, "\(key): must not be empty") }
    return t
  }

  func decimal(_ node: Node, _ key: String) throws -> Decimal {
    guard case .scalar(let s) = node, s.style == .plain || s.style == .any, !isNull(node) else {
      throw fail(node, "\(key): expected a number, found \(kind(node))")
    }
    let t = s.string.utf8.contains(UInt8(ascii: "_")) ? s.string.replacingOccurrences(of: "_", with: "") : s.string
    guard let d = ExactDecimal.parse(t.hasPrefix("+") ? String(t.dropFirst()) : t) else {
      throw fail(node, "\(key): expected a number, found '\(s.string)'")
    }
    return d
  }

  func nonNegative(_ node: Node, _ key: String) throws -> Decimal {
    let d = try decimal(node, key)
    guard d >= 0 else { throw fail(node, "\(key): must not be negative (\(d.exactText))") }
    return d
  }

  func share(_ node: Node, _ key: String) throws -> Decimal {
    let d = try nonNegative(node, key)
    guard d <= 1 else { throw fail(node, "\(key): a share must be between 0 and 1, found \(d.exactText)") }
    return d
  }

  func integer(_ node: Node, _ key: String) throws -> Int {
    let d = try nonNegative(node, key)
    guard d == d.rounded0, d <= 1_000_000_000_000, let i = Int(d.exactText) else {
      throw fail(node, "\(key): expected a whole number, found \(d.exactText)")
    }
    return i
  }

  /// `text` without leading and trailing whitespace (the common case, none, costs no copy).
  static func trimmed(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
      first.properties.isWhitespace || last.properties.isWhitespace
    else { return text }
    return text.trimmingCharacters(in: .whitespaces)
  }

  func list(_ node: Node, _ key: String) throws -> [Node] {
    guard case .sequence(let s) = node else {
      throw fail(node, "\(key): expected a list, found \(kind(node))")
    }
    return Array(s)
  }

  func enumValue<T: RawRepresentable>(_ node: Node, _ key: String, _: T.Type, choices: [String]) throws -> T
  where T.RawValue == String {
    let t = try text(node, key)
    guard let v = T(rawValue: t.lowercased()) else {
      throw fail(node, "\(key): unknown value '\(t)' (expected one of: \(choices.joined(separator: ", ")))")
    }
    return v
  }

  static let topKeys = [
    "name", "requests_per_month", "requests_per_day", "input_tokens", "output_tokens",
    "cached_input_share", "cache_write_share", "batch_share", "long_context_share", "where",
    "needs", "parity", "discounts", "currency", "growth_per_month", "peak_tokens_per_minute",
    "throughput_per_unit", "current", "kind",
  ]

  mutating func profile(_ node: Node) throws -> Profile {
    try spend(node)
    return try profileFields(node)
  }

  /// The profile in `node`, its nodes already counted against the budget.
  func profileFields(_ node: Node) throws -> Profile {
    let f = try fields(node, allowed: Self.topKeys, what: "profile")
    let byKey = Dictionary(f.map { ($0.0, ($0.1, $0.2)) }, uniquingKeysWith: { a, _ in a })
    func required(_ key: String) throws -> Node {
      guard let v = byKey[key]?.1 else { throw fail(node, "profile: missing required key '\(key)'") }
      return v
    }
    let name = try text(try required("name"), "name")
    let perMonth = try byKey["requests_per_month"].map { try nonNegative($0.1, "requests_per_month") }
    let perDay = try byKey["requests_per_day"].map { try nonNegative($0.1, "requests_per_day") }
    let requests: Decimal
    switch (perMonth, perDay) {
    case (let m?, nil): requests = m
    case (nil, let d?): requests = d * 730 / 24
    case (.some, .some):
      throw fail(byKey["requests_per_day"]!.0, "give requests_per_month or requests_per_day, not both")
    case (nil, nil): throw fail(node, "profile: missing required key 'requests_per_month' (or 'requests_per_day')")
    }
    var p = Profile(
      name: name, requestsPerMonth: requests,
      inputTokens: try nonNegative(try required("input_tokens"), "input_tokens"),
      outputTokens: try nonNegative(try required("output_tokens"), "output_tokens"))
    p.origin = mark(node)
    p.requestsPerDay = perDay
    var geographyGiven = false
    var scopesGiven = false
    for (key, keyNode, v) in f {
      p.marks[.key(key)] = mark(v)
      switch key {
      case "cached_input_share": p.cachedInputShare = try share(v, key)
      case "cache_write_share": p.cacheWriteShare = try share(v, key)
      case "batch_share": p.batchShare = try share(v, key)
      case "long_context_share": p.longContextShare = try share(v, key)
      case "currency":
        let c = try text(v, key).uppercased()
        guard c.count == 3, c.allSatisfy({ $0.isLetter && $0.isASCII }) else {
          throw fail(v, "currency: expected an ISO 4217 code such as USD, found '\(c)'")
        }
        p.currency = c
        p.marks[.currency] = mark(v)
      case "growth_per_month":
        let g = try decimal(v, key)
        guard g > -1, g <= 10 else { throw fail(v, "growth_per_month: must be above -1 and at most 10, found \(g.exactText)") }
        p.growthPerMonth = g
      case "kind":
        let k = try text(v, key).lowercased()
        guard Profile.kinds.contains(k) else {
          throw fail(v, "kind: unknown kind '\(k)' (expected one of: \(Profile.kinds.joined(separator: ", ")))")
        }
        p.kind = k
      case "peak_tokens_per_minute": p.peakTokensPerMinute = try nonNegative(v, key)
      case "throughput_per_unit":
        let t = try nonNegative(v, key)
        guard t > 0 else { throw fail(v, "throughput_per_unit: must be above 0") }
        p.throughputPerUnit = t
      case "discounts":
        for (pk, pkNode, pv) in try fields(v, allowed: Provider.allCases.map(\.rawValue), what: "discounts") {
          _ = pkNode
          let d = try share(pv, "discounts.\(pk)")
          guard d < 1 else { throw fail(pv, "discounts.\(pk): a discount must be below 1") }
          p.discounts[Provider(rawValue: pk)!] = d
        }
      case "where":
        var home: [String] = []
        var preferred: [String] = []
        let whereKeys = ["providers", "geographies", "regions", "scopes", "government", "home_region", "preferred_regions"]
        defer { p.preferredRegions = home + preferred.filter { !home.contains($0) } }
        for (wk, _, wv) in try fields(v, allowed: whereKeys, what: "where") {
          switch wk {
          case "home_region": home = [try text(wv, wk).lowercased()]
          case "preferred_regions": preferred = try list(wv, wk).map { try text($0, wk).lowercased() }
          case "providers":
            p.placement.providers = Set(try list(wv, wk).map {
              try enumValue($0, wk, Provider.self, choices: Provider.allCases.map(\.rawValue))
            })
          case "geographies":
            p.placement.geographies = Set(try list(wv, wk).map { node in
              let g = try text(node, wk).lowercased()
              p.marks[.geography(g)] = p.marks[.geography(g)] ?? mark(node)
              return g
            })
            geographyGiven = true
          case "regions":
            p.placement.regions = Set(try list(wv, wk).map { node in
              let r = try text(node, wk).lowercased()
              p.marks[.region(r)] = p.marks[.region(r)] ?? mark(node)
              return r
            })
            geographyGiven = true
          case "scopes":
            p.placement.scopes = Set(try list(wv, wk).map {
              try enumValue($0, wk, Scope.self, choices: Scope.allCases.map(\.rawValue))
            })
            scopesGiven = true
          default:
            guard case .scalar(let s) = wv, ["true", "false"].contains(s.string) else {
              throw fail(wv, "government: expected true or false, found \(kind(wv))")
            }
            p.placement.government = s.string == "true"
          }
        }
      case "needs":
        for (nk, _, nv) in try fields(v, allowed: ["capabilities", "min_context", "min_output_tokens", "modalities"], what: "needs") {
          switch nk {
          case "capabilities":
            p.needs.capabilities = Set(try list(nv, nk).map {
              try enumValue($0, nk, Capability.self, choices: Capability.allCases.map(\.rawValue))
            })
          case "min_context": p.needs.minContext = try integer(nv, nk)
          case "min_output_tokens": p.needs.minOutputTokens = try integer(nv, nk)
          default: p.needs.modalities = Set(try list(nv, nk).map { try text($0, nk).lowercased() })
          }
        }
      case "parity":
        p.parity = try parity(v)
        if case .mapping(let m) = v {
          for (k, pv) in m {
            if let field = k.string.flatMap(ProfileField.init(parityKey:)) { p.marks[field] = mark(pv) }
          }
          if let g = m.first(where: { $0.key.string == "group_variants" })?.value {
            guard case .scalar(let s) = g, ["true", "false"].contains(s.string) else {
              throw fail(g, "parity.group_variants: expected true or false, found \(kind(g))")
            }
            p.groupBenchmarkVariants = s.string == "true"
          }
        }
      case "current":
        let cf = try fields(v, allowed: ["provider", "model", "region", "scope"], what: "current")
        let c = Dictionary(cf.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
        for k in ["provider", "model", "region", "scope"] where c[k] == nil {
          throw fail(v, "current: missing key '\(k)'")
        }
        p.marks[.currentModel] = mark(c["model"]!)
        p.marks[.currentRegion] = mark(c["region"]!)
        p.current = Profile.Deployment(
          provider: try enumValue(c["provider"]!, "current.provider", Provider.self, choices: Provider.allCases.map(\.rawValue)),
          model: try text(c["model"]!, "current.model"),
          region: try text(c["region"]!, "current.region").lowercased(),
          scope: try enumValue(c["scope"]!, "current.scope", Scope.self, choices: Scope.allCases.map(\.rawValue)))
      default: _ = keyNode
      }
    }
    if p.cachedInputShare + p.cacheWriteShare > 1 {
      throw fail(byKey["cache_write_share"]?.1 ?? node, "cached_input_share + cache_write_share must not exceed 1")
    }
    if geographyGiven && !scopesGiven { p.placement.scopes = [.regional, .geo, .datazone] }
    if p.placement.scopes.isEmpty, let s = byKey["where"]?.1 { throw fail(s, "where.scopes: must not be empty") }
    return p
  }

  func parity(_ node: Node) throws -> Profile.Parity {
    let f = try fields(node, allowed: ["baseline", "benchmark", "tolerance", "min_scores", "models", "group_variants"], what: "parity")
    let keys = Set(f.map(\.0))
    let byKey = Dictionary(f.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
    let forms = [keys.contains("baseline") || keys.contains("benchmark"), keys.contains("min_scores"), keys.contains("models")]
    guard forms.filter({ $0 }).count == 1 else {
      throw fail(node, "parity: give exactly one of baseline+benchmark(+tolerance), min_scores or models")
    }
    if let m = byKey["models"] {
      let models = try list(m, "models").map { try text($0, "models") }
      guard !models.isEmpty else { throw fail(m, "parity.models: must not be empty") }
      return .models(models)
    }
    if let s = byKey["min_scores"] {
      var scores: [String: Decimal] = [:]
      guard case .mapping(let mapping) = s else { throw fail(s, "min_scores: expected a mapping, found \(kind(s))") }
      for (k, v) in mapping {
        let bench = try text(k, "min_scores")
        scores[bench] = try decimal(v, "min_scores.\(bench)")
      }
      guard !scores.isEmpty else { throw fail(s, "parity.min_scores: must not be empty") }
      return .minScores(scores)
    }
    guard let b = byKey["baseline"] else { throw fail(node, "parity: 'benchmark' needs 'baseline'") }
    guard let bench = byKey["benchmark"] else { throw fail(node, "parity: 'baseline' needs 'benchmark'") }
    let tolerance = try byKey["tolerance"].map { try share($0, "tolerance") } ?? 0
    return .baseline(model: try text(b, "baseline"), benchmark: try text(bench, "benchmark"), tolerance: tolerance)
  }
}

extension Decimal {
  /// The value truncated towards zero to an integer.
  var rounded0: Decimal {
    var v = self
    var r = Decimal()
    NSDecimalRound(&r, &v, 0, self < 0 ? .up : .down)
    return r
  }
}
