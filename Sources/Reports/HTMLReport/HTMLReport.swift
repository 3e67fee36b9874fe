import CostEngine
import Foundation
import Pricing

/// Renders a ``ReportModel`` as one self-contained HTML page: inline CSS, inline SVG charts
/// (``SVGChart``), no script, no font, no image, no link to anything outside the file, so it opens
/// offline and as an e-mail attachment, and prints to PDF (print styles: A4, one profile per page).
///
/// Every text from a sheet, a profile or the catalogue is escaped (``HTMLText/escape(_:)``); every
/// amount is the model's exact value, formatted by ``HTMLText`` (the rounding rule is in the footer)
/// and kept exact in a `data-exact` attribute.
public enum HTMLReport {
  /// The rounding rule, stated in the footer.
  public static let roundingRule =
    "Amounts are exact decimals from the engine, shown rounded to cents half away from zero (commercial rounding) with the currency code; the cost lines of a table are rounded by the largest-remainder rule so that they add up to the rounded total (the exact value of each amount is in the page's data-exact attributes). Percentages to one decimal, tokens to whole tokens; unit prices per 1M tokens as in the sheet after discount."

  public static func render(_ model: ReportModel) -> String {
    var page = Page()
    page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    page.raw("<meta name=\"generator\" content=\"ratecard \(e(model.version))\">\n")
    page.raw("<title>\(e(model.title))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n")
    page.raw("<header class=\"page-head\"><h1>\(e(model.title))</h1>")
    page.raw("<p class=\"sub\">\(e(subtitle(model)))</p></header>\n")
    summary(model, &page)
    for section in model.sections {
      switch section {
      case .profile(let p): profile(p, &page)
      case .crossCloud(let c): crossCloud(c, &page)
      case .usage(let u): usage(u, &page)
      }
    }
    footer(model, &page)
    page.raw("</body>\n</html>\n")
    return page.text
  }

  // MARK: - sections

  static func subtitle(_ m: ReportModel) -> String {
    let names = m.profiles.map(\.name)
    let list =
      names.count == 1 ? "profile \(names[0])" : "\(names.count) profiles: \(names.joined(separator: ", "))"
    return "\(list). Generated \(m.generatedAt) by ratecard \(m.version)."
  }

  /// The one-table overview: per profile, the recommendation, the current cost and the saving.
  static func summary(_ m: ReportModel, _ page: inout Page) {
    let profiles = m.profiles
    guard !profiles.isEmpty else { return }
    page.raw(
      "<section class=\"summary\"><h2>Summary</h2>\n<table><thead><tr><th>profile</th><th>recommended offer</th><th class=\"num\">monthly cost</th><th>current offer</th><th class=\"num\">current cost</th><th class=\"num\">saving / month</th></tr></thead><tbody>\n"
    )
    for p in profiles {
      page.raw("<tr><td><a href=\"#\(anchor(p.name))\">\(e(p.name))</a></td>")
      if let r = p.recommended {
        page.raw("<td>\(e(r.label))</td>\(moneyCell(r.monthlyCost, r.currency))")
      } else {
        page.raw("<td class=\"warn\">no eligible offer</td><td></td>")
      }
      if let c = p.current {
        page.raw("<td>\(e(c.label))</td>\(moneyCell(c.monthlyCost, c.currency))")
      } else {
        page.raw(
          "<td class=\"muted\">\(p.currentNotes.isEmpty ? "none in the profile" : "not priced")</td><td></td>"
        )
      }
      if let s = p.saving {
        page.raw(moneyCell(s, p.currency, classes: s >= 0 ? "saving" : "warn"))
      } else {
        page.raw("<td></td>")
      }
      page.raw("</tr>\n")
    }
    page.raw("</tbody></table></section>\n")
  }

