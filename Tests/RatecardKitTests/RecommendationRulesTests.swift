import CostEngine
import Foundation
import Pricing
import RatecardKit
import Reports
import TestSupport
import Testing

/// The rules that decide which offers are compared and which score qualifies them (issue 15),
/// each on the real sheets: the shared ones (../shared/pricesheets) or the demo's (data/sheets).
@Suite("Recommendation rules on the real sheets", .serialized)
struct RecommendationRulesTests {
  func shared() throws -> WorkloadEngine { try RealSheetEngines.shared.get().engine }
  func demo() throws -> WorkloadEngine { try RealSheetEngines.demo.get().engine }

  static let eloParity = """
    name: elo-parity
    requests_per_month: 100000
    input_tokens: 1000
    output_tokens: 200
    parity:
      baseline: gpt-4o-2024-08-06
      benchmark: "LMArena text Elo (style control)"
    """

  @Test("parity counts the benchmark the profile names, brackets included: gpt-5-nano's only score is the [high] variant")
  func exactBenchmark() throws {
    let e = try shared()
    let p = try profile(Self.eloParity)
    let rec = try e.recommend(p, alternatives: 3, includeExcluded: false)
    let shown = [rec.recommended].compactMap { $0 } + rec.alternatives
    #expect(!shown.isEmpty)
    #expect(!shown.contains { $0.offer.model == "openai/gpt-5-nano-2025-08-07" })
    // Every shown offer carries the score row that qualified it, on exactly that benchmark.
    for s in shown {
      let evidence = try #require(s.parity.first?.score)
      #expect(evidence.benchmark == "LMArena text Elo (style control)")
      #expect(evidence.score >= (s.parity.first?.required ?? 0))
      #expect(!evidence.asOf.isEmpty && !evidence.source.isEmpty)
    }
    let why = try e.explain(p, model: "gpt-5-nano-2025-08-07", recommendation: rec)
    #expect(why.rows.allSatisfy { $0.status == "excluded" })
    #expect(why.rows.allSatisfy { $0.reasons.contains("no quality score for LMArena text Elo (style control)") })
    #expect(why.verdict.contains("excluded in all"))
    // The baseline itself is eligible and dearer: the explanation says by how much.
    let baseline = try e.explain(p, model: "gpt-4o-2024-08-06", recommendation: rec)
    let eligible = baseline.rows.filter { $0.status == "eligible" }
    #expect(!eligible.isEmpty)
    #expect(eligible.allSatisfy { ($0.dearerBy ?? 0) > 0 && $0.reasons.isEmpty })
    #expect(baseline.verdict.contains("more than the recommended"))
  }

  @Test("a bar on the [thinking-32k] variant admits only models scored on it; group_variants is an explicit opt-in")
  func variantBar() throws {
    let e = try shared()
    let thinking = try profile("""
      name: thinking
      requests_per_month: 1000
      input_tokens: 1000
      output_tokens: 100
      parity:
        min_scores: {"LMArena text Elo (style control) [thinking-32k]": 1300}
      """)
    let all = try e.project(thinking)
    #expect(!all.isEmpty)
    let scored: Set = [
      "anthropic/claude-3.7-sonnet-20250219", "anthropic/claude-sonnet-4-20250514",
      "anthropic/claude-sonnet-4.5-20250929", "anthropic/claude-opus-4.5-20251101",
    ]
    #expect(Set(all.map(\.offer.model)).isSubset(of: scored))
    // Opted in, the [high] variant (independent, like the plain score) stands for the plain one.
    var grouped = try profile(Self.eloParity + "\n  group_variants: true\n")
    grouped.name = "grouped"
    #expect(grouped.groupBenchmarkVariants)
    let rec = try e.recommend(grouped, alternatives: 0, includeExcluded: false)
    let best = try #require(rec.recommended)
    #expect(best.offer.model == "openai/gpt-5-nano-2025-08-07")
    #expect(best.parity.first?.score?.benchmark == "LMArena text Elo (style control) [high]")
    // The engine knows a group by the catalogue's own grouping (BenchmarkName.group): spacing
    // and brackets as the catalogue reads them, so the same name finds the same scores.
    var spaced = try profile(
      Self.eloParity.replacingOccurrences(of: "\"LMArena text Elo", with: "\"LMArena  text Elo ")
        + "\n  group_variants: true\n")
    spaced.name = "grouped"
    let same = try e.recommend(spaced, alternatives: 0, includeExcluded: false)
    #expect(same.recommended?.offer == best.offer)
    #expect(same.recommended?.parity.first?.score?.benchmark == "LMArena text Elo (style control) [high]")
  }

