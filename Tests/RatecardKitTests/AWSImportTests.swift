import Foundation
import PriceSheets
import Pricing
import RateStore
import RatecardKit
import Reports
import TestSupport
import Testing

/// Importing the shared AWS offer tree through the pipeline: offer index → offers (or region
/// indexes → per-region files with `--region`) → readers → store.
@Suite("AWS import pipeline", .serialized)
struct AWSImportTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/pricesheets")
  static let index = root.appendingPathComponent("aws/offers/v1.0/aws/index.json").path

  static func tempStore() throws -> (RateStore, String) {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("ratecard-aws-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("rates.sqlite").path
    return (try RateStore(path: path), dir.path)
  }

  static func pipeline(_ store: RateStore) -> ImportPipeline {
    ImportPipeline(store: store, resolver: nil, fetcher: HTTPFetcher())
  }

  /// `ratecard rates -o json` for every AWS rate, parsed back.
  static func ratesJSON(_ store: RateStore) throws -> [[String: Any]] {
    var filter = RateFilter()
    filter.providers = [.aws]
    var text = ""
    try JSONFormatter().render(RateViews.rates(try store.rates(filter))) { text += $0 }
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(parsed as? [[String: Any]])
  }

  @Test("the offer index imports the three Bedrock offers and reproduces every spot check")
  func wholeTree() throws {
    let (store, dir) = try Self.tempStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let summaries = try Self.pipeline(store).run(ImportRequest(sources: [Self.index]))
    #expect(summaries.count == 3)
    #expect(
      Set(
        summaries.map {
          URL(fileURLWithPath: $0.sourceUri).deletingLastPathComponent().deletingLastPathComponent()
            .lastPathComponent
        })
        == Set(AWSOffers.all))
    #expect(summaries.allSatisfy { $0.status == .ok && $0.unclassified.isEmpty })
    #expect(summaries.map(\.rowsRead).reduce(0, +) == 9203)
    let added = summaries.map(\.added).reduce(0, +)
    let skipped = summaries.flatMap(\.skipped.values).reduce(0, +)
    #expect(added + skipped == 9203)
    #expect(skipped == 2)

    let records = try Self.ratesJSON(store)
    #expect(records.count == added)
    let checks = try Self.spotChecks()
    #expect(checks.count == 47)
    for check in checks {
      let label = "\(check["sheet_key"] ?? "") / \(check["model"] ?? "")"
      let matches = records.filter {
        $0["service"] as? String == check["service_code_or_product"]
          && $0["sheetKey"] as? String == check["sheet_key"]
          && $0["region"] as? String == check["region"]
          && $0["sheetModel"] as? String == check["model"]
      }
      let record = try #require(matches.count == 1 ? matches.first : nil, "\(matches.count) for \(label)")
      #expect(record["scope"] as? String == check["scope"], "\(label)")
      #expect(record["sheetPrice"] as? String == check["price"], "\(label)")
      #expect(record["sheetUnit"] as? String == check["unit"], "\(label)")
      // The JSON output carries the exact decimal as text.
      let price = try #require(record["price"] as? String, "\(label)")
      #expect(
        ExactDecimal.parse(price) == ExactDecimal.parse(check["price_normalized"] ?? ""), "\(label): \(price)"
      )
      let kind = check["price_kind"] ?? ""
      let tier = record["tier"] as? String
      let meter = record["meter"] as? String
      if kind.hasPrefix("batch_") {
        #expect(tier == "batch", "\(label)")
      } else if kind.hasPrefix("flex_") {
        #expect(tier == "flex", "\(label)")
      } else if kind.hasPrefix("priority_") {
        #expect(tier == "priority", "\(label)")
      } else if kind.hasPrefix("pt_hour") {
        #expect(tier == "provisioned" && meter == "capacity", "\(label)")
      } else if kind.hasPrefix("reserved_") {
        #expect(tier == "reserved" && meter == "capacity", "\(label)")
      } else {
        #expect(tier == "standard", "\(label)")
      }
      if kind.hasSuffix("input") && !kind.hasPrefix("reserved") { #expect(meter == "input", "\(label)") }
      if kind.hasSuffix("output") { #expect(meter == "output", "\(label)") }
      if kind.hasPrefix("cache_write") { #expect(meter == "cache_write", "\(label)") }
    }

    // The same tree again: every source unchanged.
    let again = try Self.pipeline(store).run(ImportRequest(sources: [Self.index]))
    #expect(again.allSatisfy { $0.status == .unchanged })
  }

  @Test("--region walks the region indexes to the per-region files, same rates as the bulk files")
  func regionFilter() throws {
    let regions: Set<String> = ["eu-central-1", "ap-south-1"]
    let (regional, dir1) = try Self.tempStore()
    defer { try? FileManager.default.removeItem(atPath: dir1) }
    let summaries = try Self.pipeline(regional).run(
      ImportRequest(sources: [Self.index], options: ReadOptions(regions: regions)))
    #expect(summaries.count == 6, "three offers x two regions")
    #expect(
      summaries.allSatisfy {
        $0.sourceUri.contains("/eu-central-1/") || $0.sourceUri.contains("/ap-south-1/")
      })
    #expect(summaries.allSatisfy { $0.coverageKey.hasPrefix("aws-price-list|aws|") && $0.unclassified.isEmpty })

    let (bulk, dir2) = try Self.tempStore()
    defer { try? FileManager.default.removeItem(atPath: dir2) }
    for offer in AWSOffers.all {
      let path = Self.root.appendingPathComponent("aws/offers/v1.0/aws/\(offer)/current/index.json").path
      _ = try Self.pipeline(bulk).run(ImportRequest(sources: [path], options: ReadOptions(regions: regions)))
    }
    var filter = RateFilter()
    filter.providers = [.aws]
    let a = try regional.rates(filter).map(\.rate)
    let b = try bulk.rates(filter).map(\.rate)
    #expect(!a.isEmpty)
    #expect(Set(a.map(\.region)) == regions)
    #expect(Set(a) == Set(b))
  }
}

