import Foundation

extension HTMLReport {
  /// The usage section: the month's cost by app (chart and table), by model (table), and each
  /// app's month at the best option (chart and table).
  static func usage(_ u: UsageSection, _ page: inout Page) {
    page.raw("<section class=\"usage\" id=\"usage\">\n<h2>Actual usage, \(e(u.month))</h2>\n")
    page.raw(
      "<p>Token usage of \(e(u.month)) as imported from the clouds' exports (<code>ratecard usage --month \(e(u.month)) --by app</code>): billed is what the export charged, list what the same tokens cost at the sheets' list prices.</p>\n"
    )
    let bars = u.byApp.compactMap { c -> SVGChart.Bar? in
      guard let billed = c.billed else { return nil }
      return SVGChart.Bar(
        label: "\(c.label) (\(c.provider))", value: billed,
        valueText: HTMLText.money(billed, currency: c.currency), kind: .current)
    }
    if !bars.isEmpty, let currency = u.byApp.first?.currency {
      figure(
        SVGChart.bars(bars, title: "\(u.month): billed cost by app", axisUnit: "\(currency) / month"),
        caption: "Billed cost of each app's token usage in \(u.month).", &page)
    }
    costTable(u.byApp, heading: "app", &page)
    page.raw("<h3>By model</h3>\n")
    costTable(u.byModel, heading: "model", &page)

    page.raw("<h3>At the best option</h3>\n")
    page.raw(
      "<p>Each app's month priced on the cheapest offer meeting the same model (or the constraints), as <code>ratecard reprice --best --by app --month \(e(u.month))</code>: actual is the usage at list price.</p>\n"
    )
    var compare: [SVGChart.Bar] = []
    for b in u.best {
      if let a = b.actual {
        compare.append(.init(label: "\(b.name): actual", value: a.monthlyCost, valueText: HTMLText.money(a.monthlyCost, currency: a.currency), kind: .current))
      }
      if let r = b.best {
        compare.append(.init(label: "\(b.name): best", value: r.monthlyCost, valueText: HTMLText.money(r.monthlyCost, currency: r.currency), kind: .recommended))
      }
    }
    if !compare.isEmpty, let currency = u.best.first?.currency {
      figure(
        SVGChart.bars(compare, title: "\(u.month): actual (list) against the best option, by app", axisUnit: "\(currency) / month"),
        caption: "For each app: the month at list price, then at the best option.", &page)
    }
    page.raw(
      "<table class=\"usage-best\"><thead><tr><th>app</th><th>actual</th><th class=\"num\">actual (list)</th><th>best option</th><th class=\"num\">at the best option</th><th class=\"num\">saving</th></tr></thead><tbody>\n"
    )
    for b in u.best {
      page.raw("<tr><td>\(e(b.name))</td><td>\(e(b.actual?.label ?? ""))</td>")
      page.raw(b.actual.map { moneyCell($0.monthlyCost, $0.currency) } ?? "<td></td>")
      page.raw("<td>\(e(b.best?.label ?? "no eligible offer"))</td>")
      page.raw(b.best.map { moneyCell($0.monthlyCost, $0.currency, classes: "strong") } ?? "<td></td>")
      page.raw(b.saving.map { moneyCell($0, b.currency, classes: $0 > 0 ? "saving" : "") } ?? "<td></td>")
      page.raw("</tr>\n")
    }
    page.raw("</tbody></table>\n")
    for b in u.best { for n in b.notes { page.raw("<p class=\"note\">\(e(b.name)): \(e(n))</p>\n") } }
    page.raw("</section>\n")
  }

  static func costTable(_ rows: [UsageSection.Cost], heading: String, _ page: inout Page) {
    page.raw(
      "<table class=\"usage\"><thead><tr><th>\(e(heading))</th><th>provider</th><th class=\"num\">tokens</th><th class=\"num\">billed</th><th class=\"num\">list</th></tr></thead><tbody>\n"
    )
    for c in rows {
      page.raw("<tr><td>\(e(c.label))</td><td>\(e(c.provider))</td><td class=\"num\">\(e(HTMLText.grouped(String(c.tokens))))</td>")
      page.raw(c.billed.map { moneyCell($0, c.currency) } ?? "<td class=\"num\">unknown</td>")
      page.raw(c.list.map { moneyCell($0, c.currency) } ?? "<td class=\"num\">unpriced</td>")
      page.raw("</tr>\n")
    }
    page.raw("</tbody></table>\n")
  }
}