  @Test("exclusions are listed by provider, model, region and scope, and every offer of the currency is either ranked or listed once")
  func exclusionOrder() throws {
    let e = try shared()
    let p = try profile(Self.eloParity + "\nwhere: {geographies: [eu]}\n")
    let rec = try e.recommend(p, alternatives: 3, includeExcluded: true)
    #expect(rec.excluded.count > 1_000)
    for (a, b) in zip(rec.excluded, rec.excluded.dropFirst()) {
      let ka = (a.provider.rawValue, a.model, a.region, a.scope.rank)
      let kb = (b.provider.rawValue, b.model, b.region, b.scope.rank)
      #expect(ka <= kb, "\(ka) listed before \(kb)")
    }
    #expect(rec.eligibleCount + rec.excludedCount == e.book.offerCount(currency: "USD"))
    #expect(rec.excluded.count == rec.excludedCount)
  }

  @Test("a chat profile compares chat models only; kind: audio compares audio models")
  func kind() throws {
    let e = try shared()
    let chat = try profile("name: chat\nrequests_per_month: 100000\ninput_tokens: 2000\noutput_tokens: 100\n")
    let kinds = Set(try e.project(chat).map { e.catalog.modelFacts($0.offer.model)?.kind })
    #expect(kinds == ["chat"])
    let audio = try profile("name: audio\nkind: audio\nrequests_per_month: 1000\ninput_tokens: 100\noutput_tokens: 100\n")
    let audioKinds = Set(try e.project(audio).map { e.catalog.modelFacts($0.offer.model)?.kind })
    #expect(audioKinds == ["audio"])
    let rec = try e.recommend(chat, alternatives: 0, includeExcluded: false)
    // babbage-002's Azure rates are all fine-tuned (no base price to compare), so an audio model
    // stands for the non-chat kinds here.
    let why = try e.explain(chat, model: "gpt-4o-mini-audio-preview-2024-12-17", recommendation: rec)
    #expect(!why.rows.isEmpty)
    #expect(why.rows.allSatisfy { $0.reasons.contains("kind audio, the profile compares chat models") })
  }

  @Test("kind: embedding compares the embedding models at their embedding input meters (Titan Text Embeddings V2 us-east-1)")
  func embeddingKind() throws {
    let e = try shared()
    let p = try profile("""
      name: embedder
      kind: embedding
      requests_per_month: 2000000
      input_tokens: 500
      output_tokens: 0
      where: {providers: [aws], regions: [us-east-1], scopes: [regional]}
      """)
    let all = try e.project(p)
    #expect(!all.isEmpty)
    #expect(Set(all.map { e.catalog.modelFacts($0.offer.model)?.kind }) == ["embedding"])
    // USE1-TitanEmbeddingV2-Text-input-tokens: 0.00002 per 1K tokens; 1e9 tokens cost 20.
    let best = try #require(try e.recommend(p, alternatives: 0, includeExcluded: false).recommended)
    #expect(best.offer.model == "amazon/titan-embed-text-v2")
    #expect(best.monthlyCost == 20)
    #expect(best.lines.map(\.sheetKey) == ["USE1-TitanEmbeddingV2-Text-input-tokens"])
  }

  @Test("compare prices an embedding model on its input alone: text-embedding-3-small at 0.00002 per 1K, 3M tokens = 0.06")
  func compareEmbedding() throws {
    let e = try shared()
    let c = try e.compare(model: "text-embedding-3-small")
    #expect(c.profile.outputTokens == 0 && c.profile.kind == "embedding")
    #expect(!c.rows.isEmpty)
    #expect(c.excluded.isEmpty)
    let cheapest = try #require(c.rows.first?.projection)
    #expect(cheapest.monthlyCost == Decimal(string: "0.06"))
    #expect(cheapest.lines.map(\.sheetKey) == ["text-embedding-3-small-glbl Tokens"])
    #expect(c.rows.allSatisfy { $0.projection.lines.allSatisfy { $0.meter == .input } })
    // A chat model keeps the 3M + 1M mix.
    #expect(try e.compare(model: "gpt-4o-2024-11-20").profile == WorkloadEngine.standardMix())
  }

