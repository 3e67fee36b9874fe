import Foundation
import Pricing

/// The report's charts as inline SVG: a horizontal bar chart and a line chart, drawn from exact
/// decimals. Positions are computed in `Decimal` and written to one decimal place, so no amount
/// passes through binary floating point even on its way to a pixel; every text is escaped.
public struct SVGChart: Sendable {
  /// What a bar or a line stands for; chooses its colour (and the legend's words).
  public enum Kind: String, Sendable, CaseIterable {
    case recommended, current, alternative, undercut, parity, premium

    var colour: String {
      switch self {
      case .recommended: "#1a7f45"
      case .current: "#b8412c"
      case .alternative: "#7f8fa6"
      case .undercut: "#1a7f45"
      case .parity: "#2f6db5"
      case .premium: "#d08a1e"
      }
    }
  }

  /// One bar: its label (left of the bar), its value, the value's text (right of the bar).
  public struct Bar: Sendable {
    public var label: String
    public var value: Decimal
    public var valueText: String
    public var kind: Kind
    public init(label: String, value: Decimal, valueText: String, kind: Kind) {
      self.label = label
      self.value = value
      self.valueText = valueText
      self.kind = kind
    }
  }

  /// One line: a value per x position, with the texts shown on hover.
  public struct Series: Sendable {
    public var name: String
    public var values: [Decimal]
    public var valueTexts: [String]
    public var kind: Kind
    public init(name: String, values: [Decimal], valueTexts: [String], kind: Kind) {
      self.name = name
      self.values = values
      self.valueTexts = valueTexts
      self.kind = kind
    }
  }

  /// The chart's accessible title (the SVG `<title>`), also its `aria-label`.
  public var title: String
  /// The finished `<svg>` element.
  public private(set) var svg: String

  static let width: Decimal = 760
  static let font = "font-family=\"-apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif\""

  /// A horizontal bar chart, one row per bar, on a common scale from zero; `axisUnit` labels the
  /// axis (`USD / month`).
  public static func bars(_ bars: [Bar], title: String, axisUnit: String) -> SVGChart {
    // Columns sized to the longest label (at most 54 characters, about 6.2 px each at 11 px) and
    // the longest value text (about 7 px a character at 12 px); the bars get the rest.
    let longestLabel = min(bars.map(\.label.count).max() ?? 0, 54)
    let longestValue = bars.map(\.valueText.count).max() ?? 0
    let labelWidth = min(
      Decimal(350), max(Decimal(120), Decimal(longestLabel) * Decimal(string: "6.2")! + 16))
    let valueWidth = max(Decimal(100), Decimal(longestValue) * 7 + 12)
    let plot = width - labelWidth - valueWidth
    let row: Decimal = 24
    let top: Decimal = 28
    let axis = Axis(maximum: bars.map(\.value).max() ?? 0)
    let height = top + row * Decimal(bars.count) + 30
    var s = open(title: title, width: width, height: height)
    s += legend(kinds: bars.map(\.kind), y: 14)
    for tick in axis.ticks {
      let x = labelWidth + axis.position(tick, length: plot)
      s +=
        "<line x1=\"\(px(x))\" y1=\"\(px(top - 4))\" x2=\"\(px(x))\" y2=\"\(px(height - 26))\" stroke=\"#dde3ea\" stroke-width=\"1\"/>"
      s +=
        "<text x=\"\(px(x))\" y=\"\(px(height - 12))\" font-size=\"11\" fill=\"#5a6675\" text-anchor=\"middle\">\(HTMLText.escape(HTMLText.number(tick, scale: axis.decimals)))</text>"
    }
    s +=
      "<text x=\"\(px(width - 4))\" y=\"\(px(height - 12))\" font-size=\"11\" fill=\"#5a6675\" text-anchor=\"end\">\(HTMLText.escape(axisUnit))</text>"
    for (i, bar) in bars.enumerated() {
      let y = top + row * Decimal(i)
      let length = axis.position(max(bar.value, 0), length: plot)
      s += "<g class=\"bar \(bar.kind.rawValue)\">"
      s += "<title>\(HTMLText.escape(bar.label + ": " + bar.valueText))</title>"
      s +=
        "<text x=\"\(px(labelWidth - 8))\" y=\"\(px(y + 15))\" font-size=\"11\" fill=\"#1f2933\" text-anchor=\"end\">\(HTMLText.escape(clip(bar.label, 54)))</text>"
      s +=
        "<rect x=\"\(px(labelWidth))\" y=\"\(px(y + 3))\" width=\"\(px(max(length, 1)))\" height=\"\(px(row - 6))\" rx=\"2\" fill=\"\(bar.kind.colour)\"/>"
      s +=
        "<text x=\"\(px(labelWidth + length + 6))\" y=\"\(px(y + 15))\" font-size=\"12\" fill=\"#1f2933\">\(HTMLText.escape(bar.valueText))</text>"
      s += "</g>"
    }
    return SVGChart(title: title, svg: s + "</svg>")
  }

