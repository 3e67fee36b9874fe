import CostEngine
import Foundation
import Pricing
import Reports

/// Report shapes for `project`, `recommend` and `compare`. JSON carries exact amounts (decimal
/// strings, unrounded); tables show cents rounded half away from zero (``Money``); CSV has one row
/// per cost line with exact amounts.
public enum EngineViews {
  // MARK: - pieces

  static func line(_ l: CostLine) -> Record {
    Record([
      .init("tier", .text(l.tier.rawValue)),
      .init("meter", .text(l.meter.rawValue)),
      .init("variant", .text(l.variant)),
      .init("quantity", .decimal(l.quantity)),
      .init("unit", .text(NormalizedUnit.perMillionTokens)),
      .init("listUnitPrice", .decimal(l.listUnitPrice)),
      .init("unitPrice", .decimal(l.unitPrice)),
      .init("listCost", .decimal(l.listCost)),
      .init("cost", .decimal(l.cost)),
      .init("sku", .text(l.sku)),
      .init("sheetKey", .text(l.sheetKey)),
      .init("service", .text(l.service)),
      .init("note", l.note.map { .text($0) } ?? .null),
    ])
  }

  /// One priced offer: provider, model, region, scope, tiers, monthlyCost, currency, lines[] (+ detail).
  public static func offer(
    _ p: Projection, months: Int = 0, growth: Decimal = 0, start: FinancePeriod? = nil
  ) -> Record {
    var fields: [Record.Field] = [
      .init("provider", .text(p.offer.provider.rawValue)),
      .init("model", .text(p.offer.model)),
      .init("region", .text(p.offer.region)),
      .init("otherRegions", .list(p.otherRegions)),
      .init("scope", .text(p.offer.scope.rawValue)),
      .init("endpoint", .text(p.offer.endpoint)),
      .init("tiers", .text(p.tiers)),
      .init("monthlyCost", .decimal(p.monthlyCost)),
      .init("currency", .text(p.currency)),
      .init("lines", .records(p.lines.map(line))),
      .init("listMonthlyCost", .decimal(p.listMonthlyCost)),
      .init("discount", .decimal(p.discount)),
      .init("fallbacks", .list(p.fallbacks)),
      .init("pricedByFallback", .bool(p.pricedByFallback)),
      .init("parity", .records(p.parity.map(parity))),
    ]
    if months > 0 {
      let costs = (0..<months).map { p.forecast(month: $0, growth: growth) }
      let periods = start.map { FinancePeriod.forecast(months, from: $0) }
      fields.append(.init("forecast", .records(costs.enumerated().map { m, cost in
        var month: [Record.Field] = [.init("month", .integer(m + 1))]
        if let periods { month.append(.init("period", .text(periods[m].text))) }
        month.append(.init("monthlyCost", .decimal(cost)))
        return Record(month)
      })))
      fields.append(.init("forecastTotal", .decimal(costs.reduce(0, +))))
    }
    return Record(fields)
  }

  /// Parity evidence: the rule, the score row used (benchmark text, score, date, source) and the bar.
  static func parity(_ e: ParityEvidence) -> Record {
    Record([
      .init("rule", .text(e.rule)),
      .init("benchmark", e.benchmark.map { .text($0) } ?? .null),
      .init("scoreBenchmark", e.score.map { .text($0.benchmark) } ?? .null),
      .init("score", e.score.map { .decimal($0.score) } ?? .null),
      .init("asOf", e.score.map { .text($0.asOf) } ?? .null),
      .init("source", e.score.map { .text($0.source) } ?? .null),
      .init("required", e.required.map { .decimal($0) } ?? .null),
      .init("baseline", e.baseline.map { .text($0) } ?? .null),
      .init("baselineScore", e.baselineScore.map { .decimal($0) } ?? .null),
      .init("tolerance", e.tolerance.map { .decimal($0) } ?? .null),
      .init("text", .text(e.description)),
    ])
  }

