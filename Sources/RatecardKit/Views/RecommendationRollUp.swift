import CostEngine
import Foundation
import Pricing

/// The line under a table of several profiles' recommendations: the total monthly cost of the
/// recommended offers and, over the profiles that name what they run today, the total saving.
/// One line per currency; amounts as in the tables (``Money/display(_:)``).
public enum RecommendationRollUp {
  public static func lines(_ recommendations: [Recommendation]) -> [String] {
    guard recommendations.count > 1 else { return [] }
    // One pass, summing in the order of the profiles.
    var tallies: [String: Tally] = [:]
    for r in recommendations {
      tallies[r.profile.currency, default: Tally()].add(r)
    }
    return tallies.keys.sorted().map { currency in
      let t = tallies[currency]!
      var line =
        "total for \(t.profiles) profiles: \(Money.display(t.total)) \(currency)/month recommended"
        + (t.priced < t.profiles ? " (\(t.profiles - t.priced) without an eligible offer)" : "")
      if t.withCurrent > 0 {
        line += "; saving \(Money.display(t.saving)) \(currency)/month vs current over \(t.withCurrent) profile(s)"
      }
      return line
    }
  }

  /// One currency's profiles: how many, how many have a recommended offer (and its total), how
  /// many of those also name their current deployment (and the saving summed over them).
  struct Tally {
    var profiles = 0
    var priced = 0
    var total = Decimal(0)
    var withCurrent = 0
    var saving = Decimal(0)

    mutating func add(_ r: Recommendation) {
      profiles += 1
      guard let recommended = r.recommended else { return }
      priced += 1
      total += recommended.monthlyCost
      guard r.current != nil else { return }
      withCurrent += 1
      if let s = r.savingVsCurrent { saving += s }
    }
  }

}
