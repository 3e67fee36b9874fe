import Foundation
import Pricing
import Yams

/// Tokens per minute that one provisioned unit (Azure PTU, AWS model unit) serves, per provider
/// and model family or canonical model. The price sheets do not say this; the table comes from
/// `data/provisioned-throughput.yaml` (each entry with its source or marked as an assumption), and
/// a profile's `throughput_per_unit` overrides it.
public struct ThroughputTable: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var provider: Provider
    /// Canonical model id or model family.
    public var model: String
    public var tokensPerMinutePerUnit: Decimal
    /// Smallest purchasable number of units.
    public var minimumUnits: Int
    public var source: String
  }

  public var entries: [Entry]

  public init(entries: [Entry] = []) { self.entries = entries }

  /// The entry for a model: exact canonical id first, then its family.
  public func entry(provider: Provider, model: String, family: String?) -> Entry? {
    entries.first { $0.provider == provider && $0.model == model }
      ?? family.flatMap { f in entries.first { $0.provider == provider && $0.model == f } }
  }

  /// Parses the YAML table: a list of `{provider, model, tokens_per_minute_per_unit, minimum_units, source}`.
  public static func parse(_ text: String, file: String) throws -> ThroughputTable {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let e as YamlError {
      throw ProfileParser.yamlError(e, file: file)
    }
    var reader = NodeReader(file: file, budget: text.utf8.count * 4 + 10_000)
    guard let node else { return ThroughputTable() }
    try reader.spend(node)
    var entries: [Entry] = []
    for item in try reader.list(node, "throughput table") {
      let f = try reader.fields(item, allowed: ["provider", "model", "tokens_per_minute_per_unit", "minimum_units", "source"], what: "throughput entry")
      let d = Dictionary(f.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
      for k in ["provider", "model", "tokens_per_minute_per_unit", "source"] where d[k] == nil {
        throw reader.fail(item, "throughput entry: missing key '\(k)'")
      }
      let tpm = try reader.nonNegative(d["tokens_per_minute_per_unit"]!, "tokens_per_minute_per_unit")
      guard tpm > 0 else { throw reader.fail(d["tokens_per_minute_per_unit"]!, "tokens_per_minute_per_unit: must be above 0") }
      entries.append(Entry(
        provider: try reader.enumValue(d["provider"]!, "provider", Provider.self, choices: Provider.allCases.map(\.rawValue)),
        model: try reader.text(d["model"]!, "model"), tokensPerMinutePerUnit: tpm,
        minimumUnits: try d["minimum_units"].map { try reader.integer($0, "minimum_units") } ?? 1,
        source: try reader.text(d["source"]!, "source")))
    }
    return ThroughputTable(entries: entries)
  }
}
