import CostEngine
import Foundation
import Pricing

/// The line under a table of several profiles' recommendations: the total monthly cost of the
/// recommended offers and, over the profiles that name what they run today, the total saving.
/// One line per currency; amounts rounded to cents, half away from zero, as in the tables.
public enum RecommendationRollUp {
  public static func lines(_ recommendations: [Recommendation]) -> [String] {
    guard recommendations.count > 1 else { return [] }
    let byCurrency = Dictionary(grouping: recommendations, by: \.profile.currency)
    return byCurrency.keys.sorted().map { currency in
      let recs = byCurrency[currency]!
      let priced = recs.compactMap(\.recommended)
      let total = priced.reduce(Decimal(0)) { $0 + $1.monthlyCost }
      let withCurrent = recs.filter { $0.recommended != nil && $0.current != nil }
      let saving = withCurrent.compactMap(\.savingVsCurrent).reduce(Decimal(0), +)
      var line =
        "total for \(recs.count) profiles: \(cents(total)) \(currency)/month recommended"
        + (priced.count < recs.count ? " (\(recs.count - priced.count) without an eligible offer)" : "")
      if !withCurrent.isEmpty {
        line += "; saving \(cents(saving)) \(currency)/month vs current over \(withCurrent.count) profile(s)"
      }
      return line
    }
  }

  static func cents(_ d: Decimal) -> String { ExactDecimal.format(d, scale: 2) }
}