  static func explanation(_ x: Explanation) -> Record {
    Record([
      .init("model", .text(x.model)),
      .init("verdict", .text(x.verdict)),
      .init("offers", .records(x.rows.map { row in
        Record([
          .init("provider", .text(row.provider.rawValue)), .init("region", .text(row.region)),
          .init("scope", .text(row.scope.rawValue)), .init("endpoint", .text(row.endpoint)),
          .init("status", .text(row.status)), .init("reasons", .list(row.reasons)),
          .init("monthlyCost", row.monthlyCost.map { .decimal($0) } ?? .null),
          .init("dearerBy", row.dearerBy.map { .decimal($0) } ?? .null),
        ])
      })),
    ])
  }

  static func provisioned(_ o: ProvisionedOption) -> Record {
    Record([
      .init("tier", .text(o.tier.rawValue)),
      .init("commitment", .text(o.commitment.rawValue)),
      .init("unitsNeeded", .integer(o.unitsNeeded)),
      .init("sizedForTokensPerMinute", .decimal(o.sizedForTokensPerMinute)),
      .init("averageTokensPerMinute", .decimal(o.averageTokensPerMinute)),
      .init("tokensPerMinutePerUnit", .decimal(o.tokensPerMinutePerUnit)),
      .init("throughputSource", .text(o.throughputSource)),
      .init("unitPrice", .decimal(o.unitPrice)),
      .init("unit", .text(o.unit)),
      .init("monthlyCost", .decimal(o.monthlyCost)),
      .init("onDemandMonthlyCost", .decimal(o.onDemandMonthlyCost)),
      .init("breakEvenRequestsPerMonth", o.breakEvenRequestsPerMonth.map { .decimal($0) } ?? .null),
      .init("sku", .text(o.sku)),
      .init("sheetKey", .text(o.sheetKey)),
      .init("service", .text(o.service)),
    ])
  }

  /// An excluded candidate; `sentences` remembers each reason's sentence (exclusions of one
  /// profile share most reasons: every offer at a location, every offer of a model).
  static func exclusion(_ e: Exclusion, sentences: inout ReasonSentences) -> Record {
    let reasons = sentences.sentences(e)
    return Record([
      .init("provider", .text(e.provider.rawValue)),
      .init("model", .text(e.model)),
      .init("region", .text(e.region)),
      .init("scope", .text(e.scope.rawValue)),
      .init("endpoint", .text(e.endpoint)),
      .init("reasons", .list(reasons)),
    ])
  }

  /// Every excluded candidate of one recommendation, each reason's sentence built once.
  static func excludedRecords(_ excluded: [Exclusion]) -> [Record] {
    var sentences = ReasonSentences()
    return excluded.map { exclusion($0, sentences: &sentences) }
  }

  /// A cost for tables: exactly two decimals (rounded half away from zero).
  static func money(_ d: Decimal) -> Cell { .text(Money.display(d)) }

  /// A line's unit price per 1M tokens, labelled when the provider discount changed it:
  /// `1.2375/1M after discount (list 1.375/1M)`.
  static func unitPrice(_ l: CostLine) -> String {
    l.unitPrice == l.listUnitPrice
      ? "\(l.unitPrice.exactText)/1M"
      : "\(l.unitPrice.exactText)/1M after discount (list \(l.listUnitPrice.exactText)/1M)"
  }

  // MARK: - recommend

