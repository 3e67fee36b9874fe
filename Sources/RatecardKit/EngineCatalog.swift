import CSV
import CostEngine
import Foundation
import Pricing

/// A minimal catalogue for the cost engine until the real `Catalog` lands: models, aliases and
/// quality scores from CSV files in the `../shared/models/` layout, and a built-in region table.
/// The lead replaces ``EngineCatalog/load(directory:)`` with the real catalogue.
public enum EngineCatalog {
  /// Directories searched for `models.csv`, `aliases.csv`, `quality.csv`: `directory`, then
  /// `$RATECARD_CATALOG_DIR`, `data/models`, `../shared/models` (relative to the working directory).
  public static func load(directory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any CatalogView {
    let candidates = [directory, environment["RATECARD_CATALOG_DIR"], "data/models", "../shared/models"].compactMap { $0 }
    let fm = FileManager.default
    guard let dir = candidates.first(where: { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("models.csv")) }) else {
      throw EngineCatalogError.notFound(candidates)
    }
    return try CSVCatalogView(directory: dir)
  }

  /// The provisioned-throughput table (`data/provisioned-throughput.yaml`), empty when absent.
  public static func throughputTable(path: String? = nil) throws -> ThroughputTable {
    let p = path ?? "data/provisioned-throughput.yaml"
    guard let text = try? String(contentsOfFile: p, encoding: .utf8) else { return ThroughputTable() }
    return try ThroughputTable.parse(text, file: p)
  }

  /// Region code -> geography and government flag (AWS and Azure regions of the price sheets).
  public static let regions: [String: RegionFacts] = {
    var r: [String: RegionFacts] = [:]
    func put(_ geography: String, _ codes: [String], government: Bool = false) {
      for c in codes { r[c] = RegionFacts(geography: geography, government: government) }
    }
    put("us", ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eastus", "eastus2", "centralus", "northcentralus",
      "southcentralus", "westcentralus", "westus", "westus2", "westus3"])
    put("us", ["us-gov-east-1", "us-gov-west-1", "usgovarizona", "usgovtexas", "usgovvirginia"], government: true)
    put("ca", ["ca-central-1", "canadacentral", "canadaeast"])
    put("sa", ["sa-east-1", "brazilsouth"])
    put("mx", ["mexicocentral"])
    put("eu", ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "denmarkeast", "francecentral",
      "germanywestcentral", "italynorth", "northeurope", "polandcentral", "spaincentral", "swedencentral", "westeurope"])
    put("uk", ["eu-west-2", "uksouth", "ukwest"])
    put("ch", ["eu-central-2", "switzerlandnorth", "switzerlandwest"])
    put("no", ["norwayeast"])
    put("apac", ["ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "australiaeast", "australiasoutheast", "centralindia", "southindia", "jioindiawest", "eastasia", "japaneast",
      "japanwest", "koreacentral", "malaysiawest", "indonesiacentral", "southeastasia"])
    put("me", ["qatarcentral", "uaenorth"])
    put("af", ["southafricanorth"])
    return r
  }()
}

/// Why the engine catalogue could not be loaded.
public enum EngineCatalogError: Error, LocalizedError, Sendable {
  case notFound([String])
  case malformed(String)
  public var errorDescription: String? {
    switch self {
    case .notFound(let dirs): "no model catalogue (models.csv) found in: \(dirs.joined(separator: ", ")); set RATECARD_CATALOG_DIR"
    case .malformed(let m): m
    }
  }
}

/// ``CatalogView`` over catalogue CSV files (models, aliases, quality).
struct CSVCatalogView: CatalogView {
  var facts: [String: ModelFacts] = [:]
  var aliases: [String: String] = [:]
  var scores: [String: [String: Decimal]] = [:]
  var benchmarks: [String] = []

  init(directory: String) throws {
    func rows(_ name: String) throws -> [[String: String]] {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
      let reader = try CSVReader(string: text, hasHeaderRow: true)
      let header = reader.headerRow ?? []
      var out: [[String: String]] = []
      while let row = reader.next() {
        out.append(Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
      }
      return out
    }
    for r in try rows("models.csv") {
      guard let id = r["canonical_id"], !id.isEmpty else { continue }
      var caps: [Capability: Bool] = [:]
      for c in Capability.allCases {
        if r[c.rawValue] == "true" { caps[c] = true } else if r[c.rawValue] == "false" { caps[c] = false }
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
      guard let a = r["alias"], let id = r["canonical_id"] else { continue }
      if aliases[a.lowercased()] == nil { aliases[a.lowercased()] = id }
    }
    var names = Set<String>()
    for r in try rows("quality.csv") {
      guard let id = r["canonical_id"], let b = r["benchmark"], let s = r["score"].flatMap(ExactDecimal.parse) else { continue }
      scores[id, default: [:]][b] = s
      names.insert(b)
    }
    benchmarks = names.sorted()
  }

  func canonicalModel(_ reference: String) -> String? { aliases[reference.lowercased()] }
  func modelFacts(_ canonicalID: String) -> ModelFacts? { facts[canonicalID] }
  func regionFacts(provider: Provider, region: String) -> RegionFacts? { EngineCatalog.regions[region.lowercased()] }
  func qualityScore(model canonicalID: String, benchmark: String) -> Decimal? { scores[canonicalID]?[benchmark] }
}
