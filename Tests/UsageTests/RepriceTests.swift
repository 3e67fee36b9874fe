import Foundation
import PriceSheets
import Pricing
import RateStore
import RatecardKit
import TestSupport
import Testing

@testable import Usage

/// `ratecard reprice`: expected.json's three what-ifs, history at the target, missing meters.
@Suite("Reprice")
struct RepriceTests {
  let dir = TemporaryDirectory()

  func imported(_ file: String) throws -> RateStore {
    let store = try SharedUsage.store(in: dir)
    _ = try UsageImporter(store: store, resolveModel: TestCatalog.resolve).run(paths: [file])
    return store
  }

  func whatIf(_ i: Int) -> [String: Any] {
    (SharedUsage.expected["reprice"] as? [[String: Any]] ?? [])[safe: i] ?? [:]
  }

  func tokens(_ result: RepriceResult, meter: Meter) -> Int64 {
    result.lines.filter { $0.usage.meter == meter.rawValue }.map(\.tokens).reduce(0, +)
  }

  @Test("the AWS gpt-oss-120b month on Azure eastus2 Global Standard")
  func gptOssOnAzure() throws {
    let store = try imported(SharedUsage.curFile)
    var filter = UsageFilter()
    filter.categories = [.token]
    filter.models = ["openai/gpt-oss-120b"]
    let rows = try store.usage(filter)
    let target = RepriceTarget(provider: .azure, region: "eastus2", scope: .global)
    let result = try #require(try Repricer(store: store).reprice(rows, target: target).first)
    let expected = whatIf(0)
    #expect(result.repricedCost == SharedUsage.decimal(expected["cost"]))
    #expect(tokens(result, meter: .input) == SharedUsage.int(expected["input_tokens"]))
    #expect(tokens(result, meter: .output) == SharedUsage.int(expected["output_tokens"]))
    #expect(!result.isPartial)
    #expect(result.lines.allSatisfy { $0.target.provider == "azure" && $0.target.region == "eastus2" && $0.target.scope == "global" })
    #expect(result.currency == "USD")
  }

