import CostEngine
import Foundation
import Pricing
import RateStore
import Reports

/// Builds the HTML report's model (``ReportModel``) from the engine's own results: `recommend`
/// for each profile (with every exclusion), the `project` forecast of the recommended and current
/// offers, and `compare` for the models the profiles use; the price sheets' dates from the store.
public enum ReportBuilder {
  /// What to put in the report.
  public struct Options: Sendable {
    /// Months of forecast (month 1 = the monthly cost).
    public var months = 12
    /// The first forecast month; nil: the month after the report's date (UTC), as `project`.
    public var start: FinancePeriod?
    /// Alternatives after each recommendation.
    public var alternatives = 3
    public init(months: Int = 12, start: FinancePeriod? = nil, alternatives: Int = 3) {
      self.months = months
      self.start = start
      self.alternatives = alternatives
    }
  }

  /// The report for `profiles` on `engine`, with the sheets of `sources`, and `usage` (a month of
  /// actual usage, built by the caller from the usage store) after the profiles.
  public static func build(
    profiles: [Profile], engine: WorkloadEngine, sources: [SourceStatus], options: Options = Options(),
    usage: UsageSection? = nil, generatedAt: Date, version: String = RatecardVersion.current
  ) throws -> ReportModel {
    let recs = try engine.recommendAll(profiles, alternatives: options.alternatives, includeExcluded: true)
    let periods = FinancePeriod.forecast(options.months, from: options.start ?? FinancePeriod.following(generatedAt))
    var sections = recs.map {
      ReportModel.Section.profile(profile($0, catalog: engine.catalog, periods: periods))
    }
    if let usage { sections.append(.usage(usage)) }
    sections.append(.crossCloud(try crossCloud(recs, engine: engine)))
    return ReportModel(
      title: "LLM workload cost report", generatedAt: ISODate.format(generatedAt), sections: sections,
      sheets: sources.map(sheet), version: version)
  }

  // MARK: - one profile

  /// One profile's section, its forecast over `periods` (month 1 first).
  static func profile(_ r: Recommendation, catalog: any CatalogView, periods: [FinancePeriod]) -> ProfileSection {
    let p = r.profile
    let recommended = r.recommended.map { OfferSummary(role: .recommended, projection: $0) }
    let alternatives = r.alternatives.enumerated().map {
      OfferSummary(role: .alternative($0.offset + 1), projection: $0.element)
    }
    let current = r.current.map { OfferSummary(role: .current, projection: $0) }
    var forecast: [Forecast] = []
    for (role, projection) in [(OfferSummary.Role.recommended, r.recommended), (.current, r.current)] {
      guard let projection else { continue }
      let label =
        "\(projection.offer.provider.rawValue) \(projection.offer.model) \(projection.offer.region) \(projection.offer.scope.rawValue)"
      forecast.append(
        Forecast(
          role: role, label: label,
          amounts: periods.indices.map { projection.forecast(month: $0, growth: p.growthPerMonth) }))
    }
    var savingPercent: Decimal?
    if let s = r.savingVsCurrent, let c = r.current, c.monthlyCost != 0 {
      savingPercent = s / c.monthlyCost * 100
    }
    return ProfileSection(
      name: p.name, workload: workload(p), currency: p.currency, recommended: recommended,
      alternatives: alternatives,
      current: current, currentNotes: r.currentNotes, saving: r.savingVsCurrent, savingPercent: savingPercent,
      growthPerMonth: p.growthPerMonth, forecastPeriods: periods, forecast: forecast, parity: parity(r),
      exclusions: exclusions(r.excluded), eligibleCount: r.eligibleCount, excludedCount: r.excludedCount,
      provisioned: r.provisioned)
  }

