@testable import CostEngine
import Foundation
import Pricing
import Testing

@Suite("Engine behaviour")
struct EngineBehaviourTests {
  static let plain = """
    name: plain
    requests_per_month: 1000000
    input_tokens: 1000
    output_tokens: 500
    """

  @Test("a missing needed meter excludes the offer with the reason, never counts as zero")
  func missingMeter() throws {
    let e = engine(RealRates.claude3HaikuInputOnly + RealRates.novaPro)
    let rec = try e.recommend(try parseOne(Self.plain))
    let haiku = try #require(rec.excluded.first { $0.model == "anthropic/claude-3-haiku-20240307" })
    #expect(haiku.reasons == ["no price for a needed meter: standard output"])
    #expect(rec.recommended?.offer.model == "amazon/nova-pro-v1")
  }

  @Test("the mantle endpoint is found by its `-mantle-` infix anywhere in the sheet key, and only there")
  func mantleInfix() {
    for key in ["-mantle-", "abc-mantle-", "-mantle-xyz", "USE1-mantle-InputTokenCount", "a--mantle--b", "--mantle-"] {
      #expect(Offer.containsMantle(key), "\(key)")
    }
    for key in ["", "-mantle", "mantle-", "-mantl-", "-Mantle-", "USE1-mantleInputTokens", "-mantle_", "-m"] {
      #expect(!Offer.containsMantle(key), "\(key)")
    }
  }

