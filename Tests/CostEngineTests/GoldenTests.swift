import CostEngine
import Foundation
import Pricing
import Testing

func parseOne(_ yaml: String) throws -> Profile {
  let profiles = try ProfileParser().parse(yaml, file: "test.yaml")
  return try #require(profiles.first)
}

func engine(_ rates: [Rate] = RealRates.all, throughput: ThroughputTable = ThroughputTable()) -> WorkloadEngine {
  WorkloadEngine(rates: rates, catalog: SharedModelsCatalog.shared, throughput: throughput)
}

func projection(_ e: WorkloadEngine, _ p: Profile, _ provider: Provider, _ model: String, _ region: String, _ scope: Scope) throws -> Projection {
  try #require(try e.project(p).first {
    $0.offer.provider == provider && $0.offer.model == model && $0.offer.region == region && $0.offer.scope == scope
  })
}

/// Monthly costs against real rates, each amount worked out by hand in the comments.
@Suite("Golden projections with real rates")
struct GoldenTests {
  static let supportBot = """
    name: support-bot
    requests_per_month: 3000000
    input_tokens: 1200
    output_tokens: 350
    cached_input_share: 0.6
    cache_write_share: 0.05
    batch_share: 0.25
    discounts: {aws: 0.05, azure: 0.10}
    """

  @Test("support-bot on Azure gpt-4o 2024-11-20, eastus2 global: batch, cache read, cache-write fallback, 10% discount")
  func azureGpt4oSupportBot() throws {
    let e = engine()
    let p = try parseOne(Self.supportBot)
    let pr = try projection(e, p, .azure, "openai/gpt-4o-2024-11-20", "eastus2", .global)
    // standard 75% = 2,250,000 requests: input 2,700,000,000 tokens, output 787,500,000.
    //   cache_read 0.6 x 2.7e9 = 1,620,000,000 x $1.25/1M = $2,025.00
    //   cache_write: no Azure price -> plain input; plain 0.35 + 0.05 = 0.40 x 2.7e9 = 1,080,000,000 x $2.50 = $2,700.00
    //   output 787,500,000 x $10 = $7,875.00
    // batch 25% = 750,000 requests: input 900,000,000, output 262,500,000.
    //   no batch cache prices -> all 900,000,000 plain at $1.25 = $1,125.00
    //   output 262,500,000 x $5 = $1,312.50
    // list = 2,025 + 2,700 + 7,875 + 1,125 + 1,312.50 = $15,037.50; -10% = $13,533.75
    #expect(pr.listMonthlyCost == dec("15037.5"))
    #expect(pr.monthlyCost == dec("13533.75"))
    #expect(pr.tiers == "standard 75% + batch 25%")
    let cacheRead = try #require(pr.lines.first { $0.meter == .cacheRead })
    #expect(cacheRead.quantity == dec("1620000000"))
    #expect(cacheRead.cost == dec("1822.5"))  // 2,025.00 x 0.9
    #expect(cacheRead.sku == "59319c39")
    #expect(cacheRead.sheetKey == "gpt 4o 1120 cached Inp glbl Tokens")
    #expect(pr.fallbacks.contains { $0.contains("no cache_write price at standard") })
    #expect(pr.fallbacks.contains { $0.contains("no cache_read price at batch") })
  }

  @Test("support-bot on AWS Nova Pro us-east-1: published zero cache write is a price, 5% discount")
  func awsNovaProSupportBot() throws {
    let e = engine()
    let p = try parseOne(Self.supportBot)
    let pr = try projection(e, p, .aws, "amazon/nova-pro-v1", "us-east-1", .regional)
    // standard: cache_read 1,620,000,000 x $0.20 = $324.00; cache_write 135,000,000 x $0 = $0.00
    //           plain 0.35 x 2.7e9 = 945,000,000 x $0.80 = $756.00; output 787,500,000 x $3.20 = $2,520.00
    // batch:    900,000,000 plain x $0.40 = $360.00 (no batch cache prices); output 262,500,000 x $1.60 = $420.00
    // list = 324 + 0 + 756 + 2,520 + 360 + 420 = $4,380.00; -5% = $4,161.00
    #expect(pr.listMonthlyCost == dec("4380"))
    #expect(pr.monthlyCost == dec("4161"))
    let write = try #require(pr.lines.first { $0.meter == .cacheWrite })
    #expect(write.quantity == dec("135000000"))
    #expect(write.cost == 0)
    #expect(write.sku == "MKEAK2HLYPN47VK8")
    #expect(!pr.fallbacks.contains { $0.contains("no cache_write price at standard") })
    #expect(pr.fallbacks.contains { $0.contains("no cache_write price at batch") })
  }

