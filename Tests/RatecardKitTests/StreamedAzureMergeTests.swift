import Foundation
import PriceSheets
import Pricing
import RateStore
import TestSupport
import Testing

@testable import RatecardKit

/// An Azure source is merged page by page while its later pages are read (`SheetMerge`, one
/// chunk per page); what lands, what is refused and what is recorded must be what the merge of
/// the whole sheet in one chunk does. Both stores import at one fixed time.
@Suite("Streamed Azure merge")
struct StreamedAzureMergeTests {
  let dir = TemporaryDirectory()
  static let clock = ImportClock.fixed(Date(timeIntervalSince1970: 1_800_000_000))

  /// The import pipeline (which merges an Azure source page by page) at the fixed time.
  func streaming(_ store: RateStore) -> ImportPipeline {
    var pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    pipeline.clock = Self.clock
    return pipeline
  }

  static func item(
    _ meterId: String, price: String = "0.0025", region: String = "eastus2",
    start: String = "2025-01-01T00:00:00Z"
  ) -> String {
    AzureItemJSON.item(meterId: meterId, price: price, region: region, location: "x", start: start)
  }

  /// A directory of pages, each a list of items; `link` is every page's NextPageLink.
  func pages(_ name: String, _ pages: [[String]], link: String = "null") throws -> String {
    let path = dir.path(name)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (n, items) in pages.enumerated() {
      let json = """
        {"BillingCurrency":"USD","CustomerEntityId":"Default","CustomerEntityType":"Retail",\
        "Items":[\(items.joined(separator: ","))],"NextPageLink":\(link),"Count":\(items.count)}
        """
      try Data(json.utf8).write(to: URL(fileURLWithPath: path + "/page-\(n + 1).json"))
    }
    return path
  }

  /// The rate table (every column, by id).
  func rows(_ store: RateStore) throws -> String { try store.rateTableDigest() }