  /// A line chart: one line per series over `xLabels` (the same count as each series' values), on
  /// a common scale from zero.
  public static func lines(_ series: [Series], xLabels: [String], title: String, axisUnit: String) -> SVGChart
  {
    let left: Decimal = 84
    let right: Decimal = 28  // half of a `YYYY-MM` label at 11 px, and a margin
    // One legend line per series above the plot, then the axis unit.
    let top: Decimal = 36 + 16 * Decimal(max(series.count - 1, 0))
    let plotHeight: Decimal = 200
    let height = top + plotHeight + 40
    let plot = width - left - right
    let axis = Axis(maximum: series.flatMap(\.values).max() ?? 0)
    let steps = Decimal(max(xLabels.count - 1, 1))
    func x(_ i: Int) -> Decimal { left + plot * Decimal(i) / steps }
    func y(_ v: Decimal) -> Decimal { top + plotHeight - axis.position(max(v, 0), length: plotHeight) }
    var s = open(title: title, width: width, height: height)
    for (i, line) in series.enumerated() {
      s += legend(kinds: [line.kind], names: [line.name], y: 14 + 16 * Decimal(i))
    }
    for tick in axis.ticks {
      s +=
        "<line x1=\"\(px(left))\" y1=\"\(px(y(tick)))\" x2=\"\(px(width - right))\" y2=\"\(px(y(tick)))\" stroke=\"#dde3ea\" stroke-width=\"1\"/>"
      s +=
        "<text x=\"\(px(left - 6))\" y=\"\(px(y(tick) + 4))\" font-size=\"11\" fill=\"#5a6675\" text-anchor=\"end\">\(HTMLText.escape(HTMLText.number(tick, scale: axis.decimals)))</text>"
    }
    s +=
      "<text x=\"4\" y=\"\(px(top - 6))\" font-size=\"11\" fill=\"#5a6675\">\(HTMLText.escape(axisUnit))</text>"
    let every = max(1, (xLabels.count + 11) / 12)
    for (i, label) in xLabels.enumerated() where i % every == 0 || i == xLabels.count - 1 {
      s +=
        "<text x=\"\(px(x(i)))\" y=\"\(px(top + plotHeight + 18))\" font-size=\"11\" fill=\"#5a6675\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
    }
    for line in series {
      let points = line.values.enumerated().map { "\(px(x($0.offset))),\(px(y($0.element)))" }
      s += "<g class=\"line \(line.kind.rawValue)\">"
      s +=
        "<polyline fill=\"none\" stroke=\"\(line.kind.colour)\" stroke-width=\"2.5\" points=\"\(points.joined(separator: " "))\"/>"
      for (i, v) in line.values.enumerated() {
        let text = i < line.valueTexts.count ? line.valueTexts[i] : ""
        let label = i < xLabels.count ? xLabels[i] : ""
        s +=
          "<circle cx=\"\(px(x(i)))\" cy=\"\(px(y(v)))\" r=\"3\" fill=\"\(line.kind.colour)\"><title>\(HTMLText.escape("\(line.name), \(label): \(text)"))</title></circle>"
      }
      s += "</g>"
    }
    return SVGChart(title: title, svg: s + "</svg>")
  }

