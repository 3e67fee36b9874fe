import Foundation
import GRDB
import Pricing
import TestSupport
import Testing

@testable import RateStore

/// The merge with rows prepared ahead (``PreparedRows``) writes exactly what it writes without.
@Suite("Prepared rows: the merge writes the same")
struct PreparedRowsTests {
  let dir = TemporaryDirectory()

  func rate(_ key: String, price: String, model: String? = nil, variant: String = "") -> Rate {
    Rate(
      provider: .aws, service: "AmazonBedrock", rateKey: "AmazonBedrock|\(key)", sku: "SKU-\(key)",
      sheetKey: "usage \(key) ünïcode", sheetModel: "Model \(key)", model: model, region: "us-east-1",
      scope: .regional, tier: .standard, meter: .input, variant: variant, sheetUnit: "1K tokens",
      sheetPrice: price, unit: "1M tokens", price: ExactDecimal.parse(price)! * 1000,
      currency: "USD", effectiveFrom: "2026-09-01T00:00:00Z")
  }

  func sheet(_ rates: [Rate], sha: String, prepared: Bool) -> SheetImport {
    var sheet = SheetImport(
      sourceKind: "file", sourceUri: "test.json", format: "test",
      coverage: Coverage(providers: [.aws], services: nil, regions: nil, currency: "USD"),
      contentSha256: sha, readerKey: "test@1", rates: rates, rowsRead: rates.count, skipped: [:],
      unclassified: [:], sheetVersion: nil, publicationDate: "2026-10-01T00:00:00Z")
    if prepared { sheet.prepared = PreparedRows(rates) }
    return sheet
  }

  /// Every column of every row version, in id order.
  func table(_ store: RateStore) throws -> [String] {
    try store.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM rate ORDER BY id").map { row in
        row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
      }
    }
  }

  @Test func sameRowsAndSummariesWithAndWithoutPreparedRows() throws {
    // A repeated identity (the first wins), a missing model, an empty variant and text.
    let first = [
      rate("a", price: "0.0008", model: "amazon/nova-pro"), rate("b", price: "0.0032"),
      rate("a", price: "0.5"), rate("c", price: "0", variant: "batch"),
    ]
    // b's price changes, c is withdrawn, d is new, a is unchanged but relabelled.
    let second = [rate("a", price: "0.0008"), rate("b", price: "0.004"), rate("d", price: "1.25")]
    var tables: [[String]] = []
    var summaries: [String] = []
    for prepared in [false, true] {
      let store = try RateStore(path: dir.path("prepared-\(prepared).sqlite"))
      let policy = ImportGuard(allowLargeChange: true)
      let one = try store.importSheets([sheet(first, sha: "1", prepared: prepared)], guard: policy)
      let two = try store.importSheets([sheet(second, sha: "2", prepared: prepared)], guard: policy)
      tables.append(try table(store).map { $0.replacingOccurrences(of: #"At=[^|]*"#, with: "", options: .regularExpression) })
      summaries.append("\(one.map { [$0.added, $0.changed, $0.withdrawn, $0.unchanged] }) \(two.map { [$0.added, $0.changed, $0.withdrawn, $0.unchanged] })")
    }
    #expect(tables[0].count == 5)
    #expect(tables[0] == tables[1])
    #expect(summaries[0] == summaries[1])
    #expect(summaries[0] == "[[3, 0, 0, 0]] [[1, 1, 1, 1]]")
  }

  @Test func distinctKeepsTheFirstRateOfEachIdentity() throws {
    let rates = [rate("a", price: "1"), rate("b", price: "2"), rate("a", price: "3"), rate("c", price: "4")]
    let prepared = try #require(PreparedRows(rates))
    #expect(prepared.distinct == [0, 1, 3])
    #expect(PreparedRows.distinctIndices(rates) == [0, 1, 3])
    #expect(prepared.spans.count == rates.count * PreparedRows.columnCount * 2)
  }
}
