import Foundation
import PriceSheets
import Pricing
import RateStore
import RatecardKit
import Reports
import TestSupport
import Testing

/// Failures to inject, each answered once.
private final class Faults: @unchecked Sendable {
  private let lock = NSLock()
  private var pending: [Int: LoopbackServer.Response]
  init(_ pending: [Int: LoopbackServer.Response]) { self.pending = pending }
  func take(skip: Int) -> LoopbackServer.Response? {
    lock.withLock { pending.removeValue(forKey: skip) }
  }
}

/// The shared Azure pages (`../shared/pricesheets/azure/retail-prices`).
private enum Pages {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/pricesheets/azure/retail-prices")
  static let files: [Data] = (1...22).compactMap { i in
    try? Data(contentsOf: root.appendingPathComponent(String(format: "page-%04d.json", i)))
  }
}

/// Serves page `$skip / 1000 + 1`, with its NextPageLink pointed at this server.
private func pageServer(faults: Faults, cycleAtSkip: Int? = nil) throws -> LoopbackServer {
  let box = PortBox()
  let server = try LoopbackServer { target in
    guard target.hasPrefix("/api/retail/prices"),
      let components = URLComponents(string: "http://x" + target)
    else { return .init(status: 404) }
    let skip = components.queryItems?.first { $0.name == "$skip" }?.value.flatMap { Int($0) } ?? 0
    if let fault = faults.take(skip: skip) { return fault }
    let index = skip / 1000
    guard skip % 1000 == 0, index < Pages.files.count else { return .init(status: 404) }
    var text = String(decoding: Pages.files[index], as: UTF8.self)
      .replacingOccurrences(of: "https://prices.azure.com:443", with: "http://127.0.0.1:\(box.port)")
    if let cycleAtSkip, skip == cycleAtSkip {
      text = text.replacingOccurrences(of: "$skip=\(skip + 1000)", with: "$skip=1000")
    }
    return .init(status: 200, body: Data(text.utf8))
  }
  box.port = server.port
  return server
}

/// The fields of one `ratecard rates -o json` record that the spot checks compare.
private struct RateJSON: Decodable {
  var service: String
  var sheetKey: String
  var region: String
  var scope: String
  var tier: String
  var meter: String
  var variant: String
  var commitment: String
  var sheetUnit: String
  var sheetPrice: String
  var unit: String
  /// Amounts are exact decimal strings in ratecard's JSON.
  var price: String
  var currency: String
}


/// The shared USD and EUR pages imported once per process from files, DevTest items included.
private enum FileImport {
  static let shared: Result<(store: RateStore, path: String), any Error> = Result {
    // One fixed path, replaced by each test process, so runs leave one file behind at most.
    let path = NSTemporaryDirectory() + "ratecard-azure-file-import-\(getuid()).sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try RateStore(path: path)
    let eur = Pages.root.deletingLastPathComponent().appendingPathComponent("retail-prices-eur")
    _ = try ImportPipeline(store: store, resolver: nil, fetcher: HTTPFetcher())
      .run(
        ImportRequest(
          sources: [Pages.root.path, eur.path], options: ReadOptions(includeDevTest: true)))
    return (store, path)
  }
}

private final class PortBox: @unchecked Sendable {
  var port: UInt16 = 0
}

private final class RetryLog: @unchecked Sendable {
  private let lock = NSLock()
  private var _entries: [(Int, TimeInterval)] = []
  var entries: [(Int, TimeInterval)] { lock.withLock { _entries } }
  func add(_ status: Int, _ delay: TimeInterval) { lock.withLock { _entries.append((status, delay)) } }
}

@Suite(.serialized) struct AzureLiveImportTests {
  func tempStore() throws -> (RateStore, String) {
    let path = NSTemporaryDirectory() + "ratecard-azure-\(UUID().uuidString).sqlite"
    return (try RateStore(path: path), path)
  }

  fileprivate func fetcher(_ log: RetryLog, attempts: Int = 5) -> HTTPFetcher {
    var policy = HTTPFetcher.Policy()
    policy.baseDelay = 0.01
    policy.timeout = 20
    policy.maxAttempts = attempts
    let fetcher = HTTPFetcher(policy: policy)
    fetcher.onRetry = { status, delay in log.add(status, delay) }
    fetcher.sleep = { _ in }
    return fetcher
  }

