import Foundation
import PriceSheets
import Pricing
import RateStore
import TestSupport
import Testing

@testable import RatecardKit

/// A fetcher for tests that must never touch the network.
struct NoNetwork: DocumentFetcher {
  func fetch(_ url: URL) throws -> Data {
    throw SheetError.fetchFailed(url: url.absoluteString, reason: "no network in this test")
  }
}

func fixture(_ name: String) -> String {
  TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/\(name)").path
}

@Suite("Import history: unchanged, changed, truncated")
struct ImportHistoryTests {
  let dir = TemporaryDirectory()

  func pipeline() throws -> (RateStore, ImportPipeline) {
    let store = try RateStore(path: dir.path("rates.sqlite"))
    return (store, ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork()))
  }

  @Test("a sheet imported twice, then changed, then truncated")
  func lifecycle() throws {
    let (store, pipeline) = try pipeline()

    // Given a first import of a small sheet
    let first = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    #expect(first.count == 1)
    #expect(first[0].status == .ok)
    #expect(first[0].added == 5)
    #expect(try store.rateRowCount() == 5)
    let afterFirst = try store.rateTableDigest()

    // When the same sheet is imported again, then it is unchanged and writes no rate
    let second = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    #expect(second[0].status == .unchanged)
    #expect(second[0].added == 0 && second[0].changed == 0 && second[0].withdrawn == 0)
    #expect(second[0].unchanged == 5)
    #expect(try store.rateTableDigest() == afterFirst)

    // When a copy with one price changed is imported
    let third = try pipeline.run(ImportRequest(sources: [fixture("private-v2.csv")]))
    #expect(third[0].status == .ok)
    #expect(third[0].changed == 1)
    #expect(third[0].unchanged == 4)
    #expect(third[0].added == 0 && third[0].withdrawn == 0)

    // Then history shows both versions with their dates
    var filter = RateFilter()
    filter.skus = ["P-OUT"]
    let versions = try store.history(filter)
    #expect(versions.count == 2)
    #expect(versions.map(\.price) == ["15", "14.25"])
    #expect(versions[0].effectiveFrom == "2026-09-01T00:00:00Z")
    #expect(versions[0].effectiveTo == "2026-10-01T00:00:00Z")
    #expect(versions[0].closeReason == "changed")
    #expect(versions[1].effectiveFrom == "2026-10-01T00:00:00Z")
    #expect(versions[1].effectiveTo == nil)

    // And as-of queries see the price of their date
    let september = try store.rates(filter, at: try Snapshot.parse("2026-09-15"))
    #expect(september.map(\.price) == ["15"])
    let november = try store.rates(filter, at: try Snapshot.parse("2026-11-01"))
    #expect(november.map(\.price) == ["14.25"])

    // And diff between the first and third runs shows exactly that one change
    let firstRun = try #require(first[0].runId)
    let thirdRun = try #require(third[0].runId)
    let changes = try store.diff(from: .run(firstRun), to: .run(thirdRun))
    #expect(changes.count == 1)
    #expect(changes[0].kind == .changed)
    #expect(changes[0].old?.price == "15" && changes[0].new?.price == "14.25")
    #expect(changes[0].percentChange == Decimal(string: "-5"))
    // The streamed diff (SQL + cursor, used by `export diff`) gives the same changes.
    var streamed: [RateChange] = []
    try store.eachChange(from: .run(firstRun), to: .run(thirdRun)) { streamed.append($0) }
    #expect(streamed == changes)

    // When a truncated file is imported, then the error names the file and line, and nothing changes
    let before = try store.rateTableDigest()
    #expect {
      _ = try pipeline.run(ImportRequest(sources: [fixture("private-truncated.csv")]))
    } throws: { error in
      let text = (error as? LocalizedError)?.errorDescription ?? ""
      return text.contains("private-truncated.csv") && text.contains("line 3")
        && ExitStatus.of(error) == .dataError
    }
    #expect(try store.rateTableDigest() == before)
    // And the failed attempt is recorded
    #expect(try store.importRuns().first?.status == .failed)
  }

  @Test("a rate missing from a new full sheet is withdrawn, never deleted")
  func withdrawal() throws {
    let (store, pipeline) = try pipeline()
    _ = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    let lines = try String(contentsOfFile: fixture("private-v1.csv"), encoding: .utf8)
      .split(separator: "\n").filter { !$0.contains("Z-OUT") }
    let path = try dir.write("private-less.csv", lines.joined(separator: "\n") + "\n")
    let summary = try pipeline.run(ImportRequest(sources: [path]))
    #expect(summary[0].withdrawn == 1)
    #expect(try store.rateRowCount() == 5)
    var filter = RateFilter()
    filter.skus = ["Z-OUT"]
    #expect(try store.rates(filter).isEmpty)
    #expect(try store.history(filter).first?.closeReason == "withdrawn")
    let runs = try store.importRuns().compactMap(\.id).sorted()
    let changes = try store.diff(from: .run(runs[0]), to: .run(runs[1]))
    var streamed: [RateChange] = []
    try store.eachChange(from: .run(runs[0]), to: .run(runs[1])) { streamed.append($0) }
    #expect(changes.map(\.kind) == [.withdrawn])
    #expect(streamed == changes)
  }

  @Test("the guard refuses a sheet that would withdraw too much, unless allowed")
  func guardRefuses() throws {
    let (store, pipeline) = try pipeline()
    _ = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    let before = try store.rateTableDigest()
    let lines = try String(contentsOfFile: fixture("private-v1.csv"), encoding: .utf8)
      .split(separator: "\n").prefix(3)
    let path = try dir.write("private-small.csv", lines.joined(separator: "\n") + "\n")
    #expect {
      _ = try pipeline.run(ImportRequest(sources: [path]))
    } throws: { error in
      ExitStatus.of(error) == .refused
        && ((error as? LocalizedError)?.errorDescription ?? "").contains("withdraw 3 of 5")
    }
    #expect(try store.rateTableDigest() == before)
    #expect(try store.importRuns().first?.status == .refused)
    let allowed = try pipeline.run(
      ImportRequest(sources: [path], policy: ImportGuard(allowLargeChange: true)))
    #expect(allowed[0].withdrawn == 3)
  }

  @Test("the guard refuses a sheet that changes more than half of the prices")
  func guardPrices() throws {
    let (store, pipeline) = try pipeline()
    _ = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    let text = try String(contentsOfFile: fixture("private-v1.csv"), encoding: .utf8)
      .replacingOccurrences(of: "3.00,", with: "3.10,")
      .replacingOccurrences(of: "15.00,", with: "15.10,")
      .replacingOccurrences(of: "1.50,", with: "1.60,")
    let path = try dir.write("private-prices.csv", text)
    #expect(throws: StoreError.self) { _ = try pipeline.run(ImportRequest(sources: [path])) }
    #expect(try store.rateRowCount() == 5)
  }

  @Test("several sources in one command land together or not at all")
  func atomicAcrossSources() throws {
    let (store, pipeline) = try pipeline()
    #expect(throws: (any Error).self) {
      _ = try pipeline.run(
        ImportRequest(sources: [fixture("private-v1.csv"), fixture("private-truncated.csv")]))
    }
    #expect(try store.rateRowCount() == 0)
  }

  @Test("an unknown format and a missing source are clear errors naming the file")
  func unknownFormat() throws {
    let (_, pipeline) = try pipeline()
    let html = try dir.write("error.json", "<html><body>503 Service Unavailable</body></html>")
    #expect {
      _ = try pipeline.run(ImportRequest(sources: [html]))
    } throws: { error in
      let text = (error as? LocalizedError)?.errorDescription ?? ""
      return text.contains("error.json") && text.contains("HTML")
    }
    #expect(throws: ImportError.self) {
      _ = try pipeline.run(ImportRequest(sources: [dir.path("missing.csv")]))
    }
  }

  @Test("model names and regions made of SQL metacharacters are bound, stored and queried back")
  func sqlMetacharacters() throws {
    let (store, pipeline) = try pipeline()
    let hostile = "x'); DROP TABLE rate; --"
    let region = "eu\"west' OR '1'='1"
    let csv = """
      provider,sku,model,region,scope,tier,meter,unit,price,currency,effective_date
      aws,S-1,"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))","\(region.replacingOccurrences(of: "\"", with: "\"\""))",regional,standard,input,1M tokens,1,USD,2026-01-01
      aws,S-2,plain,us-east-1,regional,standard,input,1M tokens,2,USD,2026-01-01

      """
    let path = try dir.write("hostile.csv", csv)
    _ = try pipeline.run(ImportRequest(sources: [path]))
    var filter = RateFilter()
    filter.models = [hostile]
    let found = try store.rates(filter)
    #expect(found.map(\.sheetModel) == [hostile])
    filter = RateFilter()
    filter.regions = [region]
    #expect(try store.rates(filter).map(\.sku) == ["S-1"])
    #expect(try store.rateRowCount() == 2)
  }
}

