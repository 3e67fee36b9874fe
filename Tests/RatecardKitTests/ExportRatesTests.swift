import CSV
import Catalog
import Foundation
import Pricing
import RateStore
import RatecardKit
import Reports
import TestSupport
import Testing

/// CSV text parsed back with CSV.swift's reader, rows as header -> field.
struct ExportCSV {
  var header: [String]
  var rows: [[String: String]]

  init(_ text: String) throws {
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    header = reader.headerRow ?? []
    rows = []
    while let row = reader.next() {
      #expect(row.count == header.count)
      rows.append(Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
    }
  }

  init(file: String) throws { try self.init(try String(contentsOfFile: file, encoding: .utf8)) }

  /// A numeric field, strictly parsed (a neutralised or localised number would fail).
  /// Plain `-?digits[.digits]` only (full-precision amounts may carry 39 digits, more than
  /// ExactDecimal.parse accepts for prices).
  static func number(_ row: [String: String], _ key: String) -> Decimal? {
    guard let text = row[key], text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  /// The exact sum of a numeric column (nil when any cell is not a plain decimal).
  func sum(_ key: String) -> Decimal? {
    var total: Decimal = 0
    for row in rows {
      guard let v = Self.number(row, key) else { return nil }
      total += v
    }
    return total
  }
}

/// A store in a temporary directory with the catalogue, and ratecard CSV sheets to import.
struct ExportFixture {
  let dir = TemporaryDirectory()
  let store: RateStore
  let catalog: ModelCatalog

  init() throws {
    let env = ["HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path]
    (store, catalog) = try CatalogLoader.openStore(path: dir.path("db.sqlite"), environment: env)
  }

  /// Writes a ratecard CSV sheet (fields quoted by hand) and imports it; returns the run id.
  @discardableResult
  func importSheet(_ name: String, _ rows: [[String]]) throws -> Int64 {
    let header = "provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date"
    let body = rows.map { row in
      row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    }
    let path = try dir.write(name, ([header] + body).joined(separator: "\r\n") + "\r\n")
    let summaries = try ImportPipeline(store: store, resolver: catalog, fetcher: HTTPFetcher())
      .run(ImportRequest(sources: [path]))
    return try #require(summaries.first?.runId)
  }

  /// Runs an export into a file through ``TextSink`` and returns the file's text.
  func export(_ body: (TextSink) throws -> Void) throws -> String {
    let path = dir.path("export-\(UUID().uuidString).csv")
    let sink = try TextSink.file(path)
    try body(sink)
    try sink.finish()
    return try String(contentsOfFile: path, encoding: .utf8)
  }
}

/// Model and region names hostile to spreadsheets and to CSV.
enum Hostile {
  static let models = [
    "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@A1", "\rCarriage", "Quote \"q\", comma, and\nnewline",
    "Zürich-東京 modèle",
  ]
  static let regions = ["=hyperlink(\"x\")", "@eu-süd", "-1", "zürich, \"süd\"\nnord"]

  /// Rows of a ratecard CSV sheet: every model in a region, input and output, prices with many
  /// decimals; `bump` changes some prices (for a diff).
  static func rows(bump: Bool = false, drop: Bool = false, extra: Bool = false) -> [[String]] {
    var rows: [[String]] = []
    for (i, model) in models.enumerated() {
      let region = regions[i % regions.count]
      let input = bump && i % 3 == 0 ? "0.0031415" : "0.0030007"
      rows.append(["aws", "private", "IN-\(i)", model, region, "regional", "standard", "input", "1K tokens", input, "USD", "2026-09-01"])
      if !(drop && i == 1) {
        rows.append(["azure", "private", "=OUT-\(i)", model, region, "global", "standard", "output", "1M tokens", "15.0000001", "USD", "2026-09-01"])
      }
    }
    if extra {
      rows.append(["aws", "private", "+NEW", "@new model", "-region", "regional", "batch", "input", "1M tokens", "1.25", "USD", "2026-10-01"])
    }
    return rows
  }
}

/// The guard's expected output: a leading `'` before = + - @ tab CR.
func guarded(_ text: String) -> String {
  guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
  return "'" + text
}

@Suite("export rates and export diff parse back to the store's figures")
struct ExportRatesTests {
  @Test("rates: one row per rate, prices sum to the store's, hostile names neutralised and intact")
  func rates() throws {
    let f = try ExportFixture()
    try f.importSheet("hostile.csv", Hostile.rows())
    let text = try f.export { try RateExports.rates(store: f.store, filter: RateFilter(), at: .current, to: $0) }
    #expect(text.hasSuffix("\r\n"))
    let csv = try ExportCSV(text)
    let stored = try f.store.rates(RateFilter())
    #expect(csv.header == RateExports.rateColumns)
    #expect(csv.rows.count == stored.count)
    #expect(csv.rows.count == Hostile.rows().count)
    #expect(csv.sum("price") == stored.reduce(Decimal(0)) { $0 + $1.priceValue })
    let models = Set(csv.rows.compactMap { $0["sheetModel"] })
    #expect(models == Set(Hostile.models.map(guarded)))
    #expect(models.contains("'=cmd|' /C calc'!A0"))
    #expect(models.contains("Quote \"q\", comma, and\nnewline"))
    #expect(models.contains("Zürich-東京 modèle"))
    #expect(Set(csv.rows.compactMap { $0["region"] }) == Set(Hostile.regions.map(guarded)))
    for row in csv.rows {
      #expect(ExportCSV.number(row, "price") != nil, "\(row)")
      #expect(row["sku"].map { $0.hasPrefix("IN-") || $0.hasPrefix("'=OUT-") } == true)
      // The sheet's own price text is a text cell starting with a digit: left as it is.
      #expect(row["sheetPrice"] == "0.0030007" || row["sheetPrice"] == "15.0000001")
    }
    // 1K-token prices normalised per 1M: 0.0030007 x 1000.
    #expect(csv.rows.contains { $0["price"] == "3.0007" })
  }

  @Test("diff: one row per change, old and new prices sum to the changes', names neutralised")
  func diff() throws {
    let f = try ExportFixture()
    let first = try f.importSheet("v1.csv", Hostile.rows())
    let second = try f.importSheet("v2.csv", Hostile.rows(bump: true, drop: true, extra: true))
    let changes = try f.store.diff(from: .run(first), to: .run(second))
    #expect(changes.count == 5)  // 3 changed, 1 withdrawn, 1 added
    let text = try f.export {
      try RateExports.diff(store: f.store, from: .run(first), to: .run(second), filter: RateFilter(), sink: $0)
    }
    let csv = try ExportCSV(text)
    #expect(csv.header == RateViews.diffColumns)
    #expect(csv.rows.count == changes.count)
    let kinds = csv.rows.compactMap { $0["change"] }
    #expect(kinds.filter { $0 == "changed" }.count == 3)
    #expect(kinds.filter { $0 == "added" }.count == 1)
    #expect(kinds.filter { $0 == "withdrawn" }.count == 1)
    let newSum = changes.compactMap(\.new).reduce(Decimal(0)) { $0 + $1.priceValue }
    let oldSum = changes.compactMap(\.old).reduce(Decimal(0)) { $0 + $1.priceValue }
    #expect(csv.rows.compactMap { ExportCSV.number($0, "newPrice") }.reduce(0, +) == newSum)
    #expect(csv.rows.compactMap { ExportCSV.number($0, "oldPrice") }.reduce(0, +) == oldSum)
    let added = try #require(csv.rows.first { $0["change"] == "added" })
    #expect(added["model"] == "'@new model")
    #expect(added["region"] == "'-region")
    #expect(added["sku"] == "'+NEW")
    #expect(added["oldPrice"] == "")
    let withdrawn = try #require(csv.rows.first { $0["change"] == "withdrawn" })
    #expect(withdrawn["model"] == "'+SUM(1,2)")
    #expect(withdrawn["newPrice"] == "")
    // An empty diff still has its header.
    let empty = try f.export {
      try RateExports.diff(store: f.store, from: .run(second), to: .run(second), filter: RateFilter(), sink: $0)
    }
    #expect(try ExportCSV(empty).header == RateViews.diffColumns)
    #expect(try ExportCSV(empty).rows.isEmpty)
  }
}
