import CostEngine
import Foundation
import Pricing
import RateStore
import RatecardKit
import Reports
import TestSupport
import Testing

@Suite("export projection (plain and FOCUS) through the store and the real catalogue")
struct ExportProjectionTests {
  /// Claude Sonnet 4.6 on Bedrock (with batch and cache prices) and GPT-4o on Azure (standard
  /// input and output only), as the catalogue knows them by their sheet names.
  static let sheet: [[String]] = [
    ["aws", "private", "C-IN", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "standard", "input", "1M tokens", "3.0000003", "USD", "2026-09-01"],
    ["aws", "private", "C-OUT", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "standard", "output", "1M tokens", "15", "USD", "2026-09-01"],
    ["aws", "private", "C-CR", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "standard", "cache_read", "1M tokens", "0.3", "USD", "2026-09-01"],
    ["aws", "private", "C-BIN", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "batch", "input", "1M tokens", "1.5", "USD", "2026-09-01"],
    ["aws", "private", "C-BOUT", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "us-east-1", "regional", "batch", "output", "1M tokens", "7.5", "USD", "2026-09-01"],
    ["azure", "private", "G-IN", "gpt 4o 1120", "swedencentral", "datazone", "standard", "input", "1K tokens", "0.00275", "USD", "2026-09-01"],
    ["azure", "private", "G-OUT", "gpt 4o 1120", "swedencentral", "datazone", "standard", "output", "1K tokens", "0.011", "USD", "2026-09-01"],
  ]

  /// Requests per day make repeating decimals (x 730 / 24), growth makes long factors.
  static let profiles = """
    name: finance-test
    requests_per_day: 1000
    input_tokens: 1000
    output_tokens: 333
    cached_input_share: 0.2
    batch_share: 0.5
    growth_per_month: 0.05
    discounts: {aws: 0.03, azure: 0.1}
    ---
    name: nowhere
    requests_per_month: 1000
    input_tokens: 10
    output_tokens: 10
    where: {regions: [mars-north-1]}
    """

  struct Setup {
    let fixture: ExportFixture
    let engine: WorkloadEngine
    let profiles: [Profile]
    let context: FinanceContext
    let run: Int64
  }

  func setup() throws -> Setup {
    let f = try ExportFixture()
    let run = try f.importSheet("sheet.csv", Self.sheet)
    let engine = try WorkloadEngine(source: StoreRateSource(store: f.store), catalog: f.catalog)
    let profiles = try ProfileParser().parse(Self.profiles, file: "profiles.yaml")
    let context = try ProjectionExports.context(
      catalog: f.catalog, store: f.store, snapshot: .current, start: FinancePeriod("2027-11")!)
    return Setup(fixture: f, engine: engine, profiles: profiles, context: context, run: run)
  }

  @Test("recommended offer: rows = months x lines, month totals exact and to the cent, catalogue names")
  func recommended() throws {
    let s = try setup()
    let months = 14
    let text = try s.fixture.export {
      let summary = try ProjectionExports.write(
        engine: s.engine, profiles: s.profiles, options: .init(months: months), context: s.context, to: $0)
      #expect(summary.profilesWithoutOffer == ["nowhere"])
    }
    let csv = try ExportCSV(text)
    #expect(csv.header == FinanceProjectionCSV.columns)
    let profile = s.profiles[0]
    let best = try #require(try s.engine.projectTop(profile, top: 1).offers.first)
    #expect(csv.rows.count == best.lines.count * months)
    #expect(csv.rows.allSatisfy { $0["rank"] == "1" && $0["profile"] == "finance-test" })
    #expect(csv.rows.allSatisfy { $0["model"] == best.offer.model && $0["priceSnapshot"] == "run:\(s.run)" })
    let regionName = try #require(s.fixture.catalog.region(provider: best.offer.provider, code: best.offer.region)?.displayName)
    #expect(csv.rows.allSatisfy { $0["regionName"] == regionName })
    var grandRounded: Decimal = 0
    for m in 1...months {
      let rows = csv.rows.filter { $0["month"] == String(m) }
      #expect(rows.count == best.lines.count)
      let forecast = best.forecast(month: m - 1, growth: profile.growthPerMonth)
      let exact = rows.reduce(Decimal(0)) { $0 + ExportCSV.number($1, "cost")! }
      let rounded = rows.reduce(Decimal(0)) { $0 + ExportCSV.number($1, "costRounded")! }
      // Full precision: equal to the engine's forecast up to Decimal's 38 significant digits.
      #expect(abs(exact - forecast) < Decimal(string: "1e-20")!)
      #expect(rounded == FinanceRounding.cents(forecast))
      grandRounded += rounded
      for row in rows {
        let exactLine = try #require(ExportCSV.number(row, "cost"))
        #expect(abs(try #require(ExportCSV.number(row, "costRounded")) - exactLine) < Decimal(string: "0.01")!)
        #expect(row["rateKey"] == row["sku"])
        #expect(row["sheetModel"] == "Claude Sonnet 4.6 (Amazon Bedrock Edition)")
      }
    }
    // The export's rounded total is the sum of its rounded months.
    #expect(csv.sum("costRounded") == grandRounded)
  }

