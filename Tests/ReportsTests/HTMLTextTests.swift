import Foundation
import Pricing
@testable import Reports
import Testing

@Suite("HTML report text and charts")
struct HTMLTextTests {
  func d(_ s: String) -> Decimal { ExactDecimal.parse(s)! }

  @Test("money: cents half away from zero, thousands separated, currency code in front")
  func money() {
    #expect(HTMLText.money(d("12445.2675"), currency: "USD") == "USD 12,445.27")
    #expect(HTMLText.money(d("0.125"), currency: "USD") == "USD 0.13")
    #expect(HTMLText.money(d("-0.125"), currency: "EUR") == "EUR -0.13")
    #expect(HTMLText.money(d("999999.995"), currency: "USD") == "USD 1,000,000.00")
    #expect(HTMLText.money(d("-1234567.004"), currency: "USD") == "USD -1,234,567.00")
    #expect(HTMLText.money(d("120"), currency: "USD") == "USD 120.00")
    #expect(HTMLText.number(d("2160000000"), scale: 0) == "2,160,000,000")
    #expect(HTMLText.percent(d("16.4025")) == "16.4%")
    #expect(HTMLText.percent(d("10"), signed: true) == "+10.0%")
    #expect(HTMLText.percent(d("-3.35"), signed: true) == "-3.4%")
    #expect(HTMLText.share(d("0.025")) == "2.5%")
  }

  @Test("escape: markup, quotes and control characters from a sheet or a profile")
  func escape() {
    #expect(
      HTMLText.escape("<script>alert(\"x\")</script> & 'y'")
        == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    // An entity-like text stays text (shown as typed, not as the character it names).
    #expect(HTMLText.escape("&copy;") == "&amp;copy;")
    #expect(HTMLText.escape("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    #expect(HTMLText.escape("gpt-4o — Sweden Central") == "gpt-4o — Sweden Central")
  }

  @Test("axis: zero to a round maximum in 2 to 5 steps of 1, 2 or 5 x 10^k")
  func axis() {
    let a = SVGChart.Axis(maximum: d("14887.13"))
    #expect(a.step == 5000 && a.top == 15000 && a.decimals == 0)
    #expect(a.ticks == [0, 5000, 10000, 15000])
    let small = SVGChart.Axis(maximum: d("0.92"))
    #expect(small.step == d("0.2") && small.top == 1 && small.decimals == 1)
    let exact = SVGChart.Axis(maximum: 400)
    #expect(exact.top == 400 && exact.ticks.count >= 3 && exact.ticks.count <= 6)
    let zero = SVGChart.Axis(maximum: 0)
    #expect(zero.top == 1 && zero.ticks.count == 5)
  }

  @Test("bars: one bar per value on a common scale, the largest the full plot width, texts escaped")
  func bars() {
    let chart = SVGChart.bars(
      [
        .init(
          label: "azure <gpt> \"x\"", value: d("12445.2675"), valueText: "USD 12,445.27", kind: .recommended),
        .init(label: "current", value: d("14887.13"), valueText: "USD 14,887.13", kind: .current),
      ], title: "cost & more", axisUnit: "USD / month")
    #expect(chart.svg.hasPrefix("<svg ") && chart.svg.hasSuffix("</svg>"))
    #expect(chart.svg.components(separatedBy: "<g class=\"bar ").count == 3)
    // The axis tops at 15,000; labels 120 px, values 13 x 7 + 12 = 103 px, bars 760 - 223 = 537 px:
    // 14887.13 / 15000 x 537 = 533.0, 12445.2675 -> 445.5.
    #expect(chart.svg.contains("width=\"533.0\""))
    #expect(chart.svg.contains("width=\"445.5\""))
    #expect(chart.svg.contains("azure &lt;gpt&gt; &quot;x&quot;"))
    #expect(!chart.svg.contains("<gpt>"))
    #expect(chart.svg.contains("<title>cost &amp; more</title>"))
  }

  @Test("lines: one polyline per series, one point per month, highest point at the top of the axis")
  func lines() {
    let chart = SVGChart.lines(
      [
        .init(
          name: "recommended", values: [100, 110, 121], valueTexts: ["a", "b", "c"], kind: .recommended),
        .init(name: "current", values: [150, 165, 200], valueTexts: ["d", "e", "f"], kind: .current),
      ], xLabels: ["2027-01", "2027-02", "2027-03"], title: "forecast", axisUnit: "USD / month")
    #expect(chart.svg.components(separatedBy: "<polyline").count == 3)
    #expect(chart.svg.components(separatedBy: "<circle").count == 7)
    // Axis top 200 at y = 52 (top margin: two legend lines): the last current point, at the right
    // end of the plot (760 wide, 28 kept for half of the last month label).
    #expect(chart.svg.contains("cx=\"732.0\" cy=\"52.0\""))
  }
}
