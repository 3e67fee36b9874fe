import Foundation
import PriceSheets
import Pricing
import RateStore
import TestSupport
import Testing

@testable import RatecardKit

/// An Azure source is merged page by page while its later pages are read (`StreamedMerge`); what
/// lands, what is refused and what is recorded must be what the whole-sheet merge does.
@Suite("Streamed Azure merge")
struct StreamedAzureMergeTests {
  let dir = TemporaryDirectory()

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

  /// Imports `path` with the whole-sheet merge (as before streaming).
  func wholeSheetImport(_ store: RateStore, _ path: String, allowLargeChange: Bool = false) throws {
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    let request = ImportRequest(sources: [path], policy: ImportGuard(allowLargeChange: allowLargeChange))
    let unit = try pipeline.plan(path, forced: nil, options: request.options)[0]
    let c = CheckedUnit(
      index: 0, unit: unit, sha: try ImportPipeline.sha256(unit.documents),
      readerKey: ImportPipeline.readerKey(unit.format, request.options), previous: nil)
    let sheet = try pipeline.parse(c, request) { _ in }
    _ = try store.importSheets([sheet], guard: request.policy)
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
    let pipeline = ImportPipeline(store: streamed, resolver: nil, fetcher: NoNetwork())
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
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
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
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
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
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
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

  @Test("links narrowing the regions after a match outside them: the whole-sheet merge decides")
  func narrowedCoverageFallsBack() throws {
    let v1 = try pages("n1", [[Self.item("m-1"), Self.item("m-9", region: "westus")]])
    let link = "\"https://prices.azure.com/api/retail/prices?$filter=armRegionName%20eq%20%27eastus2%27&$skip=1\""
    let v2 = try pages(
      "n2", [[Self.item("m-1"), Self.item("m-2")], [Self.item("m-9", region: "westus")]], link: link)
    let streamed = try RateStore(path: dir.path("narrow-s.sqlite"))
    let pipeline = ImportPipeline(store: streamed, resolver: nil, fetcher: NoNetwork())
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    let whole = try RateStore(path: dir.path("narrow-w.sqlite"))
    try wholeSheetImport(whole, v1)

    let streamedResult = Result { try pipeline.run(ImportRequest(sources: [v2])) }
    let wholeResult = Result { try wholeSheetImport(whole, v2) }
    switch (streamedResult, wholeResult) {
    case (.success, .success):
      break
    case (.failure(let a), .failure(let b)):
      #expect(a.localizedDescription == b.localizedDescription)
    default:
      Issue.record("streamed \(streamedResult), whole sheet \(wholeResult)")
    }
    #expect(try rows(streamed) == rows(whole))
  }

  /// How many times a streamed merge asked to read the whole sheet again (its fallback).
  final class FullReads { var count = 0 }

  /// Streams `path` into `store` through ``StreamedMerge`` directly (one chunk per page) and
  /// returns how many times the merge asked to read the whole sheet again (its fallback).
  @discardableResult
  func streamedImport(_ store: RateStore, _ path: String, _ reads: FullReads = FullReads()) throws -> Int {
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    let request = ImportRequest(sources: [path])
    let unit = try pipeline.plan(path, forced: nil, options: request.options)[0]
    let c = CheckedUnit(
      index: 0, unit: unit, sha: try ImportPipeline.sha256(unit.documents),
      readerKey: ImportPipeline.readerKey(unit.format, request.options), previous: nil)
    var chunks: [[Rate]] = []
    let sheet = try pipeline.parse(c, request, emit: { chunks.append($0) }) { _ in }
    #expect(sheet.rates.isEmpty && !chunks.isEmpty)
    _ = try store.importTransaction(guard: request.policy) { session in
      let stream = session.beginStream(
        StreamedSource(
          sourceKind: unit.kind, sourceUri: unit.uri, format: unit.format.rawValue,
          contentSha256: c.sha, readerKey: c.readerKey,
          bound: ImportPipeline.coverageBound(unit.format, request.options)))
      for chunk in chunks { stream.add(chunk) }
      return try stream.finish(sheet) {
        reads.count += 1
        return try pipeline.parse(c, request) { _ in }
      }
    }
    return reads.count
  }

  @Test("the whole sheet is read again exactly when the stream cannot stand: narrowed coverage, content already imported")
  func fallbackTakenOnlyWhenNeeded() throws {
    let v1 = try pages("f1", [[Self.item("m-1"), Self.item("m-9", region: "westus")]])
    let link = "\"https://prices.azure.com/api/retail/prices?$filter=armRegionName%20eq%20%27eastus2%27&$skip=1\""
    let narrowed = try pages(
      "f2", [[Self.item("m-1", price: "0.003"), Self.item("m-2")], [Self.item("m-9", region: "westus")]],
      link: link)
    let changed = try pages("f3", [[Self.item("m-1", price: "0.003"), Self.item("m-9", region: "westus")]])

    let streamed = try RateStore(path: dir.path("fallback-s.sqlite"))
    let whole = try RateStore(path: dir.path("fallback-w.sqlite"))
    // New lines only, then a changed price in the same coverage: merged as they came.
    #expect(try streamedImport(streamed, v1) == 0)
    try wholeSheetImport(whole, v1)
    #expect(try streamedImport(streamed, changed) == 0)
    try wholeSheetImport(whole, changed)
    #expect(try rows(streamed) == rows(whole))
    // The same content again inside a transaction: the whole-sheet merge records it unchanged.
    #expect(try streamedImport(streamed, changed) == 1)
    try wholeSheetImport(whole, changed)
    // A link narrowing the regions after a line outside them matched: rolled back and merged
    // whole, which refuses the sheet clearly (it lists a line its own coverage leaves out).
    let before = try rows(streamed)
    let reads = FullReads()
    let refusal = StoreError.rateOutsideCoverage(
      source: narrowed, rateKey: "m-9|P1/0001|westus|Consumption||0", region: "westus")
    #expect(throws: refusal) { try streamedImport(streamed, narrowed, reads) }
    #expect(reads.count == 1)
    #expect(ExitStatus.of(refusal) == .dataError)
    #expect(throws: refusal) { try wholeSheetImport(whole, narrowed) }
    #expect(try rows(streamed) == before)
    #expect(try rows(streamed) == rows(whole))
    #expect(try streamed.importRuns().map(\.status) == whole.importRuns().map(\.status))
  }
}