  @Test("Claude Sonnet 4.6 on Bedrock us-east-1: regional 1.10x global; the 1h cache write is not used")
  func sonnet46() throws {
    let e = engine()
    let p = try parseOne("""
      name: coder
      requests_per_month: 200000
      input_tokens: 5000
      output_tokens: 800
      cached_input_share: 0.5
      cache_write_share: 0.1
      batch_share: 0.2
      """)
    let regional = try projection(e, p, .aws, "anthropic/claude-sonnet-4.6", "us-east-1", .regional)
    // standard 80% = 160,000 requests: input 800,000,000, output 128,000,000
    //   cache_read 400,000,000 x $0.33 = $132.00; cache_write 80,000,000 x $4.125 = $330.00
    //   plain 320,000,000 x $3.30 = $1,056.00; output 128,000,000 x $16.50 = $2,112.00
    // batch 20% = 40,000 requests: plain 200,000,000 x $1.65 = $330.00; output 32,000,000 x $8.25 = $264.00
    // total = 132 + 330 + 1,056 + 2,112 + 330 + 264 = $4,224.00
    #expect(regional.monthlyCost == dec("4224"))
    #expect(regional.lines.first { $0.meter == .cacheWrite }?.sku == "0OAVOGIY7J25HQFJ")
    let global = try projection(e, p, .aws, "anthropic/claude-sonnet-4.6", "us-east-1", .global)
    // global: 400M x 0.30 = 120; 80M x 3.75 = 300; 320M x 3 = 960; 128M x 15 = 1,920; 200M x 1.5 = 300; 32M x 7.5 = 240
    // total = $3,840.00
    #expect(global.monthlyCost == dec("3840"))
  }

  @Test("parity bar excludes the cheapest model and names it; saving against current")
  func parityExcludesCheapest() throws {
    let e = engine()
    let p = try parseOne("""
      name: analyst
      requests_per_month: 100000
      input_tokens: 2000
      output_tokens: 500
      parity:
        baseline: gpt-4o@2024-11-20
        benchmark: Artificial Analysis Coding Index [metric=index]
        tolerance: 0.02
      current: {provider: azure, model: gpt-4o-2024-11-20, region: eastus2, scope: regional}
      """)
    let rec = try e.recommend(p)
    // Required score: 16.7 x (1 - 0.02) = 16.366. gpt-4o 2024-11-20 itself meets it.
    // eastus2 global: 200,000,000 x $2.50 = $500 + 50,000,000 x $10 = $500 -> $1,000.00
    // swedencentral global has the same prices: the tie goes to the region name, eastus2 < swedencentral.
    let best = try #require(rec.recommended)
    #expect(best.offer.model == "openai/gpt-4o-2024-11-20")
    #expect(best.offer.region == "eastus2" && best.offer.scope == .global)
    #expect(best.monthlyCost == dec("1000"))
    // Llama 3.3 70B would cost 200M x 0.72 + 50M x 0.72 = $180.00, but scores 10.7 < 16.366.
    let llama = try #require(rec.excluded.first { $0.model == "meta/llama-3.3-70b-instruct" })
    #expect(llama.reasons.contains { $0.hasPrefix("below parity: 10.7 on Artificial Analysis Coding Index [metric=index] < 16.366") })
    let oss = try #require(rec.excluded.first { $0.model == "openai/gpt-oss-120b" })
    #expect(oss.reasons.contains("no quality score for Artificial Analysis Coding Index [metric=index]"))
    // Current: eastus2 regional 200M x $2.75 = $550 + 50M x $11 = $550 -> $1,100.00; saving $100.00.
    #expect(rec.current?.monthlyCost == dec("1100"))
    #expect(rec.savingVsCurrent == dec("100"))
  }

