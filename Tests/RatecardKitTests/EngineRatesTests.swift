import CostEngine
import Foundation
import Pricing
import RateStore
import RatecardKit
import Testing

@Suite("the engine's rate load")
struct EngineRatesTests {
  /// Two models, two clouds, prices that repeat and one that parses from an exponent-free long text.
  static let sheet: [[String]] = [
    ["aws", "private", "C-IN", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "standard", "input", "1M tokens", "3.0000003", "USD", "2026-09-01"],
    ["aws", "private", "C-OUT", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "standard", "output", "1M tokens", "15", "USD", "2026-09-01"],
    ["aws", "private", "C-BIN", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "eu-west-1", "regional", "batch", "input", "1M tokens", "15", "USD", "2026-09-01"],
    ["azure", "private", "G-IN", "gpt 4o 1120", "swedencentral", "datazone", "standard", "input", "1K tokens", "0.00275", "USD", "2026-09-01"],
    ["azure", "private", "G-OUT", "gpt 4o 1120", "swedencentral", "datazone", "standard", "output", "1K tokens", "0.011", "USD", "2026-09-01"],
    ["azure", "private", "X-IN", "some unknown model", "westeurope", "regional", "standard", "input", "1M tokens", "0.5", "EUR", "2026-09-01"],
  ]

  @Test("engineRates gives the rates, in the order, that rates(_:at:) gives, filter by filter")
  func sameAsRecords() throws {
    let f = try ExportFixture()
    let run = try f.importSheet("sheet.csv", Self.sheet)
    var tokens = RateFilter()
    tokens.meters = [.input, .output]
    var batch = RateFilter()
    batch.tiers = [.batch]
    let filters = [tokens, batch, RateFilter()]
    for snapshot in [Snapshot.current, .run(run)] {
      let fast = try f.store.engineRates(filters, at: snapshot)
      let slow = try filters.flatMap { try f.store.rates($0, at: snapshot).map(\.rate) }
      #expect(fast.count == 6 + 1 + 6)
      #expect(fast == slow)
    }
  }

  @Test("the engine built from the store prices the same as one built from the records")
  func sameEngine() throws {
    let f = try ExportFixture()
    try f.importSheet("sheet.csv", Self.sheet)
    let fromStore = try WorkloadEngine(source: StoreRateSource(store: f.store), catalog: f.catalog)
    let records = try f.store.rates(RateFilter()).map(\.rate)
    let fromRecords = WorkloadEngine(rates: records, catalog: f.catalog)
    #expect(fromStore.book.offers == fromRecords.book.offers)
    #expect(fromStore.book.offers.count == 4)
  }
}