  // MARK: - pieces

  static func open(title: String, width: Decimal, height: Decimal) -> String {
    let t = HTMLText.escape(title)
    return
      "<svg class=\"chart\" role=\"img\" aria-label=\"\(t)\" viewBox=\"0 0 \(px(width)) \(px(height))\" width=\"\(px(width))\" height=\"\(px(height))\" \(font)><title>\(t)</title>"
  }

  /// The legend: one swatch per kind present (in first-seen order), or per named series.
  static func legend(kinds: [Kind], names: [String]? = nil, y: Decimal) -> String {
    var entries: [(Kind, String)] = []
    if let names {
      entries = Array(zip(kinds, names))
    } else {
      for k in kinds where !entries.contains(where: { $0.0 == k }) { entries.append((k, k.rawValue)) }
    }
    var s = ""
    var x: Decimal = 4
    for (kind, name) in entries {
      s +=
        "<rect x=\"\(px(x))\" y=\"\(px(y - 9))\" width=\"10\" height=\"10\" rx=\"2\" fill=\"\(kind.colour)\"/>"
      s +=
        "<text x=\"\(px(x + 14))\" y=\"\(px(y))\" font-size=\"11\" fill=\"#1f2933\">\(HTMLText.escape(clip(name, 100)))</text>"
      x += 34 + Decimal(min(name.count, 100)) * Decimal(string: "6.4")!
    }
    return s
  }

  /// A coordinate to one decimal place (half away from zero).
  static func px(_ v: Decimal) -> String { ExactDecimal.format(v, scale: 1) }

  /// At most `limit` characters, an ellipsis marking a cut (the full text is in the bar's title).
  static func clip(_ s: String, _ limit: Int) -> String {
    s.count <= limit ? s : String(s.prefix(limit - 1)) + "\u{2026}"
  }

  /// A value axis from zero to a round maximum with 2 to 5 steps of 1, 2 or 5 x 10^k.
  struct Axis {
    var top: Decimal
    var step: Decimal
    /// Decimals the tick labels need (0 for steps of 1 or more).
    var decimals: Int

    init(maximum: Decimal) {
      guard maximum > 0 else {
        top = 1
        step = Decimal(string: "0.25")!
        decimals = 2
        return
      }
      // The power of ten at or below the maximum.
      var power: Decimal = 1
      var exponent = 0
      while power * 10 <= maximum {
        power *= 10
        exponent += 1
      }
      while power > maximum {
        power /= 10
        exponent -= 1
      }
      var chosen = power * 2
      for factor in ["0.1", "0.2", "0.5", "1", "2"] {
        let step = power * Decimal(string: factor)!
        if Axis.ceiling(maximum / step) <= 5 {
          chosen = step
          break
        }
      }
      step = chosen
      top = Axis.ceiling(maximum / chosen) * chosen
      var d = 0
      var probe = chosen
      while probe != Axis.ceiling(probe) && d < 12 {
        probe *= 10
        d += 1
      }
      decimals = d
    }

    static func ceiling(_ v: Decimal) -> Decimal {
      var value = v
      var result = Decimal()
      NSDecimalRound(&result, &value, 0, .up)
      return result
    }

    var ticks: [Decimal] {
      var out: [Decimal] = []
      var t: Decimal = 0
      while t <= top {
        out.append(t)
        t += step
      }
      return out
    }

    /// `value`'s distance from zero on an axis `length` long.
    func position(_ value: Decimal, length: Decimal) -> Decimal { value / top * length }
  }
}
