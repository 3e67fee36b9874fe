import CostEngine
import Foundation
import Pricing
import RatecardKit
import Reports
import Testing

/// The HTML report built from the engine's results on real rates (``ReportBuilder``) and rendered
/// (``HTMLReport``): every amount is the engine's, texts are escaped, nothing refers outside.
@Suite("HTML report")
struct HTMLReportTests {
  /// The analyst profile of the golden tests (parity baseline, current deployment), with a name
  /// that is markup, and growth for the forecast.
  static let profile = """
    name: "<img src=x onerror=alert(1)> & \\"analyst\\""
    requests_per_month: 100000
    input_tokens: 2000
    output_tokens: 500
    growth_per_month: 0.05
    parity:
      baseline: gpt-4o@2024-11-20
      benchmark: Artificial Analysis Coding Index [metric=index]
      tolerance: 0.02
    current: {provider: azure, model: gpt-4o-2024-11-20, region: eastus2, scope: regional}
    """

  static let generated = Date(timeIntervalSince1970: 1_796_000_000)

  func render() throws -> (Recommendation, ReportModel, String) {
    let e = engine()
    let p = try parseOne(Self.profile)
    let rec = try e.recommend(p)
    let model = try ReportBuilder.build(
      profiles: [p], engine: e, sources: [], options: .init(months: 12, alternatives: 3),
      generatedAt: Self.generated, version: "9.9.9-test")
    return (rec, model, HTMLReport.render(model))
  }