  /// The profile in words.
  static func workload(_ p: Profile) -> [String] {
    var out: [String] = []
    if let perDay = p.requestsPerDay {
      out.append("\(HTMLText.grouped(perDay.exactText)) requests a day")
    } else {
      out.append("\(HTMLText.grouped(p.requestsPerMonth.exactText)) requests a month")
    }
    out.append(
      "\(HTMLText.grouped(p.inputTokens.exactText)) input + \(HTMLText.grouped(p.outputTokens.exactText)) output tokens a request"
    )
    if p.cachedInputShare > 0 { out.append("\(HTMLText.share(p.cachedInputShare)) of input read from cache") }
    if p.cacheWriteShare > 0 { out.append("\(HTMLText.share(p.cacheWriteShare)) of input written to cache") }
    if p.batchShare > 0 { out.append("\(HTMLText.share(p.batchShare)) batch") }
    if p.longContextShare > 0 { out.append("\(HTMLText.share(p.longContextShare)) long context") }
    let w = p.placement
    if let providers = w.providers {
      out.append("providers: " + providers.map(\.rawValue).sorted().joined(separator: ", "))
    }
    if let g = w.geographies { out.append("geographies: " + g.sorted().joined(separator: ", ")) }
    if let regions = w.regions { out.append("regions: " + regions.sorted().joined(separator: ", ")) }
    if w.scopes != Set(Scope.allCases) {
      out.append("scopes: " + w.scopes.sorted().map(\.rawValue).joined(separator: ", "))
    }
    if !p.needs.capabilities.isEmpty {
      out.append("needs: " + p.needs.capabilities.map(\.rawValue).sorted().joined(separator: ", "))
    }
    if let c = p.needs.minContext { out.append("context ≥ \(HTMLText.grouped(String(c))) tokens") }
    if let o = p.needs.minOutputTokens { out.append("output ≥ \(HTMLText.grouped(String(o))) tokens") }
    if !p.needs.modalities.isEmpty {
      out.append("input: " + p.needs.modalities.sorted().joined(separator: ", "))
    }
    if !p.discounts.isEmpty {
      out.append(
        "discounts: "
          + p.discounts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \(HTMLText.share($0.value))" }
          .joined(separator: ", "))
    }
    if p.growthPerMonth != 0 { out.append("growth \(HTMLText.share(p.growthPerMonth)) a month") }
    if let peak = p.peakTokensPerMinute {
      out.append("peak \(HTMLText.grouped(peak.exactText)) tokens a minute")
    }
    out.append("currency \(p.currency)")
    return out
  }

  /// The parity rule and each shown offer's standing, from the engine's own evidence on each
  /// projection (``Projection/parity``: the score row used, the bar, the baseline): nothing is
  /// looked up or recomputed here.
  static func parity(_ r: Recommendation) -> ReportParity {
    var shown: [(OfferSummary.Role, Projection)] = []
    if let best = r.recommended { shown.append((.recommended, best)) }
    for (i, a) in r.alternatives.enumerated() { shown.append((.alternative(i + 1), a)) }
    if let c = r.current { shown.append((.current, c)) }
    let currentBelow = r.currentNotes.contains { $0.contains("below parity") || $0.contains("parity models") }
    func verdict(_ role: OfferSummary.Role, _ e: ParityEvidence) -> String {
      if e.rule == "models" { return role == .current && currentBelow ? "not listed" : "listed" }
      guard let score = e.score?.score else { return "no score" }
      guard let required = e.required else { return "meets" }
      return score >= required ? "meets" : "below"
    }
    let rows = shown.flatMap { role, p in
      p.parity.map { e in
        ReportParity.Row(
          role: role, model: p.offer.model,
          benchmark: e.rule == "models" ? "parity models" : (e.score?.benchmark ?? e.benchmark ?? ""),
          score: e.score?.score, required: e.required, verdict: verdict(role, e),
          source: e.score.map { [$0.asOf, $0.source].filter { !$0.isEmpty }.joined(separator: ", ") } ?? "")
      }
    }
    let evidence = shown.flatMap { $0.1.parity }
    switch r.profile.parity {
    case .baseline(let model, let benchmark, let tolerance):
      let base = evidence.first { $0.baseline != nil }
      var rule = "A candidate's score on \(benchmark) must be at least the baseline \(base?.baseline ?? model)'s"
      rule += base?.baselineScore.map { " \($0.exactText)" } ?? ""
      rule += " x (1 - \(tolerance.exactText))"
      if let bar = evidence.first(where: { $0.required != nil })?.required { rule += " = \(bar.exactText)" }
      return ReportParity(rule: rule + ".", rows: rows)
    case .minScores(let minimums):
      let rule =
        "A candidate must score at least "
        + minimums.sorted { $0.key < $1.key }.map { "\($0.value.exactText) on \($0.key)" }.joined(separator: " and ") + "."
      return ReportParity(rule: rule, rows: rows)
    case .models(let models):
      return ReportParity(rule: "Only the listed models qualify: " + models.joined(separator: ", ") + ".", rows: rows)
    case nil:
      return ReportParity(
        rule: "The profile sets no parity bar: every model that meets its needs qualifies.", rows: [])
    }
  }