  /// Imports the pages in `path` read whole by the public reader, merged in one chunk.
  func wholeSheetImport(_ store: RateStore, _ path: String, allowLargeChange: Bool = false) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
    let documents = names.map { SheetDocument(uri: path + "/" + $0, contentsOfFile: path + "/" + $0) }
    var parsed = try AzureRetailReader().read(documents, options: ReadOptions())
    parsed.coverage.family = SheetFormat.azureRetail.family
    let sheet = SheetImport(
      sourceKind: "directory", sourceUri: path, format: SheetFormat.azureRetail.rawValue,
      coverage: parsed.coverage, contentSha256: try ImportPipeline.sha256(documents),
      readerKey: ImportPipeline.readerKey(.azureRetail, ReadOptions()), rates: parsed.rates,
      rowsRead: parsed.rowsRead, skipped: parsed.skipped, unclassified: parsed.unclassified,
      sheetVersion: parsed.sheetVersion, publicationDate: parsed.publicationDate)
    _ = try store.importSheets([sheet], guard: ImportGuard(allowLargeChange: allowLargeChange), clock: Self.clock)
  }

  @Test("new, changed, unchanged and repeated lines land as with the whole-sheet merge")
  func sameAsWholeSheet() throws {
    let v1 = try pages("v1", [[Self.item("m-1"), Self.item("m-2")], [Self.item("m-3"), Self.item("m-4")]])
    let v2 = try pages(
      "v2",
      [
        [Self.item("m-5"), Self.item("m-1", price: "0.003", start: "2025-06-01T00:00:00Z")],
        [Self.item("m-3"), Self.item("m-5"), Self.item("m-6"), Self.item("m-2"), Self.item("m-4")],
      ])
    let streamed = try RateStore(path: dir.path("streamed.sqlite"))
    let pipeline = streaming(streamed)
    let first = try pipeline.run(ImportRequest(sources: [v1]))
    #expect(first.map(\.added) == [4])
    let second = try pipeline.run(
      ImportRequest(sources: [v2], policy: ImportGuard(allowLargeChange: true)))
    #expect(second.map(\.added) == [2])
    #expect(second.map(\.changed) == [1])
    #expect(second.map(\.withdrawn) == [0])
    #expect(second.map(\.unchanged) == [3])

    let whole = try RateStore(path: dir.path("whole.sqlite"))
    try wholeSheetImport(whole, v1)
    try wholeSheetImport(whole, v2, allowLargeChange: true)
    #expect(try rows(streamed) == rows(whole))
    let runs = try streamed.importRuns()
    let wholeRuns = try whole.importRuns()
    #expect(runs.map(\.coverageKey) == wholeRuns.map(\.coverageKey))
    #expect(runs.map(\.status) == [.ok, .ok])
  }

  @Test("withdrawn lines are closed after the new ones, counted as by the whole-sheet merge")
  func withdrawals() throws {
    let v1 = try pages("w1", [[Self.item("m-1"), Self.item("m-2")], [Self.item("m-3"), Self.item("m-4")]])
    let v2 = try pages("w2", [[Self.item("m-5"), Self.item("m-1")], [Self.item("m-3"), Self.item("m-4")]])
    let store = try RateStore(path: dir.path("withdrawn.sqlite"))
    let pipeline = streaming(store)
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    let second = try pipeline.run(ImportRequest(sources: [v2]))
    #expect(second.map(\.added) == [1])
    #expect(second.map(\.withdrawn) == [1])
    #expect(second.map(\.unchanged) == [3])
    #expect(try store.rateRowCount() == 5)
  }

  @Test("a refused source leaves the rates as they were, new lines written before the guard included")
  func refusal() throws {
    let v1 = try pages("r1", [[Self.item("m-1"), Self.item("m-2")], [Self.item("m-3"), Self.item("m-4")]])
    let v2 = try pages("r2", [[Self.item("m-7")], [Self.item("m-1")]])  // withdraws 3 of 4
    let store = try RateStore(path: dir.path("refused.sqlite"))
    let pipeline = streaming(store)
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    let before = try store.rateTableDigest()
    #expect {
      _ = try pipeline.run(ImportRequest(sources: [v2]))
    } throws: { error in
      ExitStatus.of(error) == .refused
    }
    #expect(try store.rateTableDigest() == before)
    let last = try store.importRuns(limit: 1)[0]
    #expect(last.status == .refused)
    #expect(!last.coverageKey.isEmpty)
  }

  @Test("a page that fails to parse after earlier pages were merged: nothing lands")
  func parseErrorMidway() throws {
    let v1 = try pages("p1", [[Self.item("m-1")]])
    let store = try RateStore(path: dir.path("parse.sqlite"))
    let pipeline = streaming(store)
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    let before = try store.rateTableDigest()
    let v2 = try pages("p2", [[Self.item("m-1"), Self.item("m-2")], [Self.item("m-3")]])
    try Data("{\"Items\":[".utf8).write(to: URL(fileURLWithPath: v2 + "/page-2.json"))
    #expect(throws: (any Error).self) {
      _ = try pipeline.run(ImportRequest(sources: [v2]))
    }
    #expect(try store.rateTableDigest() == before)
    #expect(try store.importRuns(limit: 1)[0].status == .failed)
  }

  @Test("links narrowing the regions after a match outside them: refused as by the whole-sheet merge")
  func narrowedCoverageRefused() throws {
    let v1 = try pages("n1", [[Self.item("m-1"), Self.item("m-9", region: "westus")]])
    let link = "\"https://prices.azure.com/api/retail/prices?$filter=armRegionName%20eq%20%27eastus2%27&$skip=1\""
    let v2 = try pages(
      "n2", [[Self.item("m-1", price: "0.003"), Self.item("m-2")], [Self.item("m-9", region: "westus")]],
      link: link)
    let streamed = try RateStore(path: dir.path("narrow-s.sqlite"))
    let pipeline = streaming(streamed)
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    let whole = try RateStore(path: dir.path("narrow-w.sqlite"))
    try wholeSheetImport(whole, v1)
    #expect(try rows(streamed) == rows(whole))
    let before = try rows(streamed)

    // m-9 (westus) is open, and listed by a sheet whose own coverage is eastus2 only.
    let refusal = StoreError.rateOutsideCoverage(
      source: v2, rateKey: "m-9|P1/0001|westus|Consumption||0", region: "westus")
    let allow = ImportGuard(allowLargeChange: true)
    #expect(throws: refusal) { try pipeline.run(ImportRequest(sources: [v2], policy: allow)) }
    #expect(throws: refusal) { try wholeSheetImport(whole, v2, allowLargeChange: true) }
    #expect(ExitStatus.of(refusal) == .dataError)
    #expect(try rows(streamed) == before)
    #expect(try rows(whole) == before)
  }

  @Test("a changed price, then the same content again: the same rows and runs")
  func sameRowsAndRuns() throws {
    let v1 = try pages("f1", [[Self.item("m-1"), Self.item("m-9", region: "westus")]])
    let changed = try pages("f3", [[Self.item("m-1", price: "0.003")], [Self.item("m-9", region: "westus")]])
    let streamed = try RateStore(path: dir.path("same-s.sqlite"))
    let whole = try RateStore(path: dir.path("same-w.sqlite"))
    let pipeline = streaming(streamed)
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    try wholeSheetImport(whole, v1)
    // A changed price without a publication date: the new version starts at the import time.
    _ = try pipeline.run(ImportRequest(sources: [changed]))
    try wholeSheetImport(whole, changed)
    #expect(try rows(streamed) == rows(whole))
    var filter = RateFilter()
    filter.skus = ["m-1"]
    #expect(try streamed.history(filter).map(\.effectiveTo) == ["2027-01-15T08:00:00Z", nil])
    // The same content again.
    #expect(try pipeline.run(ImportRequest(sources: [changed])).map(\.status) == [.unchanged])
    try wholeSheetImport(whole, changed)
    #expect(try rows(streamed) == rows(whole))
    #expect(try streamed.importRuns().map(\.status) == [.unchanged, .ok, .ok])
    #expect(try whole.importRuns().map(\.status) == [.unchanged, .ok, .ok])
  }
}
