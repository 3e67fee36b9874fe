import CSV
import CostEngine
import Foundation
import Pricing
import Reports

/// A catalogue that knows every model by the name it is given, and no region.
struct OpenCatalog: CatalogView {
  func canonicalModel(_ reference: String) -> String? { reference }
  func modelFacts(_ canonicalID: String) -> ModelFacts? { ModelFacts(id: canonicalID) }
  func regionFacts(provider: Provider, region: String) -> RegionFacts? { nil }
  func qualityScore(model canonicalID: String, benchmark: String) -> Decimal? { nil }
  var benchmarks: [String] { [] }
}

/// Rates whose model names, region codes, SKUs and sheet keys are hostile to spreadsheets and CSV.
enum HostileData {
  /// Model names: formula starts, tab, CR, quotes, commas, newlines, non-ASCII.
  static let models = [
    "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@A1", "\tTabbed", "\rCarriage",
    "Quote \"q\", comma, and\nnewline", "Zürich-東京 modèle",
  ]
  /// Region codes (lowercase, as the engine keys locations in lower case).
  static let regions = ["=hyperlink(\"x\")", "zürich, \"süd\"\nnord"]
  static let profileName = "=profile \"hostile\", with\nnewline"

  static func d(_ s: String) -> Decimal { ExactDecimal.parse(s)! }

  /// Input, output, cache read and batch input/output rates for every model in every region, with
  /// prices of many decimals so the rounding has work to do.
  static func rates() -> [Rate] {
    var out: [Rate] = []
    for (i, model) in models.enumerated() {
      for (j, region) in regions.enumerated() {
        func rate(_ tier: Tier, _ meter: Meter, _ price: String) -> Rate {
          let key = "\(i)-\(j)-\(tier.rawValue)-\(meter.rawValue)"
          return Rate(
            provider: i % 2 == 0 ? .aws : .azure, service: "+svc", rateKey: "=key|\(key)",
            sku: "=SKU(\(key))", sheetKey: "@\(key)", sheetModel: model, region: region,
            scope: .regional, tier: tier, meter: meter, sheetUnit: "1M tokens", sheetPrice: price,
            unit: "1M tokens", price: d(price), currency: "USD", effectiveFrom: "2026-09-01T00:00:00Z")
        }
        let base = Decimal(i + 1) + Decimal(j) / 7
        func p(_ factor: String) -> String { ExactDecimal.round(base * d(factor), scale: 7).exactText }
        out += [
          rate(.standard, .input, p("0.3333331")), rate(.standard, .output, p("1.5000007")),
          rate(.standard, .cacheRead, p("0.0333333")), rate(.batch, .input, p("0.1666667")),
          rate(.batch, .output, p("0.75")),
        ]
      }
    }
    return out
  }

  static func profile() -> Profile {
    var p = Profile(name: profileName, requestsPerMonth: 1_000_003, inputTokens: 1237, outputTokens: 333)
    p.cachedInputShare = d("0.3")
    p.batchShare = d("0.25")
    p.growthPerMonth = d("0.07")
    p.discounts = [.aws: d("0.05"), .azure: d("0.125")]
    return p
  }

  static func engine() -> WorkloadEngine { WorkloadEngine(rates: rates(), catalog: OpenCatalog()) }

  /// Display names as hostile as the codes.
  static let context = FinanceContext(
    start: FinancePeriod("2026-12")!, priceSnapshot: "run:3",
    regionName: { _, code in "-Region \"\(code)\"" }, publisher: { model in "+" + model })
}

/// CSV text parsed back with CSV.swift's reader, rows as header -> field.
struct ParsedCSV {
  var header: [String]
  var rows: [[String: String]]

  init(_ text: String) throws {
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    header = reader.headerRow ?? []
    rows = []
    while let row = reader.next() {
      rows.append(Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
    }
  }

  /// A numeric field, strictly parsed (a neutralised or localised number would fail).
  /// Plain `-?digits[.digits]` only (full-precision amounts may carry 39 digits, more than
  /// ExactDecimal.parse accepts for prices).
  static func number(_ row: [String: String], _ key: String) -> Decimal? {
    guard let text = row[key], text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }
}

/// What the formula guard makes of a text cell: a leading `'` before = + - @ tab CR.
func neutralised(_ text: String) -> String {
  guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
  return "'" + text
}