  @Test("per-day volumes are exact: 1,000 requests/day of 100 + 100 tokens on gemma-3-4b us-east-1 cost 0.365")
  func perDayExact() throws {
    let e = try shared()
    let p = try profile("""
      name: per-day
      requests_per_day: 1000
      input_tokens: 100
      output_tokens: 100
      where: {providers: [aws], regions: [us-east-1], scopes: [regional]}
      parity: {models: [gemma-3-4b-it]}
      """)
    let best = try #require(try e.recommend(p, alternatives: 0, includeExcluded: false).recommended)
    #expect(best.monthlyCost == Decimal(string: "0.365"))
    #expect(Money.display(best.monthlyCost) == "0.37")
  }

  @Test("one offer is one endpoint family: Claude Haiku 4.5 us-east-1 mantle and Marketplace are two offers, never mixed")
  func endpointFamily() throws {
    let e = try shared()
    let p = try profile("""
      name: haiku
      requests_per_month: 1000000
      input_tokens: 2000
      output_tokens: 500
      cached_input_share: 0.5
      cache_write_share: 0.3
      where: {providers: [aws], regions: [us-east-1], scopes: [regional]}
      parity: {models: [claude-haiku-4.5]}
      """)
    let offers = try e.project(p)
    #expect(offers.count >= 2)
    for o in offers {
      let mantle = o.lines.filter { $0.sheetKey.contains("-mantle-") }.count
      let marketplace = o.lines.filter { $0.service == "AmazonBedrockFoundationModels" }.count
      #expect(mantle == 0 || mantle == o.lines.count, "\(o.offer.endpoint): \(o.lines.map(\.sheetKey))")
      #expect(marketplace == 0 || marketplace == o.lines.count, "\(o.offer.endpoint): \(o.lines.map(\.sheetKey))")
    }
    #expect(Set(offers.map(\.offer.endpoint)).isSuperset(of: ["mantle", "marketplace"]))
    let mantle = try #require(offers.first { $0.offer.endpoint == "mantle" })
    let marketplace = try #require(offers.first { $0.offer.endpoint == "marketplace" })
    // Marketplace regional prices are 1.1x mantle's on every meter (1.1 vs 1, 5.5 vs 5, ...).
    #expect(marketplace.monthlyCost == mantle.monthlyCost * Decimal(string: "1.1")!)
  }

  @Test("an offer priced by fallback is marked; --no-fallback ranks only fully priced offers (Sonnet 4 long context)")
  func fallbackVisible() throws {
    let e = try shared()
    let p = try profile("""
      name: long
      requests_per_month: 100000
      input_tokens: 300000
      output_tokens: 1000
      long_context_share: 0.5
      where: {providers: [aws], regions: [us-east-1], scopes: [regional, global]}
      parity: {models: [claude-sonnet-4-20250514]}
      """)
    let loose = try #require(try e.recommend(p, alternatives: 3, includeExcluded: true).recommended)
    #expect(loose.pricedByFallback)
    #expect(loose.fallbacks.contains { $0.contains("no long-context price") })
    let strict = try e.recommend(p, alternatives: 3, includeExcluded: true, allowFallback: false)
    let strictBest = strict.recommended
    let best = try #require(strictBest)
    #expect(!best.pricedByFallback)
    #expect(best.lines.contains { $0.variant == "long-context" })
    #expect(best.monthlyCost > loose.monthlyCost)
    #expect(strict.excluded.contains { $0.reasons.contains { $0.hasPrefix("priced by fallback (--no-fallback): no long-context price") } })
    // The JSON says it per offer.
    var json = ""
    try JSONFormatter().render(EngineViews.recommendations([try e.recommend(p)], format: .json)) { json += $0 }
    #expect(json.contains("\"pricedByFallback\": true"))
  }

