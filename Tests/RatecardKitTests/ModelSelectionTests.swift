import CostEngine
import Foundation
import Pricing
import TestSupport
import Testing

/// `project` / `recommend --model`: an eligibility rule inside the engine (issue 16), checked on
/// every shared sheet with the sample support-bot profile (EU residency, tools, a coding-index
/// parity bar, current gpt-4o-2024-11-20 swedencentral datazone).
@Suite("--model narrows the eligible offers on the real sheets", .serialized)
struct ModelSelectionTests {
  func shared() throws -> WorkloadEngine { try RealSheetEngines.shared.get().engine }

  static func supportBot(models: Set<String>? = nil) throws -> Profile {
    let path = TestPaths.packageRoot.appendingPathComponent("data/profiles/support-bot.yaml").path
    var p = try #require(try ProfileParser().parseFile(path).first)
    p.models = models
    return p
  }

  /// The cheapest eligible offer of `model` for the profile, from the full unfiltered projection.
  static func cheapest(_ e: WorkloadEngine, _ p: Profile, model: String) throws -> Projection? {
    try e.project(p).filter { $0.offer.model == model }.min { $0.monthlyCost < $1.monthlyCost }
  }

  @Test("the top-N comes from the selected models: filtering the unfiltered top-N afterwards gives a different, wrong answer")
  func filteredTopNIsNotFilterAfter() throws {
    let e = try shared()
    let gpt4o = "openai/gpt-4o-2024-11-20"
    let unfiltered = try e.recommend(try Self.supportBot(), alternatives: 3, includeExcluded: false)
    let top = ([unfiltered.recommended].compactMap { $0 } + unfiltered.alternatives)
    // Filter after the fact: the recommendation is another model, so nothing is left to recommend
    // and fewer than 1 + 3 rows remain.
    #expect(unfiltered.recommended?.offer.model != gpt4o)
    let after = top.filter { $0.offer.model == gpt4o }
    #expect(after.count < 4)

    let filtered = try e.recommend(try Self.supportBot(models: ["gpt-4o-2024-11-20"]), alternatives: 3, includeExcluded: false)
    let best = try #require(filtered.recommended)
    #expect(best.offer.model == gpt4o)
    #expect(filtered.alternatives.count == 3)
    #expect(filtered.alternatives.allSatisfy { $0.offer.model == gpt4o })
    // The recommended offer is the cheapest of the allowed set (recomputed from every eligible
    // offer of the unfiltered run), and the ranking is by cost.
    let cheapest = try #require(try Self.cheapest(e, try Self.supportBot(), model: gpt4o))
    #expect(best.monthlyCost == cheapest.monthlyCost)
    #expect(best.monthlyCost == Decimal(string: "14887.125"))
    #expect(filtered.alternatives.map(\.monthlyCost) == filtered.alternatives.map(\.monthlyCost).sorted())
    #expect(filtered.alternatives.map(\.monthlyCost) != after.dropFirst().map(\.monthlyCost))
    // The eligible count is that of the selected model alone.
    let allOfIt = try e.project(try Self.supportBot()).filter { $0.offer.model == gpt4o }.count
    #expect(filtered.eligibleCount == allOfIt)
    #expect(filtered.eligibleCount < unfiltered.eligibleCount)
    // project: the same rule, the same cheapest offer first.
    let projected = try e.projectTop(try Self.supportBot(models: ["gpt-4o-2024-11-20"]), top: 5)
    #expect(projected.offers.count == 5 && projected.offers.allSatisfy { $0.offer.model == gpt4o })
    #expect(projected.offers.first?.monthlyCost == cheapest.monthlyCost)
    #expect(projected.eligible == allOfIt)
  }