  @Test("EU-only residency never proposes a global or US offer")
  func euOnly() throws {
    let e = engine()
    let p = try parseOne("""
      name: eu-chat
      requests_per_month: 1000000
      input_tokens: 1000
      output_tokens: 500
      where:
        geographies: [eu]
      """)
    let rec = try e.recommend(p, alternatives: 10)
    // gpt-oss-120b swedencentral Data Zone: 1,000,000,000 x $0.165 = $165 + 500,000,000 x $0.66 = $330 -> $495.00
    // (global swedencentral $450 and AWS us-east-1 $450 are cheaper but not allowed).
    let best = try #require(rec.recommended)
    #expect(best.offer.model == "openai/gpt-oss-120b")
    #expect(best.offer.region == "swedencentral" && best.offer.scope == .datazone)
    #expect(best.monthlyCost == dec("495"))
    for pr in [best] + rec.alternatives {
      #expect(pr.offer.scope != .global)
      #expect(SharedModelsCatalog.regions[pr.offer.region]?.geography == "eu")
    }
    let usOss = try #require(rec.excluded.first { $0.model == "openai/gpt-oss-120b" && $0.region == "us-east-1" })
    #expect(usOss.reasons == ["region us-east-1 is in geography us, not allowed (eu)"])
    let globalSweden = try #require(rec.excluded.first { $0.model == "openai/gpt-oss-120b" && $0.region == "swedencentral" && $0.scope == .global })
    #expect(globalSweden.reasons == ["scope global not allowed"])
  }

  @Test("provisioned throughput: units, 730-hour months, commitments, break-even volume")
  func provisioned() throws {
    let e = engine()
    let p = try parseOne("""
      name: bulk
      requests_per_month: 1000000
      input_tokens: 1000
      output_tokens: 300
      peak_tokens_per_minute: 100000
      throughput_per_unit: 40000
      parity: {models: [meta/llama-3.1-70b-instruct]}
      """)
    let rec = try e.recommend(p)
    // on demand: 1,000,000,000 x $0.72 = $720 + 300,000,000 x $0.72 = $216 -> $936.00
    #expect(rec.recommended?.monthlyCost == dec("936"))
    // average load 1,300,000,000 tokens / 43,800 minutes = 29,680.37 < peak 100,000:
    // units = ceil(100,000 / 40,000) = 3
    #expect(rec.provisioned.first?.sizedForTokensPerMinute == 100000)
    #expect(rec.provisioned.first.map { Money.cents($0.averageTokensPerMinute) } == dec("29680.37"))
    // 6-month commit: 13.08 x 730 = 9,548.40 x 3 = $28,645.20; 1-month: 21.18 x 730 = 15,461.40 x 3 = $46,384.20;
    // no commitment: 24 x 730 = 17,520 x 3 = $52,560.00
    #expect(rec.provisioned.map(\.unitsNeeded) == [3, 3, 3])
    #expect(rec.provisioned.map(\.monthlyCost) == [dec("28645.2"), dec("46384.2"), dec("52560")])
    #expect(rec.provisioned.first?.commitment == .sixMonths)
    // break-even: 1,000,000 x 28,645.20 / 936 = 30,603,846.1538... requests per month
    #expect(rec.provisioned.first.flatMap(\.breakEvenRequestsPerMonth).map(Money.cents) == dec("30603846.15"))
  }

  @Test("forecast grows month by month and requests_per_day converts with 730/24 days")
  func forecast() throws {
    let e = engine()
    var p = try parseOne("""
      name: growing
      requests_per_day: 2400
      input_tokens: 1000
      output_tokens: 1000
      growth_per_month: 0.1
      where: {providers: [aws], regions: [us-east-1]}
      parity: {models: [llama 3.3 70b]}
      """)
    // 2,400 x 730 / 24 = 73,000 requests/month; 73,000,000 tokens each way x $0.72 x 2 = $105.12
    #expect(p.requestsPerMonth == 73000)
    let pr = try #require(try e.project(p).first)
    #expect(pr.monthlyCost == dec("105.12"))
    // month 3 (index 2): 105.12 x 1.1^2 = 127.1952
    #expect(pr.forecast(month: 2, growth: p.growthPerMonth) == dec("127.1952"))
    p.growthPerMonth = 0
    #expect(pr.forecast(month: 5, growth: 0) == dec("105.12"))
  }
}
