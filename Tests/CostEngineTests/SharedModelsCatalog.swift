import CSV
import CostEngine
import Foundation
import Pricing

/// A test-only ``CatalogView`` over the real `../shared/models/` files (models, aliases, quality)
/// plus a small region table for the regions the tests use.
struct SharedModelsCatalog: CatalogView {
  var facts: [String: ModelFacts] = [:]
  var aliases: [String: String] = [:]
  var scores: [String: [String: Decimal]] = [:]
  var benchmarks: [String] = []

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let modelsDirectory = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/models")

  /// Regions used by the tests: geography and government flag (from the sheets' region names).
  static let regions: [String: RegionFacts] = [
    "us-east-1": RegionFacts(geography: "us"), "us-east-2": RegionFacts(geography: "us"),
    "us-west-2": RegionFacts(geography: "us"), "eu-central-1": RegionFacts(geography: "eu"),
    "eu-west-1": RegionFacts(geography: "eu"), "eu-west-3": RegionFacts(geography: "eu"),
    "us-gov-west-1": RegionFacts(geography: "us", government: true),
    "eastus2": RegionFacts(geography: "us"), "eastus": RegionFacts(geography: "us"),
    "swedencentral": RegionFacts(geography: "eu"), "westeurope": RegionFacts(geography: "eu"),
    "japaneast": RegionFacts(geography: "apac"),
    "usgovvirginia": RegionFacts(geography: "us", government: true),
  ]

  static let shared: SharedModelsCatalog = try! SharedModelsCatalog()

  init() throws {
    func rows(_ name: String) throws -> [[String: String]] {
      let text = try String(contentsOf: Self.modelsDirectory.appendingPathComponent(name), encoding: .utf8)
      let reader = try CSVReader(string: text, hasHeaderRow: true)
      let header = reader.headerRow ?? []
      var out: [[String: String]] = []
      while let row = reader.next() {
        out.append(Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
      }
      return out
    }
    for r in try rows("models.csv") {
      let id = r["canonical_id"]!
      var caps: [Capability: Bool] = [:]
      for c in Capability.allCases {
        switch r[c.rawValue] {
        case "true": caps[c] = true
        case "false": caps[c] = false
        default: break
        }
      }
      facts[id] = ModelFacts(
        id: id, family: r["family"] ?? "", capabilities: caps,
        maxInputTokens: r["max_input_tokens"].flatMap { Int($0) },
        maxOutputTokens: r["max_output_tokens"].flatMap { Int($0) },
        inputModalities: (r["input_modalities"] ?? "").split(separator: "|").map(String.init))
      aliases[id.lowercased()] = id
      if let slash = id.firstIndex(of: "/") { aliases[String(id[id.index(after: slash)...]).lowercased()] = id }
    }
    for r in try rows("aliases.csv") {
      let key = r["alias"]!.lowercased()
      if aliases[key] == nil { aliases[key] = r["canonical_id"]! }
    }
    var names = Set<String>()
    for r in try rows("quality.csv") {
      guard let score = ExactDecimal.parse(r["score"]!) else { continue }
      scores[r["canonical_id"]!, default: [:]][r["benchmark"]!] = score
      names.insert(r["benchmark"]!)
    }
    benchmarks = names.sorted()
  }

  func canonicalModel(_ reference: String) -> String? { aliases[reference.lowercased()] }
  func modelFacts(_ canonicalID: String) -> ModelFacts? { facts[canonicalID] }
  func regionFacts(provider: Provider, region: String) -> RegionFacts? { Self.regions[region] }
  func qualityScore(model canonicalID: String, benchmark: String) -> Decimal? { scores[canonicalID]?[benchmark] }
}

/// Builds a rate as an importer would store it: price per 1M tokens (normalised), sheet text kept.
func rate(
  _ provider: Provider, _ service: String, sku: String, key: String, sheetModel: String,
  model: String? = nil, region: String, scope: Scope, tier: Tier = .standard, meter: Meter,
  variant: String = "", perMillion: String, sheetUnit: String = "1K tokens", sheetPrice: String? = nil,
  unit: String = "1M tokens", currency: String = "USD", commitment: Commitment = .none,
  effectiveFrom: String = "2025-01-01T00:00:00Z"
) -> Rate {
  Rate(
    provider: provider, service: service, rateKey: sku + "." + key, sku: sku, sheetKey: key,
    sheetModel: sheetModel, model: model, region: region, scope: scope, tier: tier, meter: meter,
    variant: variant, commitment: commitment, sheetUnit: sheetUnit, sheetPrice: sheetPrice ?? perMillion,
    unit: unit, price: ExactDecimal.parse(perMillion)!, currency: currency, effectiveFrom: effectiveFrom)
}

/// Exact decimal from text (test literals).
func dec(_ s: String) -> Decimal { ExactDecimal.parse(s)! }