  @Test func liveImportEqualsFileImport() throws {
    try #require(Pages.files.count == 22)
    let faults = Faults([
      2000: .init(status: 429, headers: ["Retry-After": "2"]),
      5000: .init(status: 500),
    ])
    let server = try pageServer(faults: faults)
    defer { server.stop() }
    let log = RetryLog()

    let (liveStore, livePath) = try tempStore()
    defer { try? FileManager.default.removeItem(atPath: livePath) }
    let live = ImportPipeline(store: liveStore, resolver: nil, fetcher: fetcher(log))
    let liveSummaries = try live.run(
      ImportRequest(sources: [server.baseURL + "/api/retail/prices"]))

    // Every page was fetched once, plus one retry each for the 429 and the 500.
    #expect(server.requests.count == 24)
    let first = try #require(server.requests.first)
    #expect(first.contains("$filter=serviceName%20eq%20%27Foundry%20Models%27"))
    #expect(first.contains("currencyCode=%27USD%27"))
    let retries = log.entries
    #expect(retries.count == 2)
    #expect(retries.first?.0 == 429 && retries.first?.1 == 2)  // Retry-After honoured
    #expect(retries.last?.0 == 500 && (retries.last?.1 ?? 1) < 1)  // backoff, not Retry-After

    #expect(liveSummaries.count == 1)
    #expect(liveSummaries[0].rowsRead == 21_528)
    #expect(liveSummaries[0].added == 20_957)
    #expect(
      liveSummaries[0].skipped == [
        AzureRetailReader.Reason.devTest: 566, AzureRetailReader.Reason.duplicate: 5,
      ])
    #expect(liveSummaries[0].unclassified.isEmpty)
    #expect(liveSummaries[0].coverageKey == "azure-retail|azure|*|*|USD")
    let liveRates = try liveStore.rates(RateFilter()).map(\.rate)
    // The file import (with DevTest items and the EUR pages) holds the same USD Consumption rates.
    let fileStore = try FileImport.shared.get().store
    var usd = RateFilter()
    usd.currencies = ["USD"]
    let fileRates = try fileStore.rates(usd).map(\.rate).filter { !$0.variant.contains("devtest") }
    #expect(liveRates.count == 20_957)
    #expect(liveRates == fileRates)
  }

  /// `ratecard rates -o json` after importing the shared pages reproduces every Azure spot check.
  @Test func ratesJSONReproducesEverySpotCheck() throws {
    let store = try FileImport.shared.get().store
    var json = ""
    try JSONFormatter().render(RateViews.rates(try store.rates(RateFilter()))) { json += $0 }
    // Amounts are decimal strings in the JSON: parsed strictly, never through Double.
    let rows = try JSONDecoder().decode([RateJSON].self, from: Data(json.utf8))
    let checks = try SpotChecks.rows(provider: "azure")
    #expect(checks.count >= 50)
    for check in checks {
      func col(_ name: String) -> String { check[name] ?? "" }
      let type = col("price_type").hasPrefix("Reservation") ? "Reservation" : col("price_type")
      let matches = rows.filter {
        $0.sheetKey == col("sheet_key") && $0.region == col("region")
          && $0.service == col("service_code_or_product") && $0.currency == col("currency")
          && (type == "DevTestConsumption") == $0.variant.contains("devtest")
          && (type == "Reservation") == ($0.tier == "reserved")
          && (type != "Reservation" || "reservation \($0.commitment)" == col("price_type").lowercased())
      }
      guard matches.count == 1 else {
        Issue.record("\(col("sheet_key")) \(col("region")) \(col("price_type")): \(matches.count) rows")
        continue
      }
      let row = matches[0]
      let price = try #require(ExactDecimal.parse(row.price))
      let expectedScope = col("scope") == "unspecified" ? "regional" : col("scope")
      #expect(row.scope == expectedScope, "\(col("sheet_key"))")
      #expect(row.sheetUnit == col("unit"))
      #expect(ExactDecimal.parse(row.sheetPrice) == ExactDecimal.parse(col("price")))
      let normalized = try #require(ExactDecimal.parse(col("price_normalized")))
      if row.tier == "reserved" {
        let decimals = col("price_normalized").split(separator: ".").last.map(\.count) ?? 0
        #expect(ExactDecimal.round(price / 730, scale: decimals) == normalized)
        #expect(row.unit == "month" && row.commitment == "1 month")
      } else {
        #expect(price == normalized, "\(col("sheet_key")) \(col("region"))")
      }
    }
  }

  @Test func pageCycleIsAnErrorAndImportsNothing() throws {
    let server = try pageServer(faults: Faults([:]), cycleAtSkip: 2000)
    defer { server.stop() }
    let (store, path) = try tempStore()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: fetcher(RetryLog()))
    do {
      _ = try pipeline.run(ImportRequest(sources: [server.baseURL + "/api/retail/prices"]))
      Issue.record("expected a page-cycle error")
    } catch let SheetError.inconsistentPages(_, reason) {
      #expect(reason.contains("repeats"))
    }
    #expect(server.requests.count == 3)
    #expect(try store.counts().all == 0)
  }

  @Test func failedFetchImportsNothing() throws {
    let faults = Faults([
      3000: .init(status: 503)
    ])
    let server = try pageServer(faults: faults)
    defer { server.stop() }
    let (store, path) = try tempStore()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: fetcher(RetryLog(), attempts: 1))
    #expect(throws: SheetError.self) {
      try pipeline.run(ImportRequest(sources: [server.baseURL + "/api/retail/prices"]))
    }
    #expect(try store.counts().all == 0)
  }
}
