import Foundation
import PriceSheets
import Reports
import Pricing
import RateStore
import TestSupport
import Testing

import RatecardKit

/// History never holds two versions of one rate at one time (issue 15, item 6), from a real AWS
/// offer file (Bedrock service, us-east-2: 8 SKUs, effective 2025-08-01, published 2026-09-11)
/// and later publications made from it.
@Suite("History rules")
struct HistoryRulesTests {
  let dir = TemporaryDirectory()
  static let offer = TestPaths.packageRoot.deletingLastPathComponent()
    .appendingPathComponent(
      "shared/pricesheets/aws/offers/v1.0/aws/AmazonBedrockService/20260911124405/us-east-2/index.json")
  /// The SKU the second publication leaves out (output tokens, long context, global).
  static let withdrawnSku = "12TPTZCIJOUP5ZLD"

  /// The offer file as published on `date`, without `drop`, its terms effective `effective`.
  func publication(
    _ name: String, date: String, drop: String? = nil, effective: String? = nil
  ) throws -> String {
    let data = try Data(contentsOf: Self.offer)
    var root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    root["publicationDate"] = date
    root["version"] = date.filter(\.isNumber)
    var products = root["products"] as! [String: Any]
    var terms = root["terms"] as! [String: Any]
    var onDemand = terms["OnDemand"] as! [String: Any]
    if let drop {
      products[drop] = nil
      onDemand[drop] = nil
    }
    if let effective {
      for (sku, value) in onDemand {
        var byTerm = value as! [String: Any]
        for (code, term) in byTerm {
          var t = term as! [String: Any]
          t["effectiveDate"] = effective
          byTerm[code] = t
        }
        onDemand[sku] = byTerm
      }
    }
    terms["OnDemand"] = onDemand
    root["products"] = products
    root["terms"] = terms
    let path = dir.path(name)
    try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    return path
  }

  func importer() throws -> (RateStore, ImportPipeline) {
    let store = try RateStore(path: dir.path("history.sqlite"))
    var pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    pipeline.clock = .fixed(Date(timeIntervalSince1970: 1_800_000_000))
    return (store, pipeline)
  }

  func versions(_ store: RateStore, sku: String) throws -> [RateRecord] {
    var filter = RateFilter()
    filter.skus = [sku]
    return try store.history(filter)
  }

  @Test("a rate withdrawn and listed again re-opens where its last version ended, never overlapping it")
  func reopenedAfterWithdrawal() throws {
    let (store, pipeline) = try importer()
    _ = try pipeline.run(ImportRequest(sources: [Self.offer.path]))
    let second = try pipeline.run(
      ImportRequest(
        sources: [try publication("p2.json", date: "2026-10-11T00:00:00Z", drop: Self.withdrawnSku)],
        policy: ImportGuard(allowLargeChange: true)))
    #expect(second.map(\.withdrawn) == [1])
    let third = try pipeline.run(ImportRequest(sources: [try publication("p3.json", date: "2026-11-11T00:00:00Z")]))
    #expect(third.map(\.added) == [1])

    let history = try versions(store, sku: Self.withdrawnSku)
    #expect(history.map(\.effectiveFrom) == ["2025-08-01T00:00:00Z", "2026-10-11T00:00:00Z"])
    #expect(history.map(\.effectiveTo) == ["2026-10-11T00:00:00Z", nil])
    // One row per rate at any date: before, inside and after the gap.
    for date in ["2026-01-01T00:00:00Z", "2026-10-20T00:00:00Z", "2026-12-01T00:00:00Z"] {
      var filter = RateFilter()
      filter.skus = [Self.withdrawnSku]
      #expect(try store.rates(filter, at: .date(date)).count == 1, "as of \(date)")
    }
  }