  @Test("the Azure gpt-4o Data Zone month at Global Standard in the same region")
  func gpt4oDataZoneAtGlobal() throws {
    let store = try imported(SharedUsage.eaFile)
    var filter = UsageFilter()
    filter.categories = [.token]
    filter.models = ["openai/gpt-4o-2024-11-20"]
    filter.scopes = [.datazone]
    filter.tiers = [.standard]
    let result = try #require(
      try Repricer(store: store).reprice(try store.usage(filter), target: RepriceTarget(scope: .global)).first)
    let expected = whatIf(1)
    #expect(result.repricedCost == SharedUsage.decimal(expected["cost"]))
    let perMeter = try #require(expected["tokens"] as? [String: Any])
    for (meterName, count) in perMeter {
      let mine = result.lines.filter { $0.usage.sheetKey == meterName }.map(\.tokens).reduce(0, +)
      #expect(mine == SharedUsage.int(count), "\(meterName)")
    }
    #expect(result.lines.allSatisfy { $0.target.scope == "global" && $0.target.region == "swedencentral" })
  }

  @Test("the AWS Llama 3.3 70B batch month at on-demand standard prices")
  func llamaBatchAtStandard() throws {
    let store = try imported(SharedUsage.curFile)
    var filter = UsageFilter()
    filter.categories = [.token]
    filter.models = ["meta/llama-3.3-70b-instruct"]
    filter.tiers = [.batch]
    let result = try #require(
      try Repricer(store: store).reprice(try store.usage(filter), target: RepriceTarget(tier: .standard)).first)
    let expected = whatIf(2)
    #expect(result.repricedCost == SharedUsage.decimal(expected["cost"]))
    #expect(tokens(result, meter: .input) == SharedUsage.int(expected["input_tokens"]))
    #expect(tokens(result, meter: .output) == SharedUsage.int(expected["output_tokens"]))
    #expect(result.actualCost == Decimal(string: "1107.15256944"))
  }

  /// A store with Nova Pro private rates: us-east-1 input, output and cache read; us-west-2 input
  /// only, whose price changes on 2026-10-15.
  func privateStore() throws -> RateStore { try privateStore(in: dir) }

  func privateStore(in dir: TemporaryDirectory) throws -> RateStore {
    let store = try RateStore(path: dir.path("private.sqlite"))
    let catalog = try CatalogLoader.load(environment: ["HOME": "/nonexistent"])
    let pipeline = ImportPipeline(store: store, resolver: catalog, fetcher: OfflineFetcher())
    let header = "provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\n"
    let base = [
      "aws,private,E-IN,Nova Pro,us-east-1,regional,standard,input,1M tokens,1.00,USD,2026-09-01",
      "aws,private,E-OUT,Nova Pro,us-east-1,regional,standard,output,1M tokens,4.00,USD,2026-09-01",
      "aws,private,E-CR,Nova Pro,us-east-1,regional,standard,cache_read,1M tokens,0.25,USD,2026-09-01",
    ]
    let v1 = try dir.write("p1.csv", header + (base + ["aws,private,W-IN,Nova Pro,us-west-2,regional,standard,input,1M tokens,2.00,USD,2026-09-01"]).joined(separator: "\n") + "\n")
    let v2 = try dir.write("p2.csv", header + (base + ["aws,private,W-IN,Nova Pro,us-west-2,regional,standard,input,1M tokens,3.00,USD,2026-10-15"]).joined(separator: "\n") + "\n")
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    _ = try pipeline.run(ImportRequest(sources: [v2], policy: ImportGuard(allowLargeChange: true)))
    let usage = try dir.write(
      "cur.csv",
      MiniCUR.file([
        MiniCUR.line(day: "2026-10-10", sku: "E-IN", amount: "1000", rate: "0.001", cost: "1"),
        MiniCUR.line(day: "2026-10-20", sku: "E-IN", amount: "1000", rate: "0.001", cost: "1"),
        MiniCUR.line(day: "2026-10-10", sku: "E-OUT", amount: "1000", rate: "0.004", cost: "4"),
        MiniCUR.line(day: "2026-10-10", sku: "E-CR", amount: "1000", rate: "0.00025", cost: "0.25"),
      ]))
    let results = try UsageImporter(store: store, resolveModel: TestCatalog.resolve).run(paths: [usage])
    #expect(results.first?.summary.matchedLines == 4)
    return store
  }

  @Test("a price change at the target inside the month: each day at its own target price")
  func historyAtTarget() throws {
    let store = try privateStore()
    var filter = UsageFilter()
    filter.categories = [.token]
    let rows = try store.usage(filter).filter { $0.meter == "input" }
    let result = try #require(try Repricer(store: store).reprice(rows, target: RepriceTarget(region: "us-west-2")).first)
    // 1M tokens on 10-10 at 2.00 and 1M on 10-20 at 3.00.
    #expect(result.repricedCost == 5)
    #expect(Set(result.lines.map { $0.target.priceValue }) == [2, 3])
    #expect(result.lines.count == 2)
  }

  @Test("a target with missing meters: the total is partial and the usage without a price is listed")
  func missingMeters() throws {
    let store = try privateStore()
    var filter = UsageFilter()
    filter.categories = [.token]
    let result = try #require(
      try Repricer(store: store).reprice(try store.usage(filter), target: RepriceTarget(region: "us-west-2")).first)
    #expect(result.isPartial)
    #expect(result.unpriced.count == 1)
    #expect(result.unpriced.first?.usage.meter == "output")
    #expect(result.unpriced.first?.reason.contains("no standard output price") == true)
    // The cache read is priced as plain input of the target (the engine's fallback), and says so.
    let cacheRead = try #require(result.lines.first { $0.usage.meter == "cache_read" })
    #expect(cacheRead.fallbacks.contains { $0.contains("priced as plain input") })
    #expect(result.actualCost == Decimal(string: "6.25"))
    let json = try OutputFormatCheck.json(RepriceViews.summary([result], target: RepriceTarget(region: "us-west-2")))
    for key in ["actualCost", "listCost", "repricedCost", "currency", "lines", "unpriced"] {
      #expect(json.contains("\"\(key)\""), "\(key)")
    }
    #expect(json.contains("\"partial\": true"))
  }
}

@Suite("Reprice: currencies")
struct RepriceCurrencyTests {
  let dir = TemporaryDirectory()

  @Test("a target priced in another currency is refused without --fx, and converted at the given rate with it")
  func otherCurrency() throws {
    let store = try RepriceTests().privateStore(in: dir)
    let catalog = try CatalogLoader.load(environment: ["HOME": "/nonexistent"])
    let pipeline = ImportPipeline(store: store, resolver: catalog, fetcher: OfflineFetcher())
    let eur = try dir.write(
      "eur.csv",
      "provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\n"
        + "aws,private-eur,F-IN,Nova Pro,eu-west-3,regional,standard,input,1M tokens,0.86,EUR,2026-09-01\n")
    _ = try pipeline.run(ImportRequest(sources: [eur]))
    var filter = UsageFilter()
    filter.categories = [.token]
    let rows = try store.usage(filter).filter { $0.meter == "input" }
    let repricer = try Repricer(store: store)
    let refused = try #require(repricer.reprice(rows, target: RepriceTarget(region: "eu-west-3")).first)
    #expect(refused.repricedCost == 0)
    #expect(refused.unpriced.first?.reason.contains("--fx EUR=RATE") == true)
    let fx = RepriceTarget(region: "eu-west-3", fx: ["EUR": Decimal(string: "0.86")!])
    let converted = try #require(repricer.reprice(rows, target: fx).first)
    // 2,000,000 tokens at 0.86 EUR per 1M, at 0.86 EUR per USD: 2 USD.
    #expect(converted.repricedCost == 2)
    #expect(!converted.isPartial)
    #expect(converted.lines.allSatisfy { $0.conversion == "1 USD = 0.86 EUR (--fx)" })
  }
}

extension Array {
  subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