  @Test("--all-offers --focus: every eligible offer, FOCUS totals per offer and month, the snapshot named")
  func allOffersFocus() throws {
    let s = try setup()
    let months = 3
    let context = try ProjectionExports.context(
      catalog: s.fixture.catalog, store: s.fixture.store, snapshot: .date("2026-12-31T23:59:59Z"),
      start: FinancePeriod("2027-11")!)
    let text = try s.fixture.export {
      try ProjectionExports.write(
        engine: s.engine, profiles: s.profiles,
        options: .init(months: months, allOffers: true, focus: true), context: context, to: $0)
    }
    let csv = try ExportCSV(text)
    #expect(csv.header == FocusForecast.columns)
    let profile = s.profiles[0]
    let all = try s.engine.project(profile)
    #expect(all.count == 2)
    #expect(csv.rows.count == all.reduce(0) { $0 + $1.lines.count } * months)
    for (i, p) in all.enumerated() {
      for m in 1...months {
        let rows = csv.rows.filter { $0["x_Rank"] == String(i + 1) && $0["x_ForecastMonth"] == String(m) }
        #expect(rows.count == p.lines.count)
        let forecast = p.forecast(month: m - 1, growth: profile.growthPerMonth)
        let billed = rows.reduce(Decimal(0)) { $0 + ExportCSV.number($1, "BilledCost")! }
        #expect(abs(billed - forecast) < Decimal(string: "1e-20")!)
        #expect(rows.reduce(Decimal(0)) { $0 + ExportCSV.number($1, "x_BilledCostRounded")! } == FinanceRounding.cents(forecast))
        #expect(rows.allSatisfy { $0["ProviderName"] == (p.offer.provider == .aws ? "AWS" : "Microsoft") })
        let vendor = s.fixture.catalog.model(p.offer.model)?.vendor
        #expect(vendor != nil && rows.allSatisfy { $0["PublisherName"] == vendor })
      }
    }
    #expect(csv.rows.allSatisfy { $0["x_PriceSnapshot"] == "2026-12-31T23:59:59Z" && $0["x_IsForecast"] == "true" })
    #expect(csv.rows.first?["BillingPeriodStart"] == "2027-11-01T00:00:00Z")
    #expect(csv.rows.last?["BillingPeriodEnd"] == "2028-02-01T00:00:00Z")
  }

  @Test("streams: many rows leave in chunks of at most 512 lines, never as one string")
  func streams() throws {
    let s = try setup()
    var chunks: [String] = []
    let summary = try ProjectionExports.write(
      engine: s.engine, profiles: s.profiles, options: .init(months: 120, allOffers: true),
      context: s.context
    ) { chunks.append($0) }
    let text = chunks.joined()
    let csv = try ExportCSV(text)
    #expect(summary.rows == csv.rows.count)
    #expect(summary.rows > 512)
    #expect(chunks.count == 1 + (summary.rows + 511) / 512)  // the header, then full chunks
    for chunk in chunks.dropFirst() {
      #expect(try ExportCSV(FinanceProjectionCSV.columns.joined(separator: ",") + "\r\n" + chunk).rows.count <= 512)
    }
  }
}
