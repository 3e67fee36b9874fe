import Foundation
import Pricing

/// Text for the HTML report: escaping of everything that comes from a sheet, a profile or the
/// catalogue, and numbers formatted for people.
///
/// The presentation rule (stated in the report's footer and in docs/report.md): amounts are the
/// engine's exact decimals, rounded to cents half away from zero only when shown, with `,` between
/// thousands and the ISO currency code in front (`USD 12,445.27`); the lines of a cost table are
/// rounded by the largest-remainder rule of the finance exports (``FinanceRounding/allocate(_:total:)``)
/// so that they add up to the rounded total shown; percentages to one decimal; token quantities to
/// whole tokens. The exact value of every amount is kept in the page too (`data-exact`).
public enum HTMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in element
  /// content and in a quoted attribute value. C0 control characters other than tab, newline and
  /// carriage return (not allowed in HTML) become U+FFFD.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for s in text.unicodeScalars {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(s)
      default:
        if s.value < 0x20 || s.value == 0x7F {
          out.unicodeScalars.append("\u{FFFD}")
        } else {
          out.unicodeScalars.append(s)
        }
      }
    }
    return out
  }

  /// `USD 12,445.27`: rounded to cents half away from zero, thousands separated by `,`.
  public static func money(_ value: Decimal, currency: String) -> String {
    "\(currency) \(grouped(ExactDecimal.format(value, scale: 2)))"
  }

  /// An amount already rounded (or to be shown at `scale` places), with thousands separators.
  public static func number(_ value: Decimal, scale: Int) -> String {
    grouped(ExactDecimal.format(value, scale: scale))
  }

  /// A percentage to one decimal, half away from zero (`10.0%`); a sign in front when asked.
  public static func percent(_ value: Decimal, signed: Bool = false) -> String {
    let text = grouped(ExactDecimal.format(value, scale: 1)) + "%"
    return signed && value > 0 && text != "0.0%" ? "+" + text : text
  }

  /// A share (0.25) as a percentage with as many decimals as it has (`25%`, `2.5%`).
  public static func share(_ value: Decimal) -> String { (value * 100).exactText + "%" }

  /// `-1234567.891` -> `-1,234,567.891` (``ExactDecimal/grouped(_:)``).
  public static func grouped(_ plain: String) -> String { ExactDecimal.grouped(plain) }
}