  /// `ratecard recommend`.
  public static func recommendations(_ recs: [Recommendation], format: OutputFormat) -> Report {
    switch format {
    case .json:
      return Report(records: ParallelMap.map(recs) { r in
        Record([
          .init("profile", .text(r.profile.name)),
          .init("recommended", r.recommended.map { .object(offer($0)) } ?? .null),
          .init("alternatives", .records(r.alternatives.map { offer($0) })),
          .init("savingVsCurrent", r.savingVsCurrent.map { .decimal($0) } ?? .null),
          .init("excluded", .records(excludedRecords(r.excluded))),
          .init("current", r.current.map { .object(offer($0)) } ?? .null),
          .init("currentNotes", .list(r.currentNotes)),
          .init("eligible", .integer(r.eligibleCount)),
          .init("excludedCount", .integer(r.excludedCount)),
          .init("provisioned", .records(r.provisioned.map(provisioned))),
          .init("provisionedNote", r.provisionedNote.map { .text($0) } ?? .null),
          .init("explain", r.explanation.map { .object(explanation($0)) } ?? .null),
        ])
      })
    case .csv:
      return Report(records: ParallelMap.map(recs) { r -> [Record] in
        var rows: [Record] = []
        let ranked = (r.recommended.map { [("recommended", $0)] } ?? [])
          + r.alternatives.enumerated().map { ("alternative \($0.offset + 1)", $0.element) }
          + (r.current.map { [("current", $0)] } ?? [])
        for (rank, p) in ranked { rows += lineRows(profile: r.profile.name, rank: rank, p) }
        return rows
      }.flatMap { $0 })
    case .table:
      // Each recommendation's rows and summary lines are built on every core, then joined in order.
      let parts = ParallelMap.map(recs) { r -> (records: [Record], footer: [String]) in
        var records: [Record] = []
        let ranked = (r.recommended.map { [("recommended", $0)] } ?? [])
          + r.alternatives.enumerated().map { ("alternative \($0.offset + 1)", $0.element) }
          + (r.current.map { [("current", $0)] } ?? [])
        for (rank, p) in ranked {
          records.append(Record([
            .init("profile", .text(r.profile.name)), .init("rank", .text(rank)),
            .init("provider", .text(p.offer.provider.rawValue)), .init("model", .text(p.offer.model)),
            .init("region", .text(p.offer.region)), .init("regions", .integer(1 + p.otherRegions.count)),
            .init("scope", .text(p.offer.scope.rawValue)), .init("endpoint", .text(p.offer.endpoint)),
            .init("tiers", .text(p.tiers)), .init("monthly", money(p.monthlyCost)),
            .init("currency", .text(p.currency)), .init("fallback", .text(p.pricedByFallback ? "yes" : "")),
          ]))
        }
        return (records, [""] + summary(r))
      }
      return Report(records: parts.flatMap(\.records), footer: parts.flatMap(\.footer))
    }
  }

  static func summary(_ r: Recommendation) -> [String] {
    var out: [String] = []
    let name = r.profile.name
    if let best = r.recommended {
      out.append("\(name): recommended \(choice(best)), \(Money.display(best.monthlyCost)) \(best.currency)/month (list \(Money.display(best.listMonthlyCost)), \(r.eligibleCount) eligible offer(s))")
      for e in best.parity { out.append("  parity: \(e)") }
      for l in best.lines {
        out.append("  \(l.tier.rawValue)\(l.variant.isEmpty ? "" : " " + l.variant) \(l.meter.rawValue): \(Money.whole(l.quantity)) tokens x \(unitPrice(l)) = \(Money.display(l.cost))  [\(l.service) \(l.sku) \(l.sheetKey)]")
      }
      for f in best.fallbacks { out.append("  fallback: \(f)") }
      for (k, a) in r.alternatives.enumerated() {
        var text = "  alternative \(k + 1): \(choice(a)), \(Money.display(a.monthlyCost))"
        if a.pricedByFallback { text += "; priced by fallback: " + a.fallbacks.joined(separator: "; ") }
        out.append(text)
        for e in a.parity { out.append("    parity: \(e)") }
      }
    } else {
      out.append("\(name): no eligible offer")
    }
    if let s = r.savingVsCurrent, let c = r.current {
      out.append("  saving vs current (\(c.offer.provider.rawValue) \(c.offer.model) \(c.offer.region) \(c.offer.scope.rawValue), \(Money.display(c.monthlyCost))): \(Money.display(s)) \(c.currency)/month")
    }
    for n in r.currentNotes { out.append("  note: \(n)") }
    for o in r.provisioned {
      let be = o.breakEvenRequestsPerMonth.map { "pays off above \(Money.whole($0)) requests/month" } ?? ""
      out.append("  \(o.tier.rawValue) \(o.commitment.rawValue) '\(o.sheetKey)': \(o.unitsNeeded) unit(s) for \(Money.whole(o.sizedForTokensPerMinute)) tokens/min (average \(Money.whole(o.averageTokensPerMinute))) x \(o.unitPrice.exactText)/\(o.unit) = \(Money.display(o.monthlyCost))/month; \(be) [\(o.sku)]")
    }
    if let note = r.provisionedNote { out.append("  \(note)") }
    if let x = r.explanation {
      out.append("  explain \(x.verdict)")
      for row in x.rows {
        let place = "\(row.provider.rawValue) \(row.region) \(row.scope.rawValue)\(row.endpoint.isEmpty ? "" : " " + row.endpoint)"
        if let cost = row.monthlyCost, row.status != "excluded" {
          let more = row.dearerBy.map { $0 == 0 ? "" : " (+\(Money.display($0)))" } ?? ""
          out.append("    \(place): \(row.status), \(Money.display(cost))\(more)")
        } else {
          out.append("    \(place): excluded: " + row.reasons.joined(separator: "; "))
        }
      }
    }
    if r.excluded.isEmpty && r.excludedCount > 0 {
      out.append("  excluded \(r.excludedCount) candidate(s) (run without --no-excluded for the reasons)")
    }
    if !r.excluded.isEmpty {
      var counts: [String: Int] = [:]
      for e in r.excluded { for k in Set(e.reasonCodes.map(\.kind)) { counts[k, default: 0] += 1 } }
      out.append("  excluded \(r.excluded.count) candidate(s): " + counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + "; -o json lists each with its reasons")
    }
    return out
  }