  /// Excluded candidates counted by kind of reason, most frequent first (ties by name).
  static func exclusions(_ excluded: [Exclusion]) -> [ExclusionSummary] {
    var counts: [String: Int] = [:]
    var examples: [String: String] = [:]
    for e in excluded {
      for code in e.reasonCodes {
        if examples[code.kind] == nil {
          examples[code.kind] =
            "\(e.provider.rawValue) \(e.model) \(e.region) \(e.scope.rawValue): \(code.description)"
        }
      }
      for kind in Set(e.reasonCodes.map(\.kind)) { counts[kind, default: 0] += 1 }
    }
    return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
      ExclusionSummary(reason: $0.key, count: $0.value, example: examples[$0.key] ?? "")
    }
  }

  // MARK: - cross-cloud

  /// `compare` (standard mix, in the first profile's currency) for each model the profiles
  /// recommend or run today, in first-seen order.
  static func crossCloud(_ recs: [Recommendation], engine: WorkloadEngine) throws -> CrossCloudSection {
    var order: [String] = []
    var usedBy: [String: [String]] = [:]
    for r in recs {
      for (role, projection) in [("recommended", r.recommended), ("current", r.current)] {
        guard let model = projection?.offer.model else { continue }
        if usedBy[model] == nil { order.append(model) }
        usedBy[model, default: []].append("\(r.profile.name): \(role)")
      }
    }
    let currency = recs.first?.profile.currency ?? "USD"
    let mix = WorkloadEngine.standardMix(currency: currency)
    let models = try order.map { model -> ModelComparison in
      let c = try engine.compare(model: model, profile: mix)
      return ModelComparison(
        model: c.model, usedBy: usedBy[model] ?? [], currency: currency,
        rows: c.rows.map { row in
          ModelComparison.Row(
            provider: row.projection.offer.provider.rawValue, region: row.projection.offer.region,
            scope: row.projection.offer.scope.rawValue, monthlyCost: row.projection.monthlyCost,
            premiumPercent: row.premiumPercent, versusOtherCloudPercent: row.versusOtherCloudPercent,
            position: row.position)
        },
        excludedCount: c.excluded.count)
    }
    return CrossCloudSection(
      mix:
        "Priced for the standard mix of ratecard compare: 3,000,000 input + 1,000,000 output tokens a month, standard tier, no cache, no batch, list prices, \(currency)",
      models: models)
  }

  // MARK: - sheets

  static func sheet(_ s: SourceStatus) -> SheetDate {
    let last = s.lastSuccess ?? s.lastRun
    return SheetDate(
      source: s.coverageKey, sheetVersion: last.sheetVersion, publicationDate: last.publicationDate,
      lastImport: last.finishedAt, rates: s.currentRates)
  }
}
