import Foundation
import Pricing

/// The Azure `unitOfMeasure` table: token blocks normalised exactly to per 1M tokens, time units
/// kept as their period, anything else kept as the sheet's unit (with the meter's unit word).
enum AzureUnit {
  /// Time units by their sheet spelling.
  static let periods: [String: String] = [
    "1 Hour": NormalizedUnit.hour, "1/Hour": NormalizedUnit.hour, "1 Hours": NormalizedUnit.hour,
    "1/Day": NormalizedUnit.day, "1 Day": NormalizedUnit.day,
    "1/Month": NormalizedUnit.month, "1 Month": NormalizedUnit.month,
    "1/Year": NormalizedUnit.year, "1 Year": NormalizedUnit.year,
    "1 Second": NormalizedUnit.second, "1/Second": NormalizedUnit.second,
  ]

  /// Nouns for non-token meters, by the unit word the meter name ends with.
  static let nouns: [String: String] = [
    "Images": "images", "Search": "searches", "Session": "sessions", "Calls": "calls",
    "Characters": "characters", "GB": "GB", "Video": "seconds", "Second": "seconds",
  ]

  /// `sessions` → `session` (for the unit `1`).
  static func singular(_ noun: String) -> String {
    switch noun {
    case "searches": "search"
    case "GB": "GB"
    default: noun.hasSuffix("s") ? String(noun.dropLast()) : noun
    }
  }

  /// The block size of a count unit: `1K` = 1,000, `1M` = 1,000,000, `100` = 100, `1` = 1.
  static func blockSize(_ unit: String) -> Int? {
    var text = unit.trimmingCharacters(in: .whitespaces)
    var factor = 1
    if text.hasSuffix("K") {
      factor = 1000
      text.removeLast()
    } else if text.hasSuffix("M") {
      factor = 1_000_000
      text.removeLast()
    }
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), n > 0
    else { return nil }
    // A block too large to count (`9223372036854775807K`) is no unit ratecard knows.
    let (size, overflow) = n.multipliedReportingOverflow(by: factor)
    return overflow ? nil : size
  }

  /// Price per 1M tokens for a token meter, or nil when the unit is not a token block.
  static func perMillionTokens(unit: String, price: Decimal) -> Decimal? {
    guard let block = blockSize(unit) else { return nil }
    return UnitConversion.perMillionTokens(price: price, blockTokens: block)
  }

  /// Price per image for an image meter (`... Images`) sold by a count block (`100`), or nil.
  static func perImage(unit: String, suffix: String?, price: Decimal) -> Decimal? {
    guard suffix == "Images", let block = blockSize(unit) else { return nil }
    return price / Decimal(block)
  }

  /// The normalised unit of a non-token meter (`hour`, `GB-day`, `100 images`, ...).
  static func other(unit: String, suffix: String?) -> String {
    let noun = suffix.flatMap { nouns[$0] }
    if let period = periods[unit] {
      if noun == "GB" { return "GB-\(period)" }
      return period
    }
    if unit == "1", suffix == "Second" || suffix == "Video" { return NormalizedUnit.second }
    if let noun { return unit == "1" ? singular(noun) : "\(unit) \(noun)" }
    return unit
  }
}