  static func profile(_ p: ProfileSection, _ page: inout Page) {
    page.raw("<section class=\"profile\" id=\"\(anchor(p.name))\">\n<h2>Profile \(e(p.name))</h2>\n")
    if !p.workload.isEmpty {
      page.raw("<ul class=\"facts\">" + p.workload.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n")
    }
    callout(p, &page)
    if !p.offers.isEmpty {
      let bars = p.offers.map { o in
        SVGChart.Bar(
          label: o.label, value: o.monthlyCost,
          valueText: HTMLText.money(o.monthlyCost, currency: o.currency), kind: kind(o.role))
      }
      figure(
        SVGChart.bars(
          bars, title: "Monthly cost of \(p.name): recommended, alternatives and current",
          axisUnit: "\(p.currency) / month"),
        caption:
          "Monthly cost after the profile's discounts: the recommended offer, the next cheapest eligible ones, and the current deployment priced the same way.",
        &page)
      offerTable(p, &page)
    }
    forecast(p, &page)
    if let r = p.recommended { costLines(r, &page) }
    if !p.provisioned.isEmpty { provisioned(p, &page) }
    parity(p.parity, &page)
    exclusions(p, &page)
    page.raw("</section>\n")
  }

  static func callout(_ p: ProfileSection, _ page: inout Page) {
    page.raw("<div class=\"callout\">")
    if let r = p.recommended {
      page.raw(
        "<p class=\"big\">Recommended: <strong>\(e(r.label))</strong> at <strong \(exact(r.monthlyCost))>\(e(HTMLText.money(r.monthlyCost, currency: r.currency)))</strong> a month"
      )
      page.raw(" (\(p.eligibleCount) eligible offer\(p.eligibleCount == 1 ? "" : "s")).</p>")
      if let s = p.saving, let c = p.current {
        let share = p.savingPercent.map { " (\(HTMLText.percent($0)) of the current cost)" } ?? ""
        if s > 0 {
          page.raw(
            "<p class=\"saving big\">Saves <strong \(exact(s))>\(e(HTMLText.money(s, currency: p.currency)))</strong> a month\(e(share)) against the current \(e(c.label)) at <span \(exact(c.monthlyCost))>\(e(HTMLText.money(c.monthlyCost, currency: c.currency)))</span>.</p>"
          )
        } else if s == 0 {
          page.raw(
            "<p class=\"big\">Costs the same as the current \(e(c.label)) (<span \(exact(c.monthlyCost))>\(e(HTMLText.money(c.monthlyCost, currency: c.currency)))</span>): no saving.</p>"
          )
        } else {
          page.raw(
            "<p class=\"warn big\">Costs <strong \(exact(-s))>\(e(HTMLText.money(-s, currency: p.currency)))</strong> a month more than the current \(e(c.label)), which does not meet the profile (see the notes).</p>"
          )
        }
      }
    } else {
      page.raw("<p class=\"warn big\">No eligible offer: every candidate is excluded (reasons below).</p>")
    }
    for n in p.currentNotes { page.raw("<p class=\"note\">\(e(n))</p>") }
    page.raw("</div>\n")
  }

  static func offerTable(_ p: ProfileSection, _ page: inout Page) {
    page.raw(
      "<table class=\"offers\"><thead><tr><th>rank</th><th>provider</th><th>model</th><th>region</th><th>scope</th><th>tiers</th><th class=\"num\">list / month</th><th class=\"num\">discount</th><th class=\"num\">monthly cost</th><th>priced by fallback</th></tr></thead><tbody>\n"
    )
    for o in p.offers {
      page.raw(
        "<tr class=\"\(kind(o.role).rawValue)\"><td>\(e(o.role.text))</td><td>\(e(o.provider))</td><td>\(e(o.model))</td><td>\(e(o.region))</td><td>\(e(o.scope))</td><td>\(e(o.tiers))</td>"
      )
      page.raw(moneyCell(o.listMonthlyCost, o.currency))
      page.raw("<td class=\"num\">\(e(HTMLText.share(o.discount)))</td>")
      page.raw(moneyCell(o.monthlyCost, o.currency, classes: "strong"))
      page.raw(
        "<td class=\"\(o.pricedByFallback ? "warn" : "muted")\" title=\"\(e(o.fallbacks.joined(separator: "; ")))\">\(o.pricedByFallback ? "yes (\(o.fallbacks.count))" : "no")</td></tr>\n"
      )
    }
    page.raw("</tbody></table>\n")
  }

  static func forecast(_ p: ProfileSection, _ page: inout Page) {
    let months = p.forecastPeriods.count
    guard months > 0, !p.forecast.isEmpty else { return }
    page.raw("<h3>Forecast: \(months) months at \(e(HTMLText.share(p.growthPerMonth))) growth a month</h3>\n")
    let labels = p.forecastPeriods.map(\.text)
    let series = p.forecast.map { f in
      SVGChart.Series(
        name: "\(f.role.text): \(f.label)", values: f.amounts,
        valueTexts: f.amounts.map { HTMLText.money($0, currency: p.currency) }, kind: kind(f.role))
    }
    figure(
      SVGChart.lines(
        series, xLabels: labels,
        title: "Month-by-month cost of \(p.name) with \(HTMLText.share(p.growthPerMonth)) growth a month",
        axisUnit: "\(p.currency) / month"),
      caption:
        "Calendar months (UTC) from \(p.forecastPeriods[0].text); month m costs the first month's cost x (1 + growth)^(m - 1), as ratecard project --months forecasts.",
      &page)
    // Six months a table, so that the forecast fits the width of a printed page.
    for first in stride(from: 0, to: months, by: 6) {
      let range = first..<min(first + 6, months)
      page.raw("<table class=\"forecast\"><thead><tr><th>\(e(p.currency)) / month</th>")
      for m in range { page.raw("<th class=\"num\">\(p.forecastPeriods[m].text)</th>") }
      page.raw("</tr></thead><tbody>\n")
      for f in p.forecast {
        page.raw("<tr class=\"\(kind(f.role).rawValue)\"><td>\(e(f.role.text))</td>")
        for m in range {
          page.raw(
            "<td class=\"num\" \(exact(f.amounts[m]))>\(e(HTMLText.number(f.amounts[m], scale: 2)))</td>")
        }
        page.raw("</tr>\n")
      }
      page.raw("</tbody></table>\n")
    }
  }

  static func costLines(_ o: OfferSummary, _ page: inout Page) {
    page.raw("<h3>Cost lines of the recommended offer</h3>\n")
    page.raw(
      "<p class=\"muted\">Each line names the price-sheet row behind it (service, SKU, sheet key). Unit prices per 1M tokens after the \(e(HTMLText.share(o.discount))) discount.</p>\n"
    )
    page.raw(
      "<table class=\"lines\"><thead><tr><th>tier</th><th>meter</th><th class=\"num\">tokens / month</th><th class=\"num\">list price / 1M</th><th class=\"num\">price / 1M</th><th class=\"num\">cost</th><th>service</th><th>SKU</th><th>sheet key</th></tr></thead><tbody>\n"
    )
    let rounded = FinanceRounding.allocate(o.lines.map(\.cost), total: FinanceRounding.cents(o.monthlyCost))
    for (l, shown) in zip(o.lines, rounded) {
      let tier = l.tier.rawValue + (l.variant.isEmpty ? "" : " " + l.variant)
      page.raw(
        "<tr><td>\(e(tier))</td><td>\(e(l.meter.rawValue))\(l.note.map { "<div class=\"note\">\(e($0))</div>" } ?? "")</td>"
      )
      page.raw("<td class=\"num\" \(exact(l.quantity))>\(e(HTMLText.number(l.quantity, scale: 0)))</td>")
      page.raw("<td class=\"num\">\(e(HTMLText.grouped(l.listUnitPrice.exactText)))</td>")
      page.raw("<td class=\"num\">\(e(HTMLText.grouped(l.unitPrice.exactText)))</td>")
      page.raw("<td class=\"num\" \(exact(l.cost))>\(e(HTMLText.money(shown, currency: o.currency)))</td>")
      page.raw(
        "<td>\(e(l.service))</td><td class=\"code\">\(e(l.sku))</td><td class=\"code\">\(e(l.sheetKey))</td></tr>\n"
      )
    }
    page.raw(
      "<tr class=\"total\"><td colspan=\"5\">total a month</td>\(moneyCell(o.monthlyCost, o.currency, classes: "strong"))<td colspan=\"3\"></td></tr>\n"
    )
    page.raw("</tbody></table>\n")
    if !o.fallbacks.isEmpty {
      page.raw(
        "<ul class=\"fallbacks\">" + o.fallbacks.map { "<li>fallback: \(e($0))</li>" }.joined() + "</ul>\n")
    }
  }

  static func provisioned(_ p: ProfileSection, _ page: inout Page) {
    page.raw("<h3>Provisioned throughput for the recommended offer</h3>\n")
    page.raw(
      "<table><thead><tr><th>tier</th><th>commitment</th><th class=\"num\">units</th><th class=\"num\">unit price</th><th class=\"num\">monthly cost</th><th class=\"num\">on demand</th><th class=\"num\">pays off above (requests / month)</th><th>SKU</th></tr></thead><tbody>\n"
    )
    for o in p.provisioned {
      page.raw(
        "<tr><td>\(e(o.tier.rawValue))</td><td>\(e(o.commitment.rawValue))</td><td class=\"num\">\(o.unitsNeeded)</td>"
      )
      page.raw("<td class=\"num\">\(e(HTMLText.grouped(o.unitPrice.exactText))) / \(e(o.unit))</td>")
      page.raw(moneyCell(o.monthlyCost, p.currency))
      page.raw(moneyCell(o.onDemandMonthlyCost, p.currency))
      page.raw(
        "<td class=\"num\">\(o.breakEvenRequestsPerMonth.map { e(HTMLText.number($0, scale: 0)) } ?? "")</td>"
      )
      page.raw("<td class=\"code\">\(e(o.sku))</td></tr>\n")
    }
    page.raw("</tbody></table>\n")
  }

  static func parity(_ parity: ReportParity, _ page: inout Page) {
    page.raw("<h3>Parity evidence</h3>\n<p>\(e(parity.rule))</p>\n")
    guard !parity.rows.isEmpty else { return }
    page.raw(
      "<table class=\"parity\"><thead><tr><th>rank</th><th>model</th><th>benchmark</th><th class=\"num\">score</th><th class=\"num\">bar</th><th>verdict</th><th>score source</th></tr></thead><tbody>\n"
    )
    for r in parity.rows {
      page.raw("<tr><td>\(e(r.role.text))</td><td>\(e(r.model))</td><td>\(e(r.benchmark))</td>")
      page.raw("<td class=\"num\">\(r.score.map { e(HTMLText.grouped($0.exactText)) } ?? "")</td>")
      page.raw(
        "<td class=\"num\">\(r.required.map { "&ge; " + e(HTMLText.grouped($0.exactText)) } ?? "")</td>")
      page.raw(
        "<td class=\"\(r.verdict == "meets" || r.verdict == "listed" ? "saving" : "warn")\">\(e(r.verdict))</td><td class=\"muted\">\(e(r.source))</td></tr>\n"
      )
    }
    page.raw("</tbody></table>\n")
  }

  static func exclusions(_ p: ProfileSection, _ page: inout Page) {
    page.raw("<h3>Exclusions</h3>\n")
    page.raw(
      "<p>\(p.eligibleCount + p.excludedCount) offers in \(e(p.currency)) considered: \(p.eligibleCount) eligible, \(p.excludedCount) excluded. An offer excluded for several kinds of reason counts under each.</p>\n"
    )
    guard !p.exclusions.isEmpty else { return }
    page.raw(
      "<table class=\"exclusions\"><thead><tr><th>reason</th><th class=\"num\">offers</th><th>for example</th></tr></thead><tbody>\n"
    )
    for x in p.exclusions {
      page.raw(
        "<tr><td>\(e(x.reason))</td><td class=\"num\">\(e(HTMLText.grouped(String(x.count))))</td><td class=\"muted\">\(e(x.example))</td></tr>\n"
      )
    }
    page.raw("</tbody></table>\n")
  }

  static func crossCloud(_ c: CrossCloudSection, _ page: inout Page) {
    page.raw(
      "<section class=\"cross\" id=\"cross-cloud\">\n<h2>Cross-cloud: the same model on each cloud, region and scope</h2>\n"
    )
    page.raw(
      "<p>\(e(c.mix)). Premium against the cheapest offer of the model; position (undercut, parity, premium) against the other cloud's cheapest, as <code>ratecard compare</code>.</p>\n"
    )
    if c.models.isEmpty {
      page.raw("<p class=\"warn\">No profile has a recommended or current model to compare.</p>\n")
    }
    for m in c.models {
      page.raw("<div class=\"model\"><h3>\(e(m.model))</h3>\n")
      if !m.usedBy.isEmpty {
        page.raw("<p class=\"muted\">Used by \(e(m.usedBy.joined(separator: "; "))).</p>\n")
      }
      if m.rows.isEmpty {
        page.raw(
          "<p class=\"warn\">No offer of this model could be priced for the mix (\(m.excludedCount) without a needed price).</p></div>\n"
        )
        continue
      }
      let bars = m.rows.map { r in
        // Against the other cloud's cheapest; with one cloud, against the cheapest offer.
        let against =
          r.versusOtherCloudPercent.map { " \(HTMLText.percent($0, signed: true))" }
          ?? " \(HTMLText.percent(r.premiumPercent, signed: true)) (one cloud only)"
        return SVGChart.Bar(
          label: "\(r.provider) \(r.region) \(r.scope)", value: r.monthlyCost,
          valueText:
            "\(HTMLText.money(r.monthlyCost, currency: m.currency)) \u{00B7} \(r.position)\(against)",
          kind: SVGChart.Kind(rawValue: r.position) ?? .alternative)
      }
      figure(
        SVGChart.bars(
          bars, title: "\(m.model): monthly cost of the mix on each cloud, region and scope",
          axisUnit: "\(m.currency) / month"),
        caption:
          "Cheapest first. Colour and percentage: position against the other cloud's cheapest offer of the model\(m.excludedCount > 0 ? "; \(m.excludedCount) offer(s) without a needed price left out" : "").",
        &page)
      page.raw("</div>\n")
    }
    page.raw("</section>\n")
  }

  static func footer(_ m: ReportModel, _ page: inout Page) {
    page.raw("<footer>\n<h2>Sources</h2>\n")
    if m.sheets.isEmpty {
      page.raw("<p class=\"warn\">No price sheet imported.</p>\n")
    } else {
      page.raw(
        "<table class=\"sheets\"><thead><tr><th>price sheet</th><th>sheet version</th><th>publication date</th><th>imported</th><th class=\"num\">rates</th></tr></thead><tbody>\n"
      )
      for s in m.sheets {
        page.raw(
          "<tr><td class=\"code\">\(e(s.source))</td><td>\(e(s.sheetVersion ?? ""))</td><td>\(e(s.publicationDate ?? ""))</td><td>\(e(s.lastImport ?? ""))</td><td class=\"num\">\(e(HTMLText.grouped(String(s.rates))))</td></tr>\n"
        )
      }
      page.raw("</tbody></table>\n")
    }
    page.raw("<p>\(e(roundingRule))</p>\n")
    page.raw(
      "<p>Made by ratecard \(e(m.version)) on \(e(m.generatedAt)). Every number is the engine's own (<code>ratecard recommend</code>, <code>project</code>, <code>compare</code> on the same database).</p>\n"
    )
    page.raw("</footer>\n")
  }

  // MARK: - pieces

  static func figure(_ chart: SVGChart, caption: String, _ page: inout Page) {
    page.raw("<figure>\(chart.svg)<figcaption>\(e(caption))</figcaption></figure>\n")
  }

  static func kind(_ role: OfferSummary.Role) -> SVGChart.Kind {
    switch role {
    case .recommended: .recommended
    case .alternative: .alternative
    case .current: .current
    }
  }

  static func moneyCell(_ v: Decimal, _ currency: String, classes: String = "") -> String {
    "<td class=\"num \(classes)\" \(exact(v))>\(e(HTMLText.money(v, currency: currency)))</td>"
  }

  /// The exact amount as an attribute.
  static func exact(_ v: Decimal) -> String { "data-exact=\"\(e(v.exactText))\"" }

  static func e(_ s: String) -> String { HTMLText.escape(s) }

  /// An id for a profile section: letters, digits, `-` and `_` kept, anything else as `-`.
  static func anchor(_ name: String) -> String {
    "p-"
      + String(
        name.unicodeScalars.map { s -> Character in
          (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_") && s.isASCII
            ? Character(s) : "-"
        })
  }

  /// The page being written.
  struct Page {
    var text = ""
    mutating func raw(_ s: String) { text += s }
  }

  static let stylesheet = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { font-family: -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 0 auto; padding: 24px 32px; max-width: 1100px; line-height: 1.4; font-size: 14px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 2px solid #1f2933; padding-bottom: 4px; }
    h3 { font-size: 15px; margin: 20px 0 6px; }
    .sub, .muted { color: #5a6675; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12.5px; }
    th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
    th { background: #f3f5f8; font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11px; word-break: break-all; }
    .strong { font-weight: 600; }
    .saving { color: #1a7f45; }
    .warn { color: #b8412c; }
    .note { color: #5a6675; font-size: 11.5px; }
    tr.recommended td { background: #eef7f1; }
    tr.current td { background: #fbefec; }
    tr.total td { font-weight: 600; border-top: 2px solid #1f2933; }
    .callout { border-left: 4px solid #1a7f45; background: #f6faf7; padding: 8px 14px; margin: 10px 0 14px; }
    .callout p { margin: 4px 0; }
    .big { font-size: 15px; }
    table.forecast { margin: 0 0 4px; }
    table.forecast th:first-child { width: 16%; }
    ul.facts { list-style: none; padding: 0; margin: 4px 0 8px; display: flex; flex-wrap: wrap; gap: 4px 8px; }
    ul.facts li { background: #f3f5f8; border-radius: 3px; padding: 1px 8px; font-size: 12.5px; }
    ul.fallbacks { color: #5a6675; font-size: 12.5px; margin: 0 0 10px; }
    figure { margin: 8px 0 12px; }
    figcaption { color: #5a6675; font-size: 12px; }
    svg.chart { max-width: 100%; height: auto; display: block; }
    a { color: inherit; }
    footer { margin-top: 32px; font-size: 12.5px; color: #3e4a59; }
    @page { size: A4; margin: 12mm; }
    @media print {
      body { padding: 0; max-width: none; font-size: 11px; }
      table { font-size: 9px; }
      th, td { padding: 2px 4px; }
      .code { font-size: 8px; }
      h1 { font-size: 20px; }
      h2 { font-size: 15px; }
      h3 { font-size: 12px; }
      .big { font-size: 12px; }
      ul.facts li, figcaption, .note, ul.fallbacks, footer { font-size: 9.5px; }
      section.profile, section.cross, footer { break-before: page; }
      figure, table, .callout, .model { break-inside: avoid; }
      h2, h3 { break-after: avoid; }
      a { text-decoration: none; }
    }

    """
}