  @Test("the current deployment stays priced as the saving's baseline when its model is not selected")
  func currentStaysPriced() throws {
    let e = try shared()
    let rec = try e.recommend(try Self.supportBot(models: ["gpt-5-codex"]), alternatives: 3, includeExcluded: false)
    let best = try #require(rec.recommended)
    #expect(best.offer.model == "openai/gpt-5-codex")
    let current = try #require(rec.current)
    #expect(current.offer.model == "openai/gpt-4o-2024-11-20")
    #expect(current.offer.region == "swedencentral")
    #expect(current.monthlyCost == Decimal(string: "14887.125"))
    #expect(rec.savingVsCurrent == current.monthlyCost - best.monthlyCost)
    #expect(rec.currentNotes.contains { $0.contains("model not selected: --model openai/gpt-5-codex") }, "\(rec.currentNotes)")
    #expect(try e.projectTop(try Self.supportBot(models: ["gpt-5-codex"]), top: 1).current?.monthlyCost == current.monthlyCost)
  }

  @Test("parity still applies: a selected model below the bar is excluded, and --explain says why (not 'not selected')")
  func parityOnTop() throws {
    let e = try shared()
    let p = try Self.supportBot(models: ["gpt-4o-mini", "gpt-4o-2024-11-20"])
    let rec = try e.recommend(p, alternatives: 3, includeExcluded: true)
    #expect(rec.recommended?.offer.model == "openai/gpt-4o-2024-11-20")
    let mini = "openai/gpt-4o-mini-2024-07-18"
    #expect(!([rec.recommended].compactMap { $0 } + rec.alternatives).contains { $0.offer.model == mini })
    let miniExcluded = rec.excluded.filter { $0.model == mini }
    #expect(!miniExcluded.isEmpty)
    #expect(miniExcluded.allSatisfy { $0.reasonCodes.contains(.noQualityScore("Artificial Analysis Coding Index [metric=index]")) })
    #expect(!miniExcluded.contains { $0.reasonCodes.contains { if case .notSelected = $0 { true } else { false } } })
    // Models outside the selection are excluded as not selected.
    let codex = rec.excluded.filter { $0.model == "openai/gpt-5-codex" }
    #expect(!codex.isEmpty && codex.allSatisfy { $0.reasons.contains("model not selected: --model openai/gpt-4o-2024-11-20, \(mini)") })
    let why = try e.explain(p, model: "gpt-4o-mini", recommendation: rec)
    #expect(why.rows.allSatisfy { $0.status == "excluded" && $0.reasons.contains("no quality score for Artificial Analysis Coding Index [metric=index]") })
    #expect(why.verdict.hasPrefix("\(mini): excluded in all \(why.rows.count) offer(s)"))
  }

  @Test("a selection that leaves no offer: no recommendation, and a one-line summary of why per model")
  func noOfferLeft() throws {
    let e = try shared()
    let p = try Self.supportBot(models: ["gpt-4o-mini"])
    let rec = try e.recommend(p, alternatives: 3, includeExcluded: false)
    #expect(rec.recommended == nil && rec.eligibleCount == 0)
    #expect(rec.current != nil)
    let summary = try e.exclusionSummary(p, model: "openai/gpt-4o-mini-2024-07-18")
    #expect(summary.hasPrefix("openai/gpt-4o-mini-2024-07-18: 59 of 59 offer(s) excluded: no quality score (59), "), "\(summary)")
    #expect(try e.exclusionSummary(p, model: "no/such") == "no/such: no offer in USD")
  }

  @Test("one engine, unfiltered then filtered: the memo of which models qualify is keyed by the selection")
  func memoKeyedBySelection() throws {
    let e = try shared()
    // Without exclusions the pass reuses a per-engine mask of qualifying models; an unfiltered run
    // fills it first.
    let all = try e.recommendAll([try Self.supportBot()], alternatives: 3, includeExcluded: false)[0]
    #expect(all.recommended?.offer.model == "openai/gpt-5-codex")
    let only = try e.recommendAll([try Self.supportBot(models: ["gpt-4o-2024-08-06"])], alternatives: 3, includeExcluded: false)[0]
    #expect(only.recommended?.offer.model == "openai/gpt-4o-2024-08-06")
    #expect(only.alternatives.allSatisfy { $0.offer.model == "openai/gpt-4o-2024-08-06" })
    // And back: the filtered mask is not served to an unfiltered run.
    let again = try e.recommendAll([try Self.supportBot()], alternatives: 3, includeExcluded: false)[0]
    #expect(again.recommended?.offer.model == "openai/gpt-5-codex")
    #expect(again.eligibleCount == all.eligibleCount)
  }
}