  @Test("every offer's cost, cost line and forecast month is the engine's, exact and formatted")
  func amounts() throws {
    let (rec, model, html) = try render()
    let best = try #require(rec.recommended)
    let current = try #require(rec.current)
    for o in [best] + rec.alternatives + [current] {
      #expect(
        html.contains(
          "data-exact=\"\(o.monthlyCost.exactText)\">\(HTMLText.money(o.monthlyCost, currency: "USD"))<"))
    }
    for l in best.lines { #expect(html.contains("data-exact=\"\(l.cost.exactText)\"")) }
    // The saving called out: $1,100.00 current - $1,000.00 recommended (GoldenTests).
    let saving = try #require(rec.savingVsCurrent)
    #expect(saving == dec("100"))
    #expect(
      html.contains("Saves <strong data-exact=\"100\">USD 100.00</strong> a month (9.1% of the current cost)")
    )
    // The forecast: month 12 = 1,000 x 1.05^11, the engine's own figure.
    let section = try #require(model.profiles.first)
    let forecast = try #require(section.forecast.first)
    #expect(forecast.amounts.count == 12)
    #expect(forecast.amounts[11] == best.forecast(month: 11, growth: dec("0.05")))
    #expect(html.contains("data-exact=\"\(forecast.amounts[11].exactText)\""))
    #expect(html.contains(">1,710.34<"))  // 1,000 x 1.05^11 = 1,710.339...
  }

  @Test("the forecast columns are the calendar months project labels, from the same periods (not M1..M12)")
  func forecastCalendarMonths() throws {
    let e = engine()
    let p = try parseOne(Self.profile)
    let start = try #require(FinancePeriod("2027-11"))
    let model = try ReportBuilder.build(
      profiles: [p], engine: e, sources: [], options: .init(months: 14, start: start, alternatives: 3),
      generatedAt: Self.generated, version: "9.9.9-test")
    let html = HTMLReport.render(model)
    let section = try #require(model.profiles.first)
    #expect(section.forecastPeriods.map(\.text).first == "2027-11")
    #expect(section.forecastPeriods.map(\.text).last == "2028-12")
    // project's JSON `period` of the same offer, from the same start.
    let best = try #require(try e.recommend(p).recommended)
    let json = try OutputFormat.json.string(Report(records: [EngineViews.offer(best, months: 14, growth: p.growthPerMonth, start: start)]))
    let periods = try #require(
      ((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first?["forecast"] as? [[String: Any]])?
        .compactMap { $0["period"] as? String })
    #expect(periods == section.forecastPeriods.map(\.text))
    for period in periods { #expect(html.contains("<th class=\"num\">\(period)</th>"), "\(period)") }
    #expect(!html.contains(">M1<") && !html.contains(">M12<"))
    // Without a start: the month after the report's date (2026-11-30 UTC), as project's default.
    let (_, byDate, _) = try render()
    #expect(byDate.profiles.first?.forecastPeriods.first?.text == "2026-12")
  }

  @Test("charts: costs, forecast and one comparison per model used; parity and exclusions shown")
  func sections() throws {
    let (rec, model, html) = try render()
    let cross = try #require(
      model.sections.compactMap { if case .crossCloud(let c) = $0 { c } else { nil } }.first)
    // Recommended and current are the same model here: one comparison.
    #expect(cross.models.map(\.model) == ["openai/gpt-4o-2024-11-20"])
    #expect(cross.models[0].usedBy.count == 2)
    #expect(html.components(separatedBy: "<svg ").count - 1 == 2 + cross.models.count)
    #expect(html.components(separatedBy: "<polyline").count - 1 == 2)  // recommended and current
    // Parity: the bar 16.7 x (1 - 0.02) = 16.366 comes from the engine's below-parity exclusion.
    let parity = try #require(model.profiles.first?.parity)
    #expect(parity.rule.contains("16.7 x (1 - 0.02) = 16.366"))
    #expect(parity.rows.first?.verdict == "meets")
    #expect(html.contains("&ge; 16.366"))
    // The rows are the engine's own evidence: its score row, bar and source, one per shown offer.
    let evidence = [rec.recommended!] + rec.alternatives + (rec.current.map { [$0] } ?? [])
    #expect(parity.rows.count == evidence.map(\.parity.count).reduce(0, +))
    for (row, e) in zip(parity.rows, evidence.flatMap(\.parity)) {
      #expect(row.score == e.score?.score && row.required == e.required)
      #expect(row.source == [e.score?.asOf ?? "", e.score?.source ?? ""].filter { !$0.isEmpty }.joined(separator: ", "))
      #expect(html.contains("<td class=\"muted\">\(HTMLText.escape(row.source))</td></tr>"))
    }
    // The engine's fallback mark on each offer.
    #expect(html.contains("<th>priced by fallback</th>"))
    #expect(model.profiles.first?.offers.map(\.pricedByFallback) == evidence.map(\.pricedByFallback))
    // Exclusions summarised by reason, the counts adding up to at least the excluded offers.
    let summary = try #require(model.profiles.first?.exclusions)
    #expect(summary.contains { $0.reason == "below parity" })
    #expect(summary.map(\.count).reduce(0, +) >= rec.excluded.count)
    // Every cost line names its sheet row.
    for l in rec.recommended!.lines {
      #expect(html.contains(">\(l.sku)<") && html.contains(HTMLText.escape(l.sheetKey)))
    }
  }

  @Test("texts from a sheet (service, SKU, sheet key, region) are escaped in tables and charts")
  func sheetTextsEscaped() throws {
    let hostile = RealRates.gptOssAWS.map { r -> Rate in
      var r = r
      r.service = "Bedrock <b>\"svc\"</b>"
      r.sku = "\(r.sku)<script>x</script>"
      r.sheetKey = "\(r.sheetKey) & 'key'"
      r.region = "us-east-1<i>"
      return r
    }
    let e = WorkloadEngine(rates: hostile, catalog: SharedModelsCatalog.shared)
    let p = try parseOne(EngineBehaviourTests.plain)
    let html = HTMLReport.render(
      try ReportBuilder.build(profiles: [p], engine: e, sources: [], generatedAt: Self.generated))
    let best = try #require(try e.recommend(p).recommended)
    #expect(best.lines.count == 2)
    for l in best.lines {
      #expect(html.contains(">\(HTMLText.escape(l.sku))<"))
      #expect(html.contains(HTMLText.escape(l.sheetKey)))
    }
    #expect(html.contains("Bedrock &lt;b&gt;&quot;svc&quot;&lt;/b&gt;"))
    #expect(html.contains("us-east-1&lt;i&gt;"))
    for raw in ["<script", "<b>", "<i>", "'key'"] { #expect(!html.contains(raw), "\(raw)") }
  }

  @Test("texts from a profile are escaped; nothing is fetched from outside the page")
  func selfContained() throws {
    let (_, _, html) = try render()
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;analyst&quot;"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.lowercased().contains("<link"))
    #expect(!html.contains("url("))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(html.contains("ratecard 9.9.9-test"))
    #expect(html.contains("@media print"))
  }
}
