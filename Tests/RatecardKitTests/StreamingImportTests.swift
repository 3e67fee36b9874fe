import Foundation
import PriceSheets
import Pricing
import RateStore
import TestSupport
import Testing

import RatecardKit

/// Sources are parsed and merged one at a time inside one transaction; what lands and what is
/// recorded when one of several sources fails is what a parse-everything-first import recorded.
@Suite("Streaming import: several sources, one transaction")
struct StreamingImportTests {
  let dir = TemporaryDirectory()

  func pipeline() throws -> (RateStore, ImportPipeline) {
    let store = try RateStore(path: dir.path("rates.sqlite"))
    return (store, ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork()))
  }

  /// A ratecard CSV sheet of `count` rates of one service.
  func sheet(_ service: String, count: Int, price: String = "1.5") throws -> String {
    var lines = ["provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date"]
    for i in 0..<count {
      lines.append("aws,\(service),\(service)-\(i),m,us-east-1,regional,standard,input,1M tokens,\(price),USD,2026-01-01")
    }
    return try dir.write("\(service)-\(count)-\(price).csv", lines.joined(separator: "\n") + "\n")
  }

  func bad() throws -> String {
    try dir.write("bad.csv", "provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\naws,x,1,m\n")
  }

  /// The runs recorded after `id`, oldest first: (source file name, status).
  func runs(after id: Int64, _ store: RateStore) throws -> [(String, ImportRunRecord.Status)] {
    try store.importRuns().filter { ($0.id ?? 0) > id }.reversed().map {
      (($0.sourceUri as NSString).lastPathComponent, $0.status)
    }
  }

  func lastRunId(_ store: RateStore) throws -> Int64 { try store.importRuns(limit: 1).first?.id ?? 0 }

  @Test("unchanged runs are recorded before the merged ones, summaries in argument order")
  func order() throws {
    let (store, pipeline) = try pipeline()
    let a = try sheet("a", count: 3)
    let b = try sheet("b", count: 4)
    _ = try pipeline.run(ImportRequest(sources: [a]))
    let mark = try lastRunId(store)
    let summaries = try pipeline.run(ImportRequest(sources: [b, a]))
    #expect(summaries.map(\.status) == [.ok, .unchanged])
    #expect(summaries.map(\.added) == [4, 0])
    #expect(try runs(after: mark, store).map(\.0) == ["a-3-1.5.csv", "b-4-1.5.csv"])
    #expect(try store.rateRowCount() == 7)
  }

  @Test("a source that fails to parse: nothing lands; the unchanged sources before it and the failure are recorded")
  func parseFailure() throws {
    let (store, pipeline) = try pipeline()
    let a = try sheet("a", count: 3)
    let c = try sheet("c", count: 2)
    _ = try pipeline.run(ImportRequest(sources: [a, c]))
    let mark = try lastRunId(store)
    let before = try store.rateTableDigest()
    let b = try sheet("b", count: 4)
    #expect(throws: (any Error).self) {
      _ = try pipeline.run(ImportRequest(sources: [a, b, try bad(), c]))
    }
    #expect(try store.rateTableDigest() == before)
    let recorded = try runs(after: mark, store)
    #expect(recorded.map(\.0) == ["a-3-1.5.csv", "bad.csv"])
    #expect(recorded.map(\.1) == [.unchanged, .failed])
  }

  @Test("a refused source refuses every changed source; the unchanged ones are recorded")
  func refusal() throws {
    let (store, pipeline) = try pipeline()
    let a = try sheet("a", count: 3)
    let c = try sheet("c", count: 10)
    _ = try pipeline.run(ImportRequest(sources: [a, c]))
    let mark = try lastRunId(store)
    let before = try store.rateTableDigest()
    let cSmall = try sheet("c", count: 2)  // withdraws 8 of 10
    let b = try sheet("b", count: 4)
    #expect {
      _ = try pipeline.run(ImportRequest(sources: [a, cSmall, b]))
    } throws: { error in
      ExitStatus.of(error) == .refused
    }
    #expect(try store.rateTableDigest() == before)
    let recorded = try runs(after: mark, store)
    #expect(recorded.map(\.0) == ["a-3-1.5.csv", "c-2-1.5.csv", "b-4-1.5.csv"])
    #expect(recorded.map(\.1) == [.unchanged, .refused, .refused])
    let refused = try store.importRuns(limit: 2)
    #expect(refused.allSatisfy { !$0.coverageKey.isEmpty && !$0.contentSha256.isEmpty })
  }

  @Test("a parse error after a refused source is what is reported and recorded")
  func parseErrorWinsOverRefusal() throws {
    let (store, pipeline) = try pipeline()
    let c = try sheet("c", count: 10)
    _ = try pipeline.run(ImportRequest(sources: [c]))
    let mark = try lastRunId(store)
    let cSmall = try sheet("c", count: 2)
    #expect {
      _ = try pipeline.run(ImportRequest(sources: [cSmall, try bad()]))
    } throws: { error in
      ExitStatus.of(error) == .dataError
    }
    let recorded = try runs(after: mark, store)
    #expect(recorded.map(\.0) == ["bad.csv"])
    #expect(recorded.map(\.1) == [.failed])
    #expect(try store.rateRowCount() == 10)
  }
}