@Suite("Index links")
struct IndexLinkTests {
  let pipeline: ImportPipeline

  init() throws {
    let dir = TemporaryDirectory()
    pipeline = ImportPipeline(
      store: try RateStore(path: dir.path("links.sqlite")), resolver: nil, fetcher: NoNetwork())
  }

  @Test("absolute AWS paths resolve inside the mirrored file tree or against the index's host")
  func resolves() throws {
    let file = try pipeline.resolve(
      "/offers/v1.0/aws/AmazonBedrock/current/index.json",
      relativeTo: "/data/aws/offers/v1.0/aws/index.json")
    #expect(file.location == "/data/aws/offers/v1.0/aws/AmazonBedrock/current/index.json")
    #expect(!file.isURL)
    let url = try pipeline.resolve(
      "/offers/v1.0/aws/AmazonBedrock/current/index.json",
      relativeTo: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json")
    #expect(url.location == "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/current/index.json")
    #expect(url.isURL)
  }

  @Test("an index may not send ratecard to another host")
  func foreignHost() {
    #expect(throws: SheetError.self) {
      _ = try pipeline.resolve(
        "https://evil.example.com/offers/v1.0/aws/AmazonBedrock/current/index.json",
        relativeTo: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json")
    }
    #expect(throws: SheetError.self) {
      _ = try pipeline.resolve(
        "http://pricing.us-east-1.amazonaws.com/offers/x.json",
        relativeTo: "/data/aws/offers/v1.0/aws/index.json")
    }
  }
}

@Suite("Source families")
struct SourceFamilyTests {
  @Test("importing the Azure feed never withdraws negotiated Azure rates loaded from a ratecard CSV")
  func familiesDoNotWithdrawEachOther() throws {
    let dir = TemporaryDirectory()
    let store = try RateStore(path: dir.path("families.sqlite"))
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    _ = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    let page = TestPaths.pricesheet("azure/retail-prices/page-0022.json")
    let summary = try pipeline.run(ImportRequest(sources: [page]))
    #expect(summary[0].withdrawn == 0)
    var filter = RateFilter()
    filter.services = ["private"]
    #expect(try store.rates(filter).count == 5)
  }
}

@Suite("Built-in data")
struct BuiltInDataTests {
  @Test("the compiled-in throughput table equals data/provisioned-throughput.yaml and parses")
  func throughputTable() throws {
    let file = TestPaths.packageRoot.appendingPathComponent("data/provisioned-throughput.yaml")
    #expect(try String(contentsOf: file, encoding: .utf8) == ThroughputTables.builtIn)
    _ = try ThroughputTables.load(path: nil)
  }
}