  /// An offer as a choice: provider, model, scope, endpoint and its region, or every region
  /// where it costs the same (`azure openai/gpt-5 global, 26 regions: australiaeast, ...`).
  static func choice(_ p: Projection) -> String {
    var s = "\(p.offer.provider.rawValue) \(p.offer.model)"
    if p.otherRegions.isEmpty {
      s += " \(p.offer.region) \(p.offer.scope.rawValue)"
      if !p.offer.endpoint.isEmpty { s += " \(p.offer.endpoint)" }
      return s
    }
    s += " \(p.offer.scope.rawValue)"
    if !p.offer.endpoint.isEmpty { s += " \(p.offer.endpoint)" }
    return s + ", \(1 + p.otherRegions.count) regions: " + ([p.offer.region] + p.otherRegions).joined(separator: ", ")
  }

  static func lineRows(profile: String, rank: String, _ p: Projection) -> [Record] {
    p.lines.map { l in
      Record([
        .init("profile", .text(profile)), .init("rank", .text(rank)),
        .init("provider", .text(p.offer.provider.rawValue)), .init("model", .text(p.offer.model)),
        .init("region", .text(p.offer.region)), .init("scope", .text(p.offer.scope.rawValue)),
        .init("endpoint", .text(p.offer.endpoint)),
        .init("tier", .text(l.tier.rawValue)), .init("meter", .text(l.meter.rawValue)),
        .init("variant", .text(l.variant)), .init("quantity", .decimal(l.quantity)),
        .init("unitPrice", .decimal(l.unitPrice)), .init("cost", .decimal(l.cost)),
        .init("currency", .text(p.currency)), .init("sku", .text(l.sku)),
        .init("sheetKey", .text(l.sheetKey)), .init("service", .text(l.service)),
        .init("monthlyCost", .decimal(p.monthlyCost)),
      ])
    }
  }

  // MARK: - project

  /// One profile's projections for `ratecard project`.
  public struct ProjectionItem: Sendable {
    public var profile: Profile
    /// Eligible offers in all.
    public var eligible: Int
    /// The cheapest, at most `--top`.
    public var offers: [Projection]
    /// The current deployment priced the same way (rank `current`), and why it may not be.
    public var current: Projection?
    public var currentNotes: [String]

    public init(profile: Profile, eligible: Int, offers: [Projection], current: Projection?, currentNotes: [String]) {
      self.profile = profile
      self.eligible = eligible
      self.offers = offers
      self.current = current
      self.currentNotes = currentNotes
    }

    /// The ranked offers then the current deployment, with their rank texts.
    var ranked: [(String, Projection)] {
      offers.enumerated().map { (String($0.offset + 1), $0.element) } + (current.map { [("current", $0)] } ?? [])
    }
  }