  @Test("ties are broken by provider, model, region, scope whatever the rate order")
  func tieBreak() throws {
    let p = try parseOne(Self.plain)
    // gpt-oss-120b costs 1e9 x 0.15 + 5e8 x 0.6 = $450.00 on AWS us-east-1 regional and on Azure
    // eastus2 / swedencentral global: aws sorts first.
    var rates = RealRates.gptOssAWS + RealRates.gptOssAzure("eastus2") + RealRates.gptOssAzure("swedencentral")
    let first = try engine(rates).recommend(p, alternatives: 5)
    #expect(first.recommended?.monthlyCost == dec("450"))
    #expect(first.recommended?.offer.provider == .aws)
    let order = ([first.recommended!] + first.alternatives).map {
      "\($0.offer.provider.rawValue) \(([$0.offer.region] + $0.otherRegions).joined(separator: "+")) \($0.offer.scope.rawValue) \($0.offer.endpoint)"
    }
    // The legacy (in-region) and mantle SKUs are two endpoint families, so two choices; one Azure
    // deployment type at one cost in two regions is one choice.
    #expect(order == [
      "aws us-east-1 regional in-region", "aws us-east-1 regional mantle", "azure eastus2+swedencentral global ",
      "azure eastus2+swedencentral datazone ",
    ])
    #expect(first.recommended?.lines.first { $0.meter == .input }?.sku == "P9OJ5CITLL2SGJVW")
    #expect(first.alternatives.first?.lines.first { $0.meter == .input }?.sku == "6IXWNI5NECS8SJZL")
    for seed in 1...5 {
      var g = SeededGenerator(seed: UInt64(seed))
      rates.shuffle(using: &g)
      let again = try engine(rates).recommend(p, alternatives: 5)
      #expect(([again.recommended!] + again.alternatives) == ([first.recommended!] + first.alternatives))
      #expect(again.excluded == first.excluded)
    }
  }

  @Test("batch share falls back to standard where an offer has no batch price, visibly")
  func batchFallback() throws {
    var p = try parseOne(Self.plain)
    p.batchShare = dec("0.5")
    let e = engine(RealRates.llama33)
    let pr = try #require(try e.project(p).first)
    // no batch prices for Llama 3.3 in this set: all 1e9 input + 5e8 output at $0.72 = $1,080.00
    #expect(pr.monthlyCost == dec("1080"))
    #expect(pr.tiers == "standard")
    #expect(pr.fallbacks == ["no batch price: the batch share (50%) is priced at the standard tier"])
  }

  @Test("long-context share uses long-context rates where present, else the normal rate with a note")
  func longContext() throws {
    var p = try parseOne(Self.plain)
    p.longContextShare = dec("0.1")
    let long = [
      rate(.aws, "AmazonBedrockService", sku: "LC1", key: "USE1-Claude4Sonnet-input-tokens-long-context-cross-region-global",
        sheetModel: "Claude Sonnet 4", model: "anthropic/claude-sonnet-4-20250514", region: "us-east-1", scope: .global,
        meter: .input, variant: "long-context", perMillion: "6"),
      rate(.aws, "AmazonBedrockService", sku: "LC2", key: "USE1-Claude4Sonnet-output-tokens-long-context-cross-region-global",
        sheetModel: "Claude Sonnet 4", model: "anthropic/claude-sonnet-4-20250514", region: "us-east-1", scope: .global,
        meter: .output, variant: "long-context", perMillion: "22.5"),
      rate(.aws, "AmazonBedrockService", sku: "S1", key: "USE1-Claude4Sonnet-input-tokens-cross-region-global",
        sheetModel: "Claude Sonnet 4", model: "anthropic/claude-sonnet-4-20250514", region: "us-east-1", scope: .global,
        meter: .input, perMillion: "3"),
      rate(.aws, "AmazonBedrockService", sku: "S2", key: "USE1-Claude4Sonnet-output-tokens-cross-region-global",
        sheetModel: "Claude Sonnet 4", model: "anthropic/claude-sonnet-4-20250514", region: "us-east-1", scope: .global,
        meter: .output, perMillion: "15"),
    ]
    let pr = try #require(try engine(long).project(p).first)
    // normal 90%: 9e8 x $3 = 2,700 + 4.5e8 x $15 = 6,750; long 10%: 1e8 x $6 = 600 + 5e7 x $22.50 = 1,125
    // total $11,175.00
    #expect(pr.monthlyCost == dec("11175"))
    #expect(pr.lines.filter { $0.variant == "long-context" }.map(\.sku) == ["LC1", "LC2"])
    let fallback = try #require(try engine(RealRates.llama33).project(p).first)
    #expect(fallback.monthlyCost == dec("1080"))
    #expect(fallback.fallbacks.contains { $0.hasPrefix("no long-context price at standard") })
  }

  @Test("capabilities, context, government regions and providers exclude with reasons")
  func exclusions() throws {
    let p = try parseOne("""
      name: tools
      requests_per_month: 1000
      input_tokens: 1000
      output_tokens: 100
      where: {providers: [aws]}
      needs:
        capabilities: [structured_output, vision]
        min_context: 200000
      """)
    let gov = rate(.aws, "AmazonBedrock", sku: "G1", key: "UGW1-NovaPro-input-tokens", sheetModel: "Nova Pro",
      region: "us-gov-west-1", scope: .regional, meter: .input, perMillion: "0.96")
    let gov2 = rate(.aws, "AmazonBedrock", sku: "G2", key: "UGW1-NovaPro-output-tokens", sheetModel: "Nova Pro",
      region: "us-gov-west-1", scope: .regional, meter: .output, perMillion: "3.84")
    let rec = try engine(RealRates.all + [gov, gov2]).recommend(p)
    #expect(rec.recommended?.offer.model == "amazon/nova-pro-v1")
    #expect(rec.recommended?.offer.region == "us-east-1")
    let llama = try #require(rec.excluded.first { $0.model == "meta/llama-3.3-70b-instruct" })
    #expect(llama.reasons == [
      "missing capability: structured_output (not stated for the model)", "missing capability: vision",
      "context too small: 128000 < 200000 tokens",
    ])
    let azure = try #require(rec.excluded.first { $0.provider == .azure })
    #expect(azure.reasons.first == "provider azure not allowed")
    let g = try #require(rec.excluded.first { $0.region == "us-gov-west-1" })
    #expect(g.reasons == ["government region us-gov-west-1 not allowed"])
  }

  @Test("currency: only rates in the profile's currency are used")
  func currency() throws {
    var p = try parseOne(Self.plain)
    p.currency = "EUR"
    let eur = RealRates.gptOssAzure("swedencentral").map { r -> Rate in
      var r = r
      r.currency = "EUR"
      r.price = r.price * dec("0.86")
      return r
    }
    let list = try engine(RealRates.all + eur).project(p)
    #expect(list.allSatisfy { $0.currency == "EUR" })
    // global: 1e9 x 0.129 + 5e8 x 0.516 = 129 + 258 = EUR 387.00
    #expect(list.first?.monthlyCost == dec("387"))
  }

  @Test("rounding for display: half away from zero, to cents")
  func rounding() {
    #expect(Money.display(dec("0.125")) == "0.13")
    #expect(Money.display(dec("-0.125")) == "-0.13")
    #expect(Money.display(dec("2.675")) == "2.68")
    #expect(Money.display(dec("0.124999")) == "0.12")
    #expect(Money.display(dec("13533.75")) == "13,533.75")
    #expect(Money.display(dec("-1234567.895")) == "-1,234,567.90")
    #expect(Money.whole(dec("138015624.5")) == "138,015,625")
    #expect(Money.display(dec("7")) == "7.00")
  }

  @Test("compare: one model across providers, regions and scopes with premium, parity, undercut")
  func compare() throws {
    let e = engine()
    let c = try e.compare(model: "gpt-oss-120b")
    // standard mix 3M input + 1M output: $0.15 x 3 + $0.60 = $1.05 (AWS us-east-1, Azure global)
    // Azure Data Zone $0.165 x 3 + $0.66 = $1.155 -> +10% premium
    #expect(c.model == "openai/gpt-oss-120b")
    #expect(c.rows.first?.projection.monthlyCost == dec("1.05"))
    let dz = try #require(c.rows.first { $0.projection.offer.scope == .datazone })
    #expect(dz.premiumPercent == 10)
    #expect(dz.position == "premium")
    let aws = try #require(c.rows.first { $0.projection.offer.provider == .aws })
    #expect(aws.versusOtherCloudPercent == 0 && aws.position == "parity")
    let eu = try e.compare(model: "gpt-oss-120b", geography: "eu")
    #expect(eu.rows.allSatisfy { $0.projection.offer.region == "swedencentral" })
  }
}

/// A small deterministic generator for shuffles in tests.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }
}

@Suite("Monthly cost and lines")
struct LineSumTests {
  @Test("every offer, several profiles: the monthly cost equals the sum of the shown lines")
  func agree() throws {
    let e = engine()
    let yamls = [
      GoldenTests.supportBot,
      "name: a\nrequests_per_day: 1234.5\ninput_tokens: 777\noutput_tokens: 55\ncached_input_share: 0.33\nbatch_share: 1\n",
      "name: b\nrequests_per_month: 99\ninput_tokens: 100000\noutput_tokens: 0\nlong_context_share: 0.4\ncache_write_share: 0.2\ndiscounts: {aws: 0.125}\n",
    ]
    for y in yamls {
      let p = try parseOne(y)
      let all = try e.project(p)
      #expect(!all.isEmpty)
      for pr in all {
        let lines = pr.lines.reduce(Decimal(0)) { $0 + $1.cost }
        #expect(lines == pr.monthlyCost, "\(p.name) \(pr.offer.model) \(pr.offer.region) \(pr.offer.scope)")
      }
    }
  }
}