  @Test("a sheet published before the latest imported one is refused and changes nothing")
  func olderPublicationRefused() throws {
    let (store, pipeline) = try importer()
    let older = try publication("older.json", date: "2026-08-01T00:00:00Z", drop: Self.withdrawnSku)
    _ = try pipeline.run(ImportRequest(sources: [Self.offer.path]))
    let before = try store.rateTableDigest()
    let expected = StoreError.olderPublication(
      source: older, published: "2026-08-01T00:00:00Z", latest: "2026-09-11T12:44:05Z")
    #expect(throws: expected) {
      _ = try pipeline.run(ImportRequest(sources: [older], policy: ImportGuard(allowLargeChange: true)))
    }
    #expect(ExitStatus.of(expected) == .refused)
    #expect(try store.rateTableDigest() == before)
    #expect(try store.importRuns(limit: 1).map(\.status) == [.refused])
  }

  @Test("a later publication repeating unchanged prices with a new effective date adds no version")
  func repeatedPriceIsUnchanged() throws {
    let (store, pipeline) = try importer()
    let first = try pipeline.run(ImportRequest(sources: [Self.offer.path]))
    let later = try pipeline.run(
      ImportRequest(
        sources: [try publication("later.json", date: "2026-12-11T00:00:00Z", effective: "2026-12-01T00:00:00Z")]))
    #expect(later.map(\.changed) == [0])
    #expect(later.map(\.unchanged) == first.map(\.added))
    #expect(try store.rateRowCount() == first[0].added)
  }

  @Test("export diff gives a withdrawn row its end date")
  func withdrawnRowHasEndDate() throws {
    let (store, pipeline) = try importer()
    _ = try pipeline.run(ImportRequest(sources: [Self.offer.path]))
    _ = try pipeline.run(
      ImportRequest(
        sources: [try publication("p2.json", date: "2026-10-11T00:00:00Z", drop: Self.withdrawnSku)],
        policy: ImportGuard(allowLargeChange: true)))
    let changes = try store.diff(from: .run(1), to: .run(2))
    #expect(changes.map(\.kind) == [.withdrawn])
    let record = RateViews.diffRecord(changes[0])
    #expect(record.fields.map(\.key) == RateViews.diffColumns)
    #expect(record.fields.last?.key == "effectiveTo")
    #expect(record.fields.last?.value == .text("2026-10-11T00:00:00Z"))
  }

  @Test("status counts the rates open now, not the last run's count")
  func statusCountsOpenRates() throws {
    let (store, pipeline) = try importer()
    func item(_ id: String, _ region: String) -> String {
      AzureItemJSON.item(meterId: id, price: "0.0025", region: region, location: "x", start: "2025-01-01T00:00:00Z")
    }
    func page(_ name: String, _ items: [String], link: String = "null") throws -> String {
      let path = dir.path(name)
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let json = """
        {"BillingCurrency":"USD","CustomerEntityId":"Default","CustomerEntityType":"Retail",\
        "Items":[\(items.joined(separator: ","))],"NextPageLink":\(link),"Count":\(items.count)}
        """
      try Data(json.utf8).write(to: URL(fileURLWithPath: path + "/page-1.json"))
      return path
    }
    let all = try page("all", [item("m-1", "eastus2"), item("m-2", "eastus2"), item("m-9", "westus")])
    let link = "\"https://prices.azure.com/api/retail/prices?$filter=armRegionName%20eq%20%27eastus2%27&$skip=1\""
    let eastus2 = try page("eastus2", [item("m-1", "eastus2")], link: link)
    _ = try pipeline.run(ImportRequest(sources: [all]))
    let narrow = try pipeline.run(ImportRequest(sources: [eastus2], policy: ImportGuard(allowLargeChange: true)))
    #expect(narrow.map(\.withdrawn) == [1])
    let status = try store.sourceStatus()
    let full = try #require(status.first { !$0.coverageKey.contains("eastus2") })
    // m-1 (listed again unchanged) and m-9 are open; m-2 was withdrawn by the eastus2 source.
    #expect(full.currentRates == 2)
    #expect(try store.counts().open == 2)
  }
}
