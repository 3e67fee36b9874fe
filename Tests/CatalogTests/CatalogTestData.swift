import Foundation
import Pricing

/// Paths and sheet names the catalogue tests read from the package and from ../shared.
enum CatalogTestData {
  /// The package root, from this file's path.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
  static let pricesheets = shared.appendingPathComponent("pricesheets")

  /// A distinct name a price sheet gives a token price line.
  struct SheetName: Hashable {
    var provider: Provider
    var service: String
    var name: String
    /// An AWS usagetype or Azure meter name carrying the name.
    var key: String
  }

  static let awsOffers = ["AmazonBedrock", "AmazonBedrockFoundationModels", "AmazonBedrockService"]

  /// The distinct `model` / `titanModel` / FM `servicename` values of token SKUs in the three
  /// `current/index.json` offers (unit `1K tokens` or `1M tokens`, or FM `Units` whose usagetype
  /// counts tokens), with one usagetype each.
  static func awsTokenNames() throws -> [SheetName] {
    var result: [String: SheetName] = [:]
    for offer in awsOffers {
      let url = pricesheets.appendingPathComponent("aws/offers/v1.0/aws/\(offer)/current/index.json")
      let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
      let products = json["products"] as! [String: [String: Any]]
      let onDemand = (json["terms"] as! [String: Any])["OnDemand"] as! [String: [String: Any]]
      for (sku, product) in products {
        let attributes = product["attributes"] as! [String: String]
        let usagetype = attributes["usagetype"] ?? ""
        var units: [String] = []
        for term in (onDemand[sku] ?? [:]).values {
          let dimensions = (term as! [String: Any])["priceDimensions"] as! [String: [String: Any]]
          units += dimensions.values.compactMap { $0["unit"] as? String }
        }
        let tokenUnit = units.contains { $0 == "1K tokens" || $0 == "1M tokens" }
        let fmTokenUnits =
          units.contains("Units") && usagetype.range(of: "token", options: .caseInsensitive) != nil
        guard tokenUnit || fmTokenUnits else { continue }
        let name =
          [attributes["model"], attributes["titanModel"], attributes["servicename"]]
          .compactMap { $0 }.first { !$0.isEmpty && $0 != "Amazon Bedrock" } ?? ""
        guard !name.isEmpty else { continue }
        result[offer + "|" + name] =
          result[offer + "|" + name]
          ?? SheetName(provider: .aws, service: offer, name: name, key: usagetype)
      }
    }
    return result.values.sorted { ($0.service, $0.name) < ($1.service, $1.name) }
  }

  /// The distinct token meter names (unit `1K` / `1M`, name ending in `Tokens`) of every Azure page
  /// in the pack (USD and EUR), with their product.
  static func azureTokenMeters() throws -> [SheetName] {
    var result = Set<SheetName>()
    for folder in ["azure/retail-prices", "azure/retail-prices-eur"] {
      let dir = pricesheets.appendingPathComponent(folder)
      for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".json")
      {
        let json =
          try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(file)))
          as! [String: Any]
        for item in json["Items"] as! [[String: Any]] {
          let unit = item["unitOfMeasure"] as? String ?? ""
          let meter = item["meterName"] as? String ?? ""
          guard unit == "1K" || unit == "1M", meter.hasSuffix(" Tokens") else { continue }
          result.insert(
            SheetName(
              provider: .azure, service: item["productName"] as? String ?? "", name: meter, key: meter))
        }
      }
    }
    return result.sorted { ($0.service, $0.name) < ($1.service, $1.name) }
  }

  /// The meter name without its unit words (`gpt 4o 1120 Inp glbl 1M Tokens` → `gpt 4o 1120 Inp glbl`).
  static func withoutUnit(_ meter: String) -> String {
    var s = meter
    for suffix in [" Tokens", " 1M", " 1K"] where s.hasSuffix(suffix) { s.removeLast(suffix.count) }
    if s.hasSuffix(" 1M") { s.removeLast(3) }
    return s
  }
}
