import Foundation
import PriceSheets
import Pricing
import RateStore
import RatecardKit
import TestSupport
import Testing

@testable import Usage

/// Matching a line to its rate as of the usage day, and the reasons a line stays unmatched.
@Suite("Usage: matching and history")
struct UsageMatchingTests {
  let dir = TemporaryDirectory()

  /// A store with a private sheet whose output price changes on 2026-10-15 (15 → 14.25 per 1M).
  func storeWithPriceChange() throws -> RateStore {
    let store = try RateStore(path: dir.path("history.sqlite"))
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: OfflineFetcher())
    let header = "provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\n"
    let v1 = try dir.write(
      "v1.csv", header + "aws,private,P-OUT,Test Model,us-east-1,regional,standard,output,1M tokens,15.00,USD,2026-09-01\n")
    let v2 = try dir.write(
      "v2.csv", header + "aws,private,P-OUT,Test Model,us-east-1,regional,standard,output,1M tokens,14.25,USD,2026-10-15\n")
    _ = try pipeline.run(ImportRequest(sources: [v1]))
    _ = try pipeline.run(ImportRequest(sources: [v2], policy: ImportGuard(allowLargeChange: true)))
    return store
  }

  @Test("lines that differ only in columns the reader does not read are one group, summed exactly")
  func groupsByReadColumns() throws {
    let store = try storeWithPriceChange()
    let a = MiniCUR.line(day: "2026-10-10", sku: "P-OUT", amount: "1000.000000000000000000001", rate: "0.015", cost: "15")
    let b = MiniCUR.line(day: "2026-10-10", sku: "P-OUT", amount: "0.000000000000000000009", rate: "0.015", cost: "1")
    let other = a.replacingOccurrences(of: ",111,", with: ",222,")
    let file = try dir.write(
      "ids.csv", MiniCUR.header + ",identity_line_item_id\n" + a + ",id-1\n" + b + ",id-2\n" + other + ",id-3\n")
    let index = try RateIndex(store: store, providers: Pricing.Provider.allCases)
    let rows = try UsageImporter(store: store).read(path: file, format: nil, index: index).rows
    #expect(rows.map(\.account) == ["111", "222"])
    #expect(rows.map(\.lines) == [2, 1])
    #expect(rows.first?.quantity == Decimal(string: "1000.00000000000000000001"))
    #expect(rows.first?.tokens == Decimal(string: "1000000.00000000000000001"))
    #expect(rows.first?.billedCost == 16)
    #expect(rows.first?.unreconciledLines == 1)
  }

  @Test("past the key table's byte limit the table starts again; a key seen before still finds its group")
  func keyTableStartsAgain() throws {
    let store = try storeWithPriceChange()
    let pad = String(repeating: "x", count: 1_000)
    func line(_ i: Int) -> String {
      MiniCUR.line(day: "2026-10-10", sku: "P-OUT", amount: "1", rate: "0.015", cost: "0.015")
        .replacingOccurrences(of: "\"\"t\"\"", with: "\"\"app-\(i)-\(pad)\"\"")
    }
    let distinct = LineKeyTable.byteLimit / 1_000 + 100
    let lines = (0..<distinct).map(line) + (0..<10).map(line)
    let file = try dir.write("many.csv", MiniCUR.file(lines))
    let index = try RateIndex(store: store, providers: Pricing.Provider.allCases)
    let read = try UsageImporter(store: store).read(path: file, format: nil, index: index)
    #expect(read.rows.count == distinct)
    #expect(read.rows.prefix(10).map(\.lines) == Array(repeating: 2, count: 10))
    #expect(read.rows[10].lines == 1)
    #expect(read.summary.linesRead == distinct + 10)
  }

  @Test("a price change inside the month: each line is priced as of its own day")
  func historyPerLine() throws {
    let store = try storeWithPriceChange()
    let file = try dir.write(
      "cur.csv",
      MiniCUR.file([
        MiniCUR.line(day: "2026-10-10", sku: "P-OUT", amount: "1000", rate: "0.015", cost: "15"),
        MiniCUR.line(day: "2026-10-20", sku: "P-OUT", amount: "1000", rate: "0.01425", cost: "14.25"),
      ]))
    let result = try #require(try UsageImporter(store: store).run(paths: [file]).first)
    // 1,000,000 tokens at 15 and 1,000,000 at 14.25 per 1M.
    #expect(result.summary.listTotal == Decimal(string: "29.25"))
    let rows = try store.usage(UsageFilter())
    #expect(Set(rows.compactMap(\.ratePrice)) == ["15", "14.25"])
    #expect(rows.allSatisfy { $0.status == "matched" })
  }

  @Test("usage before the rate's first price is unmatched and says so")
  func beforeFirstRate() throws {
    let store = try storeWithPriceChange()
    let file = try dir.write(
      "aug.csv",
      MiniCUR.file([MiniCUR.line(day: "2026-08-20", sku: "P-OUT", amount: "1", rate: "0.015", cost: "0.015")]))
    let result = try #require(try UsageImporter(store: store).run(paths: [file]).first)
    #expect(result.summary.unmatchedLines == 1)
    #expect(result.summary.unmatchedReasons.keys.contains { $0.contains("before the rate's first price") })
    #expect(result.summary.listTotal == 0)
    #expect(result.summary.billedTokenTotal == Decimal(string: "0.015"))
  }

  @Test("a service whose sheet was never imported, and an unknown SKU, are told apart")
  func unmatchedReasons() throws {
    let store = try SharedUsage.store(in: dir)
    let file = try dir.write(
      "cur.csv",
      MiniCUR.file([
        MiniCUR.line(day: "2026-10-01", sku: "NOPE", amount: "1", rate: "0.015", cost: "0.015", product: "AmazonBedrockService"),
        MiniCUR.line(day: "2026-10-01", sku: "ALSO-NOPE", usageType: "USE1-Nothing-input-tokens", amount: "1", rate: "0.015", cost: "0.015"),
      ]))
    let result = try #require(try UsageImporter(store: store).run(paths: [file]).first)
    let reasons = result.summary.unmatchedReasons.keys.sorted()
    #expect(reasons.count == 2)
    #expect(reasons.contains { $0.hasPrefix("sheet not imported: no AmazonBedrockService rates") })
    #expect(reasons.contains { $0.hasPrefix("unknown SKU") })
    let report = UsageViews.unmatched(try store.usage({ var f = UsageFilter(); f.unmatchedOnly = true; return f }()))
    #expect(report.records.count == 2)
  }

  @Test("a line billed off its own quantity x unit price is counted as not reconciled")
  func reconciliation() throws {
    let store = try storeWithPriceChange()
    let file = try dir.write(
      "cur.csv",
      MiniCUR.file([
        MiniCUR.line(day: "2026-10-01", sku: "P-OUT", amount: "1000", rate: "0.015", cost: "15"),
        MiniCUR.line(day: "2026-10-02", sku: "P-OUT", amount: "1000", rate: "0.015", cost: "16"),
      ]))
    let result = try #require(try UsageImporter(store: store).run(paths: [file]).first)
    #expect(result.summary.unreconciledLines == 1)
    let groups = UsageViews.groups(try store.usage(UsageFilter()), by: .sku)
    #expect(groups.first?.billedToList == ExactDecimal.round(Decimal(31) / Decimal(30), scale: 6))
  }

  @Test("Azure quantities already in tokens are read as tokens when the line's figures say so")
  func azureQuantityInTokens() throws {
    let header = "Date,MeterId,MeterName,MeterCategory,ResourceLocation,UnitOfMeasure,Quantity,EffectivePrice,CostInBillingCurrency,BillingCurrencyCode,SubscriptionId,ChargeType\n"
    let blocks = "10/01/2026,m1,x Inp glbl Tokens,Foundry Models,eastus2,1K,2000,0.00015,0.3,USD,s,Usage\n"
    let tokens = "10/02/2026,m1,x Inp glbl Tokens,Foundry Models,eastus2,1K,2000000,0.00015,0.3,USD,s,Usage\n"
    let file = try dir.write("ea.csv", "\u{FEFF}" + header + blocks + tokens)
    var seen: [Decimal] = []
    _ = try UsageFormat.azureEA.reader.read(try UsageInput(path: file)) { seen.append($0.tokens ?? -1) }
    #expect(seen == [2_000_000, 2_000_000])
  }

  @Test("gzip with two members reads as one stream; detection looks through the compression")
  func gzipMembers() throws {
    let text = MiniCUR.file([MiniCUR.line(day: "2026-10-01", sku: "S", amount: "1", rate: "1", cost: "1")])
    let half = text.utf8.count / 2
    let a = try gzip(Data(text.utf8.prefix(half)))
    let b = try gzip(Data(text.utf8.dropFirst(half)))
    let input = try UsageInput(data: a + b, uri: "two.csv.gz")
    #expect(try UsageFormatDetector.detect(input) == .awsCUR2)
    var count = 0
    _ = try UsageFormat.awsCUR2.reader.read(input) { _ in count += 1 }
    #expect(count == 1)
    #expect(input.isGzip)
  }

  func gzip(_ data: Data) throws -> Data {
    let src = dir.path("g-\(UUID().uuidString)")
    try data.write(to: URL(fileURLWithPath: src))
    let r = try Run.process(URL(fileURLWithPath: "/bin/gzip"), ["-n", "-f", src])
    #expect(r.status == 0)
    return try Data(contentsOf: URL(fileURLWithPath: src + ".gz"))
  }
}
