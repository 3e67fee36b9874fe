import Catalog
@testable import CostEngine
import Foundation
import GRDB
import Pricing
@testable import RateStore
import Reports
import TestSupport
import Testing

@testable import RatecardKit

@Suite("the engine cache")
struct EngineCacheTests {
  static let profiles: [Profile] = {
    let dir = TestPaths.packageRoot.appendingPathComponent("data/profiles")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
    return files.flatMap { (try? ProfileParser().parseFile(dir.appendingPathComponent($0).path)) ?? [] }
  }()

  /// Recommendations and projections of every sample profile, as JSON.
  static func outputs(_ engine: WorkloadEngine) throws -> String {
    let recs = try engine.recommendAll(profiles, alternatives: 3, includeExcluded: true)
    let items = try profiles.map { p -> EngineViews.ProjectionItem in
      let r = try engine.projectTop(p, top: 10)
      return EngineViews.ProjectionItem(
        profile: p, eligible: r.eligible, offers: r.offers, current: r.current, currentNotes: r.currentNotes)
    }
    return try OutputFormat.json.string(EngineViews.recommendations(recs, format: .json))
      + OutputFormat.json.string(EngineViews.projections(items, months: 3, start: FinancePeriod(year: 2027, month: 1)!, format: .json))
  }

  static func setPayload(_ path: String, _ payload: Data) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "UPDATE engineCache SET payload = ?", arguments: [payload]) }
    try queue.close()
  }

  static func payload(_ path: String) throws -> Data? {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in try Data.fetchOne(db, sql: "SELECT payload FROM engineCache") }
  }

  @Test("on the real shared sheets the cached engine gives byte-identical recommendations and projections")
  func realSheetsSameOutput() throws {
    #expect(Self.profiles.count >= 2)
    let f = try ExportFixture()
    let sources = [
      "aws/offers/v1.0/aws/AmazonBedrock/current/index.json",
      "aws/offers/v1.0/aws/AmazonBedrockFoundationModels/current/index.json",
      "aws/offers/v1.0/aws/AmazonBedrockService/current/index.json", "azure/retail-prices",
    ].map(TestPaths.pricesheet)
    _ = try ImportPipeline(store: f.store, resolver: f.catalog, fetcher: HTTPFetcher()).run(ImportRequest(sources: sources))

    let direct = try EngineLoader.engine(store: f.store, catalog: f.catalog, useCache: false)
    #expect(direct.path == .direct)
    let rebuilt = try EngineLoader.engine(store: f.store, catalog: f.catalog)
    #expect(rebuilt.path == .rebuilt(stored: true))
    let cached = try EngineLoader.engine(store: f.store, catalog: f.catalog)
    #expect(cached.path == .cached)

    #expect(direct.engine.book.offers.count > 100)
    #expect(cached.engine.book.offers == direct.engine.book.offers)
    let used = direct.engine.book.ratePositionsInUse()
    #expect(used.count < direct.engine.book.offers.count * 20)
    #expect(cached.engine.book.ratePositionsInUse() == Array(0..<used.count))
    let expected = try Self.outputs(direct.engine)
    #expect(try Self.outputs(rebuilt.engine) == expected)
    #expect(try Self.outputs(cached.engine) == expected)
  }

  @Test("a price change, a catalogue change and a damaged payload each rebuild; --as-of never uses the cache")
  func invalidation() throws {
    let f = try ExportFixture()
    var rows = EngineRatesTests.sheet
    rows.append(["aws", "private", "M-IN", "Mystery Model 9", "us-east-1", "regional", "standard", "input", "1M tokens", "0.2", "USD", "2026-09-01"])
    let first = try f.importSheet("sheet.csv", rows)
    #expect(try EngineLoader.engine(store: f.store, catalog: f.catalog).path == .rebuilt(stored: true))
    #expect(try EngineLoader.engine(store: f.store, catalog: f.catalog).path == .cached)

    // A changed price: rebuilt, and the new price is the one used.
    rows[1][9] = "16"
    try f.importSheet("sheet.csv", rows)
    let changed = try EngineLoader.engine(store: f.store, catalog: f.catalog)
    #expect(changed.path == .rebuilt(stored: true))
    let output = try #require(
      changed.engine.book.offers.first { $0.provider == .aws && $0.region == "us-east-1" && $0.modelKnown }?
        .rate(.standard, .output))
    #expect(output.price == 16)
    let again = try EngineLoader.engine(store: f.store, catalog: f.catalog)
    #expect(again.path == .cached)
    #expect(again.engine.book.offers == changed.engine.book.offers)

    // --as-of: direct, the stored payload untouched.
    let before = try Self.payload(f.store.path)
    let past = try EngineLoader.engine(store: f.store, catalog: f.catalog, snapshot: .run(first))
    #expect(past.path == .direct)
    let pastOutput = past.engine.book.offers.first { $0.provider == .aws && $0.region == "us-east-1" && $0.modelKnown }?
      .rate(.standard, .output)
    #expect(pastOutput?.price == 15)
    #expect(try Self.payload(f.store.path) == before)
    #expect(try EngineLoader.engine(store: f.store, catalog: f.catalog).path == .cached)

    // A user catalogue file naming the unknown sheet model: rebuilt, the rate now resolved.
    #expect(changed.engine.book.offers.contains { $0.model == "Mystery Model 9" && !$0.modelKnown })
    let file = try f.dir.write(
      "aliases.csv", "canonical_id,cloud,kind,alias\nopenai/gpt-oss-120b,bedrock,price_list_model,Mystery Model 9\n")
    let env = ["HOME": f.dir.url.path, "XDG_CONFIG_HOME": f.dir.url.path]
    let (store, catalog) = try CatalogLoader.openStore(path: f.store.path, catalogFiles: [file], environment: env)
    let resolved = try EngineLoader.engine(store: store, catalog: catalog)
    #expect(resolved.path == .rebuilt(stored: true))
    #expect(resolved.engine.book.offers.contains { $0.model == "openai/gpt-oss-120b" && $0.provider == .aws })
    #expect(!resolved.engine.book.offers.contains { $0.model == "Mystery Model 9" })
    #expect(try EngineLoader.engine(store: store, catalog: catalog).path == .cached)
    let direct = try EngineLoader.engine(store: store, catalog: catalog, useCache: false)
    #expect(resolved.engine.book.offers == direct.engine.book.offers)

    // Damaged payloads (garbage, truncated, one byte flipped in the string table) are rebuilt.
    let good = try #require(try Self.payload(store.path))
    var flippedLength = good
    flippedLength[9] ^= 0xFF
    var flippedText = good
    flippedText[20] ^= 0x01
    for bad in [Data("not a payload".utf8), Data(), good.prefix(good.count / 2), flippedLength, flippedText] {
      try Self.setPayload(store.path, bad)
      let rebuilt = try EngineLoader.engine(store: store, catalog: catalog)
      #expect(rebuilt.path == .rebuilt(stored: true))
      #expect(rebuilt.engine.book.offers == direct.engine.book.offers)
      #expect(try Self.payload(store.path) == good)
    }
  }

  @Test("a read-only database is served directly, without storing and without failing")
  func readOnly() throws {
    let f = try ExportFixture()
    try f.importSheet("sheet.csv", EngineRatesTests.sheet)
    let store = try RateStore(path: f.store.path, readOnly: true)
    let first = try EngineLoader.engine(store: store, catalog: f.catalog)
    #expect(first.path == .rebuilt(stored: false))
    #expect(first.engine.book.offers == (try WorkloadEngine(source: StoreRateSource(store: f.store), catalog: f.catalog)).book.offers)
  }

  @Test("the payload decodes to the rates encoded, prices bit for bit; anything else decodes to nil")
  func payloadRoundTrip() throws {
    let prices = ["0", "3.0000003", "15", "0.00000000000000000001", "123456789012345678901234567890.5", "-2.5"]
    let rates = prices.enumerated().map { i, p in
      Rate(
        provider: i % 2 == 0 ? .aws : .azure, service: "S", rateKey: "k\(i)", sku: "sku", sheetKey: "Zürich \"q\"",
        sheetModel: "m", model: i == 0 ? nil : "vendor/m", region: "eu", scope: .geo, tier: .batch, meter: .cacheWrite,
        variant: "5m", commitment: .oneYear, sheetUnit: "1K", sheetPrice: p, unit: "1M tokens",
        price: try! #require(ExactDecimal.parse(p)), currency: "EUR", effectiveFrom: "2026-09-01T00:00:00Z")
    }
    let data = EngineRatePayload.encode(rates, priceTexts: prices)
    let records = try #require(EngineRatePayload.decode(data)).records
    let back = records.allRates
    #expect(back == rates)
    // What the book reads without making a rate agrees with the rate made.
    #expect((0..<records.count).map { records.head(at: $0) } == rates.map { RateHead($0) })
    #expect((0..<records.count).map { records.price(at: $0) } == rates.map(\.price))
    for (a, b) in zip(back, rates) {
      #expect(ExactDecimal.format(a.price) == ExactDecimal.format(b.price))
      #expect("\(a.price)" == "\(b.price)")
    }
    #expect(EngineRatePayload.decode(data + Data([0])) == nil)
    for n in stride(from: 0, to: data.count, by: 7) {
      #expect(EngineRatePayload.decode(data.prefix(n)) == nil)
    }
    let empty = try #require(EngineRatePayload.decode(EngineRatePayload.encode([], priceTexts: [])))
    #expect(empty.records.count == 0 && empty.layout.isEmpty)
    let layout: [Int32] = [0, -1, 5, Int32.max, Int32.min]
    #expect(EngineRatePayload.decode(EngineRatePayload.encode(rates, priceTexts: prices, layout: layout))?.layout == layout)
  }

  @Test("a payload of thousands of rates round-trips; a bad record anywhere decodes to nil")
  func largePayload() throws {
    let count = 5_003
    let rates = (0..<count).map { i in
      Rate(
        provider: i % 3 == 0 ? .aws : .azure, service: "S\(i % 7)", rateKey: "rate-key-number-\(i)",
        sku: "sku-\(i / 2)", sheetKey: "sheet key \(i) long enough not to be a small string",
        sheetModel: "m\(i % 11)", model: i % 5 == 0 ? nil : "vendor/m\(i % 11)", region: "r\(i % 13)",
        scope: i % 2 == 0 ? .regional : .global, tier: .standard, meter: i % 2 == 0 ? .input : .output,
        variant: "", commitment: .none, sheetUnit: "1M", sheetPrice: "0.\(i)", unit: "1M tokens",
        price: try! #require(ExactDecimal.parse("0.\(i)")), currency: "USD", effectiveFrom: "2026-09-01T00:00:00Z")
    }
    let data = EngineRatePayload.encode(rates, priceTexts: rates.map(\.sheetPrice), layout: [7, -7])
    let back = try #require(EngineRatePayload.decode(data))
    #expect(back.records.allRates == rates)
    #expect(back.layout == [7, -7])
    // A record whose provider refers past the string table, re-signed so only the record is wrong:
    // the second, one in the middle, the last.
    let body = Array(data.dropLast(EngineRatePayload.checksumSize))
    let recordSize = 4 * EngineRatePayload.fields
    let recordsEnd = body.count - 4 * 3  // layout: count + 2 words
    let recordsStart = recordsEnd - count * recordSize
    for bad in [1, count / 2 + 1, count - 1] {
      var broken = body
      let at = recordsStart + bad * recordSize
      broken.replaceSubrange(at..<at + 4, with: [0xFE, 0xFF, 0xFF, 0x7F])
      let signed = broken + broken.withUnsafeBytes { EngineRatePayload.checksumBytes($0) }
      #expect(EngineRatePayload.decode(Data(signed)) == nil, "bad record \(bad)")
    }
  }

  @Test("the payload checksum changes when any byte changes, at any length")
  func checksumSeesEveryByte() {
    for n in [0, 1, 7, 8, 31, 32, 33, 70] {
      var bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      let base = bytes.withUnsafeBytes { EngineRatePayload.checksum($0) }
      for i in 0..<n {
        for flip: UInt8 in [0x01, 0x80, 0xFF] {
          bytes[i] ^= flip
          #expect(bytes.withUnsafeBytes { EngineRatePayload.checksum($0) } != base, "n \(n) byte \(i)")
          bytes[i] ^= flip
        }
      }
      // A trailing zero byte is a change too (the length is folded in).
      #expect((bytes + [0]).withUnsafeBytes { EngineRatePayload.checksum($0) } != base)
    }
  }

  @Test("the cache key changes with every filter field, the catalogue and the build, and a comma in a value cannot fake one")
  func cacheKeyText() {
    let base = RateFilter()
    var changed: [RateFilter] = Array(repeating: base, count: 11)
    changed[0].providers = [.aws]
    changed[1].models = ["m"]
    changed[2].regions = ["r"]
    changed[3].scopes = [.global]
    changed[4].tiers = [.batch]
    changed[5].meters = [.input]
    changed[6].currencies = ["USD"]
    changed[7].services = ["s"]
    changed[8].skus = ["k"]
    changed[9].variants = [""]
    changed[10].commitments = [.none]
    func key(_ filters: [RateFilter], catalog: String = "c", build: String = "b") -> String {
      EngineCacheKey(catalog: catalog, filters: filters, build: build).text
    }
    let texts = Set(([base] + changed).map { key([$0]) })
    #expect(texts.count == 12)
    #expect(key([base]) == key([RateFilter()]))
    var twoVariants = base
    twoVariants.variants = ["", ""]
    #expect(key([twoVariants]) != key([changed[9]]))
    // One value holding the separators of two values is another key.
    var joined = base
    joined.variants = ["a\",\"b"]
    var two = base
    two.variants = ["a", "b"]
    #expect(key([joined]) != key([two]))
    #expect(key([base], catalog: "c1") != key([base], catalog: "c2"))
    #expect(key([base], build: "b1") != key([base], build: "b2"))
    #expect(!BuildIdentity.current.isEmpty)
  }

  @Test("a stored layout that does not fit its rates is not used: the rate table is read instead")
  func badLayout() throws {
    let f = try ExportFixture()
    try f.importSheet("sheet.csv", EngineRatesTests.sheet)
    let direct = try EngineLoader.engine(store: f.store, catalog: f.catalog, useCache: false)
    let load = try f.store.cachedEngineRates(EngineLoader.cacheKey(catalogHash: f.catalog.contentHash))
    guard case .table(let all, let allTexts) = load.rates else {
      Issue.record("a store without a cache payload gave cached rates")
      return
    }
    let rates = Array(all.prefix(2))
    let texts = Array(allTexts.prefix(2))
    for layout: [Int32] in [[0], [7] + Array(repeating: -1, count: 17), [0] + Array(repeating: 2, count: 16) + [0], [1]] {
      #expect(OfferBook(rates: rates, layout: layout, catalog: f.catalog) == nil)
      #expect(f.store.storeEngineCache(key: load.key, rates: rates, priceTexts: texts, layout: layout))
      let engine = try EngineLoader.engine(store: f.store, catalog: f.catalog)
      #expect(engine.path == .direct)
      #expect(engine.engine.book.offers == direct.engine.book.offers)
    }
    // The layout of the real book rebuilds it exactly.
    let used = direct.engine.book.ratePositionsInUse()
    let book = try #require(
      OfferBook(rates: used.map { all[$0] }, layout: direct.engine.book.layout(positions: used), catalog: f.catalog))
    #expect(book.offers == direct.engine.book.offers)
    #expect(book.locations == direct.engine.book.locations)
    // So does the same layout over the rates kept encoded in a payload, as a warm run reads them.
    let payload = EngineRatePayload.encode(
      used.map { all[$0] }, priceTexts: used.map { allTexts[$0] }, layout: direct.engine.book.layout(positions: used))
    let (records, layout) = try #require(EngineRatePayload.decode(payload))
    let encoded = try #require(OfferBook(records: records, layout: layout, catalog: f.catalog))
    #expect(encoded.offers == direct.engine.book.offers)
    #expect(encoded.classExactPrices == direct.engine.book.classExactPrices)
    #expect(encoded.listingRank == direct.engine.book.listingRank)
    // The stored price classes are the ones the direct book computes.
    let d = direct.engine.book
    #expect(book.priceClassOf == d.priceClassOf)
    #expect(book.classPrices == d.classPrices)
    #expect(book.classProvider == d.classProvider)
    #expect(book.classExactPrices == d.classExactPrices)
    #expect(book.listingRank == d.listingRank)
    // Words past the classes, or a class numbered out of order, are refused.
    let words = d.layout(positions: used)
    #expect(OfferBook(rates: used.map { all[$0] }, layout: words + [0], catalog: f.catalog) == nil)
  }
}