  /// `ratecard project`: per profile, the eligible offers cheapest first (at most `top`), and the
  /// current deployment as a row of rank `current`. The forecast's months are calendar months from
  /// `start` (the table's columns are named by month, then the `months`-month total).
  public static func projections(
    _ items: [ProjectionItem], months: Int, start: FinancePeriod, format: OutputFormat
  ) -> Report {
    switch format {
    case .json:
      return Report(records: items.map { item in
        Record([
          .init("profile", .text(item.profile.name)),
          .init("growthPerMonth", .decimal(item.profile.growthPerMonth)),
          .init("offers", .records(item.offers.map { offer($0, months: months, growth: item.profile.growthPerMonth, start: start) })),
          .init("eligible", .integer(item.eligible)),
          .init("current", item.current.map { .object(offer($0, months: months, growth: item.profile.growthPerMonth, start: start)) } ?? .null),
          .init("currentNotes", .list(item.currentNotes)),
        ])
      })
    case .csv:
      return Report(records: items.flatMap { item in
        item.ranked.flatMap { rank, p in lineRows(profile: item.profile.name, rank: rank, p) }
      })
    case .table:
      var records: [Record] = []
      var footer: [String] = []
      let periods = FinancePeriod.forecast(months, from: start)
      for item in items {
        let profile = item.profile
        for (rank, p) in item.ranked {
          var fields: [Record.Field] = [
            .init("profile", .text(profile.name)), .init("rank", .text(rank)),
            .init("provider", .text(p.offer.provider.rawValue)), .init("model", .text(p.offer.model)),
            .init("region", .text(p.offer.region)), .init("scope", .text(p.offer.scope.rawValue)),
            .init("endpoint", .text(p.offer.endpoint)),
            .init("tiers", .text(p.tiers)),
          ]
          var total: Decimal = 0
          for m in 0..<months {
            let cost = p.forecast(month: m, growth: profile.growthPerMonth)
            total += cost
            fields.append(.init(periods[m].text, money(cost)))
          }
          if months > 1 { fields.append(.init("total \(months) months", money(total))) }
          fields.append(.init("currency", .text(p.currency)))
          fields.append(.init("fallbacks", .integer(p.fallbacks.count)))
          records.append(Record(fields))
        }
        footer.append("\(profile.name): \(item.eligible) eligible offer(s); -o json or -o csv for every cost line with its SKU")
        if let first = item.offers.first {
          for f in first.fallbacks { footer.append("  #1 fallback: \(f)") }
        }
        for n in item.currentNotes { footer.append("  note: \(n)") }
      }
      return Report(records: records, footer: footer)
    }
  }

  // MARK: - compare

  /// `ratecard compare`.
  public static func comparison(_ c: Comparison, format: OutputFormat) -> Report {
    let records = c.rows.map { row -> Record in
      let p = row.projection
      var fields: [Record.Field] = [
        .init("model", .text(c.model)),
        .init("provider", .text(p.offer.provider.rawValue)),
        .init("region", .text(p.offer.region)),
        .init("scope", .text(p.offer.scope.rawValue)),
        .init("endpoint", .text(p.offer.endpoint)),
        .init("tiers", .text(p.tiers)),
        .init("monthlyCost", format == .table ? money(p.monthlyCost) : .decimal(p.monthlyCost)),
        .init("currency", .text(p.currency)),
        .init("premiumPercent", .decimal(format == .table ? ExactDecimal.round(row.premiumPercent, scale: 1) : row.premiumPercent)),
        .init("vsOtherCloudPercent", row.versusOtherCloudPercent.map { .decimal(format == .table ? ExactDecimal.round($0, scale: 1) : $0) } ?? .null),
        .init("position", .text(row.position)),
      ]
      if format == .json { fields.append(.init("lines", .records(p.lines.map(line)))) }
      return Record(fields)
    }
    let mix = c.profile.name == "standard-mix"
      ? (c.profile.outputTokens == 0
        ? "standard mix: 3,000,000 input tokens a month (an embedding model), standard tier, no cache, no batch"
        : "standard mix: 3,000,000 input + 1,000,000 output tokens a month, standard tier, no cache, no batch")
      : "profile \(c.profile.name)"
    var footer = ["\(c.model), \(mix); premium vs the cheapest offer, position vs the other cloud's cheapest"]
    for e in c.excluded { footer.append("  excluded \(e.provider.rawValue) \(e.region) \(e.scope.rawValue): \(e.reasons.joined(separator: "; "))") }
    return Report(records: records, footer: footer)
  }
}
