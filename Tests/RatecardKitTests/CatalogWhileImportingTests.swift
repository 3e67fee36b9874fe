import Catalog
import Foundation
import PriceSheets
import Pricing
import RateStore
import TestSupport
import Testing

import RatecardKit

/// `ratecard import` builds the catalogue on a second thread while the store opens and the first
/// source is hashed and its parse started (``ImportPipeline/init(store:catalog:prepare:fetcher:)``).
/// The result must be the import with the catalogue at hand, and a catalogue error must come
/// first and leave nothing recorded.
@Suite("Import with the catalogue built on a second thread")
struct CatalogWhileImportingTests {
  let dir = TemporaryDirectory()
  let sources = [
    TestPaths.pricesheet("aws/offers/v1.0/aws/AmazonBedrockService/current/index.json"),
    TestPaths.pricesheet("azure/retail-prices"),
  ]

  /// Every stored rate as (rate key, model, price), in id order.
  func rows(_ store: RateStore) throws -> [String] {
    try store.rates(RateFilter()).map { "\($0.rateKey) \($0.model ?? "-") \($0.price)" }
  }

  @Test("the same rates, models and catalogue state as an import with the catalogue at hand")
  func sameAsSequential() throws {
    let catalog = try ModelCatalog.embedded()
    let plain = try RateStore(path: dir.path("plain.sqlite"))
    try CatalogSync.syncIfNeeded(plain, catalog: catalog)
    let expected = try ImportPipeline(store: plain, resolver: catalog, fetcher: NoNetwork())
      .run(ImportRequest(sources: sources))

    let store = try RateStore(path: dir.path("building.sqlite"))
    let building = BackgroundValue(on: BackgroundValue<Void>.serialQueue()) {
      try ModelCatalog.embedded()
    }
    let summaries = try ImportPipeline(
      store: store, catalog: building, prepare: CatalogLoader.syncStore(store), fetcher: NoNetwork()
    ).run(ImportRequest(sources: sources))

    #expect(summaries.map(\.added) == expected.map(\.added))
    #expect(summaries.map(\.status) == [.ok, .ok])
    let got = try rows(store)
    #expect(got == (try rows(plain)))
    #expect(got.count > 20_000)
    // Models were resolved while the sheets were read (the Azure source streams its pages).
    #expect(try store.rates(RateFilter()).filter { $0.model != nil }.count > 10_000)
    #expect(try store.catalogStateHash() == catalog.contentHash)
  }

  @Test("a catalogue error is thrown before a source's error, and nothing is recorded or written")
  func catalogueErrorFirst() throws {
    struct BrokenCatalogue: Error {}
    let store = try RateStore(path: dir.path("broken.sqlite"))
    let bad = try dir.write("bad.csv", "provider,service\naws\n")
    for request in [sources, [sources[0], bad], ["/no/such/file.json"]] {
      let failing = BackgroundValue<ModelCatalog>(on: BackgroundValue<Void>.serialQueue()) {
        throw BrokenCatalogue()
      }
      let pipeline = ImportPipeline(
        store: store, catalog: failing, prepare: CatalogLoader.syncStore(store), fetcher: NoNetwork())
      #expect(throws: BrokenCatalogue.self) { try pipeline.run(ImportRequest(sources: request)) }
    }
    #expect(try store.importRuns().isEmpty)
    #expect(try store.counts().all == 0)
  }

  @Test("an error from prepare stops the import before anything is written")
  func prepareErrorFirst() throws {
    struct NotNow: Error {}
    let store = try RateStore(path: dir.path("prepare.sqlite"))
    let catalog = BackgroundValue(on: BackgroundValue<Void>.serialQueue()) {
      try ModelCatalog.embedded()
    }
    let pipeline = ImportPipeline(
      store: store, catalog: catalog, prepare: { _ in throw NotNow() }, fetcher: NoNetwork())
    #expect(throws: NotNow.self) { try pipeline.run(ImportRequest(sources: sources)) }
    #expect(try store.importRuns().isEmpty)
    #expect(try store.counts().all == 0)
  }
}
