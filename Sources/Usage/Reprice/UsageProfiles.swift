import Foundation
import Pricing

/// `ratecard usage profile`: workload profiles (docs/profiles.md) derived from actual token usage,
/// one per group, so `recommend` can start from what a workload did.
public enum UsageProfiles {
  /// How the usage is split into profiles.
  public enum Grouping: String, Sendable, CaseIterable {
    case app, model
  }

  /// Shares are written with this many decimals (exact when the share is a terminating decimal).
  /// Twelve keep a share x a month's tokens x a per-token price inside the engine's 38 exact
  /// digits, and move a month of 10^10 tokens by at most 0.005 tokens (far below a cent).
  static let shareScale = 12

  /// One profile's YAML text per group of `rows` (token usage), in name order.
  /// - Parameter sources: the files the usage came from, per `sourceKey|month` (for the header comment).
  public static func yaml(_ rows: [UsageRecord], by grouping: Grouping, sources: [String: [String]]) -> [String] {
    var groups: [String: [UsageRecord]] = [:]
    for r in rows where r.category == UsageCategory.token.rawValue {
      let key = grouping == .app ? (r.app.isEmpty ? "untagged" : r.app) : (r.model ?? r.sheetKey)
      groups[key, default: []].append(r)
    }
    // One profile per deployment and tier inside a group (a profile has one `current` and one batch
    // share for input and output alike): its `current` then prices exactly what the usage cost.
    var profiles: [(String, [UsageRecord])] = []
    for name in groups.keys.sorted() {
      var parts: [String: [UsageRecord]] = [:]
      for r in groups[name]! {
        parts["\(r.provider)|\(r.model ?? r.sheetKey)|\(r.region)|\(r.scope ?? "")|\(r.tier ?? "")", default: []].append(r)
      }
      if parts.count == 1 {
        profiles.append((name, groups[name]!))
        continue
      }
      for key in parts.keys.sorted() {
        let f = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        profiles.append(("\(name) \(f[1]) \(f[2]) \(f[3]) \(f[4])", parts[key]!))
      }
    }
    return profiles.map { profile(name: $0.0, rows: $0.1, sources: sources) }
  }

  static func profile(name: String, rows: [UsageRecord], sources: [String: [String]]) -> String {
    func tokens(_ meter: Meter) -> Decimal {
      Decimal(rows.filter { $0.meter == meter.rawValue }.map(\.tokens).reduce(0, +))
    }
    let input = tokens(.input)
    let cacheRead = tokens(.cacheRead)
    let cacheWrite = tokens(.cacheWrite)
    let output = tokens(.output)
    let allInput = input + cacheRead + cacheWrite
    let all = allInput + output
    let batch = Decimal(rows.filter { $0.tier == Tier.batch.rawValue }.map(\.tokens).reduce(0, +))
    let longContext = Decimal(rows.filter { ($0.variant ?? "").contains("long") }.map(\.tokens).reduce(0, +))
    let requests = rows.compactMap(\.requests).reduce(0, +)
    let perRequest = requests > 0 && rows.allSatisfy { $0.meter != Meter.input.rawValue || $0.requests != nil }
    let divisor = perRequest ? Decimal(requests) : 1
    func share(_ part: Decimal, _ whole: Decimal) -> String {
      guard whole != 0 else { return "0" }
      return ExactDecimal.round(part / whole, scale: shareScale).exactText
    }
    func exact(_ d: Decimal) -> String { ExactDecimal.round(d, scale: 12).exactText }
    // The current deployment: the one that served the most tokens.
    var served: [String: (Int64, UsageRecord)] = [:]
    for r in rows {
      let key = "\(r.provider)|\(r.model ?? "")|\(r.region)|\(r.scope ?? "")"
      served[key] = ((served[key]?.0 ?? 0) + r.tokens, r)
    }
    let current = served.values.max { ($0.0, $1.1.region) < ($1.0, $0.1.region) }?.1
    let months = Set(rows.map(\.month)).sorted()
    let files = Set(rows.map { "\($0.sourceKey)|\($0.month)" }).flatMap { sources[$0] ?? [] }
    var lines: [String] = []
    lines.append("# Derived by `ratecard usage profile` from the actual usage of \(months.joined(separator: ", "))")
    for f in Set(files).sorted() { lines.append("# source: \(f)") }
    lines.append(
      perRequest
        ? "# volume as observed: \(requests) requests, token averages per request"
        : "# volume as observed: the month's tokens (the export has no request counts: 1 request a month)")
    lines.append("name: \(yamlText(name))")
    lines.append("requests_per_month: \(perRequest ? "\(requests)" : "1")")
    lines.append("input_tokens: \(exact(allInput / divisor))")
    lines.append("output_tokens: \(exact(output / divisor))")
    lines.append("cached_input_share: \(share(cacheRead, allInput))")
    lines.append("cache_write_share: \(share(cacheWrite, allInput))")
    lines.append("batch_share: \(share(batch, all))")
    lines.append("long_context_share: \(share(longContext, all))")
    lines.append("where:")
    lines.append("  providers: [\(Set(rows.map(\.provider)).sorted().joined(separator: ", "))]")
    lines.append("  regions: [\(Set(rows.map(\.region)).sorted().joined(separator: ", "))]")
    // Usage that matched no stored rate has no scope: then the profile leaves scopes open.
    let scopes = Set(rows.compactMap(\.scope)).sorted()
    if !scopes.isEmpty { lines.append("  scopes: [\(scopes.joined(separator: ", "))]") }
    if let currency = rows.first(where: { !$0.currency.isEmpty })?.currency {
      lines.append("currency: \(currency)")
    }
    if let c = current, let model = c.model, let scope = c.scope {
      lines.append("current: {provider: \(c.provider), model: \(yamlText(model)), region: \(c.region), scope: \(scope)}")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A YAML scalar: plain when safe, else double-quoted.
  static func yamlText(_ s: String) -> String {
    let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./@".contains($0) }
    return safe && !s.isEmpty ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