  @Test("the README demo sizes provisioned throughput only with the offer's own capacity rates, and says why it skipped")
  func provisionedOwnRates() throws {
    let e = try demo()
    let profiles = try ProfileParser().parseFile(TestPaths.packageRoot.appendingPathComponent("data/profiles/workloads.yaml").path)
    let chat = try #require(profiles.first { $0.name == "internal-chat" })
    let rec = try e.recommend(chat)
    #expect(rec.recommended?.offer.model == "openai/gpt-oss-120b")
    #expect(!rec.provisioned.contains { $0.sheetKey.contains("NovaCanvas") })
    #expect(rec.provisioned.isEmpty)
    #expect(rec.provisionedNote?.contains("no capacity rate") == true)
  }

  @Test("Azure PTUs: never an overage or available meter; the units cover the average load, not only the peak")
  func provisionedAzure() throws {
    let e = try shared()
    let p = try profile("""
      name: ptu
      requests_per_month: 30000000
      input_tokens: 2000
      output_tokens: 500
      where: {providers: [azure], regions: [eastus2], scopes: [global]}
      parity: {models: [gpt-4o-2024-11-20]}
      peak_tokens_per_minute: 1000
      throughput_per_unit: 2500
      """)
    let rec = try e.recommend(p, alternatives: 0, includeExcluded: false)
    #expect(!rec.provisioned.isEmpty)
    #expect(!rec.provisioned.contains { $0.sheetKey.lowercased().contains("overage") || $0.sheetKey.lowercased().contains("available") })
    // 30M x 2,500 tokens a month = 75e9 / 43,800 minutes = 1,712,328.77 tokens/min: 685 units, not 1.
    let o = try #require(rec.provisioned.first)
    #expect(o.unitsNeeded == 685)
    #expect(o.sizedForTokensPerMinute == o.averageTokensPerMinute)
  }

  @Test("alternatives are distinct choices; one model at one cost in many regions is one row, the home region shown")
  func collapsedRegions() throws {
    let e = try shared()
    let base = """
      name: nano
      requests_per_month: 100000
      input_tokens: 1000
      output_tokens: 200
      where:
        providers: [azure]
        scopes: [global]
      """
    let rec = try e.recommend(try profile(base), alternatives: 3, includeExcluded: false)
    let best = try #require(rec.recommended)
    #expect(best.otherRegions.count >= 10)
    #expect(best.offer.region == ([best.offer.region] + best.otherRegions).min())
    let choices = ([best] + rec.alternatives).map { "\($0.offer.model)|\($0.offer.scope)|\($0.offer.endpoint)|\($0.monthlyCost)" }
    #expect(Set(choices).count == choices.count)
    let home = try #require(best.otherRegions.last)
    let atHome = try e.recommend(try profile(base + "\n  home_region: \(home)\n"), alternatives: 3, includeExcluded: false)
    #expect(atHome.recommended?.offer.region == home)
    #expect(atHome.recommended?.monthlyCost == best.monthlyCost)
  }

  @Test("project and export projection carry the current deployment as a row of rank current")
  func currentRow() throws {
    let engines = try RealSheetEngines.demo.get()
    let p = try profile("""
      name: with-current
      requests_per_month: 250000
      input_tokens: 800
      output_tokens: 600
      parity: {models: [gpt-oss-120b]}
      current: {provider: aws, model: Llama 3.3 70B, region: us-east-1, scope: regional}
      """)
    let result = try engines.engine.projectTop(p, top: 2)
    let current = try #require(result.current)
    #expect(current.offer.model == "meta/llama-3.3-70b-instruct")
    #expect(current.monthlyCost == 252)
    var csv = ""
    let context = FinanceContext(
      start: try #require(FinancePeriod("2026-01")), priceSnapshot: "test", regionName: { _, _ in nil }, publisher: { _ in nil })
    try ProjectionExports.write(
      engine: engines.engine, profiles: [p], options: .init(months: 1), context: context) { csv += $0 }
    let rows = csv.components(separatedBy: "\r\n").dropFirst()
    #expect(rows.contains { $0.hasPrefix("with-current,current,1,") && $0.contains("meta/llama-3.3-70b-instruct") })
    #expect(rows.contains { $0.hasPrefix("with-current,1,1,") })
  }
}