extension AWSImportTests {
  /// Serves `https://pricing.us-east-1.amazonaws.com/<path>` from the shared file tree, and
  /// records what was fetched.
  final class TreeFetcher: DocumentFetcher, @unchecked Sendable {
    let lock = NSLock()
    var fetched: [String] = []

    func fetch(_ url: URL) throws -> Data {
      lock.lock()
      fetched.append(url.absoluteString)
      lock.unlock()
      guard url.host == "pricing.us-east-1.amazonaws.com" else {
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "unexpected host")
      }
      let file = AWSImportTests.root.appendingPathComponent("aws").path + url.path
      do {
        return try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "404")
      }
    }
  }

  @Test("the https offer index is walked on the same host, region index included")
  func httpsWalk() throws {
    let (store, dir) = try Self.tempStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fetcher = TreeFetcher()
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: fetcher)
    let summaries = try pipeline.run(
      ImportRequest(
        sources: ["https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json"],
        options: ReadOptions(regions: ["us-west-2"])))
    #expect(summaries.count == 3)
    #expect(
      summaries.allSatisfy {
        $0.sourceUri.hasPrefix("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/")
          && $0.sourceUri.hasSuffix("/us-west-2/index.json")
      })
    #expect(fetcher.fetched.filter { $0.hasSuffix("region_index.json") }.count == 3)
    #expect(!fetcher.fetched.contains { $0.contains("AWSLambda") || $0.contains("AgentCore") })
    var filter = RateFilter()
    filter.regions = ["us-west-2"]
    #expect(try store.rates(filter).count == summaries.map(\.added).reduce(0, +))
    #expect(summaries.allSatisfy { $0.coverageKey.contains("|us-west-2|") })
  }

  @Test("a chosen offer whose file is missing is an error naming the file")
  func missingOfferFile() throws {
    let (store, dir) = try Self.tempStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let tree = URL(fileURLWithPath: dir).appendingPathComponent("offers/v1.0/aws")
    try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: Self.index), to: tree.appendingPathComponent("index.json"))
    #expect {
      try Self.pipeline(store).run(ImportRequest(sources: [tree.appendingPathComponent("index.json").path]))
    } throws: { error in
      let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
      return text.contains(dir + "/offers/v1.0/aws/AmazonBedrock/current/index.json")
    }
  }
}

extension AWSImportTests {
  /// The AWS rows of `expected/spot_checks.csv`.
  static func spotChecks() throws -> [[String: String]] { try SpotChecks.rows(provider: "aws") }
}
