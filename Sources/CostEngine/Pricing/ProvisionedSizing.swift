import Foundation
import Pricing

/// One way to buy provisioned throughput for an offer: units, monthly cost, and the on-demand
/// volume at which it pays off.
public struct ProvisionedOption: Sendable, Hashable {
  /// `provisioned` (hourly, optionally with a commitment) or `reserved`.
  public var tier: Tier
  public var commitment: Commitment
  public var unitsNeeded: Int
  /// The load the units are sized for: the larger of the profile's peak and its average tokens
  /// per minute (monthly tokens / 43,800 minutes).
  public var sizedForTokensPerMinute: Decimal
  public var averageTokensPerMinute: Decimal
  public var tokensPerMinutePerUnit: Decimal
  public var throughputSource: String
  /// Price per unit as in the rate, and its unit (`hour`, `month`, `year`).
  public var unitPrice: Decimal
  public var unit: String
  /// Monthly cost of the units (hourly x 730, monthly, or yearly / 12), after the provider discount.
  public var monthlyCost: Decimal
  /// The on-demand monthly cost of the same profile on the same offer.
  public var onDemandMonthlyCost: Decimal
  /// Requests per month above which the units cost less than on-demand.
  public var breakEvenRequestsPerMonth: Decimal?
  public var sku: String
  public var sheetKey: String
  public var service: String
}

/// Sizes provisioned throughput from a profile's peak tokens per minute.
///
/// Rules: only the offer's own capacity rates (its model's at its location; Azure's model-agnostic
/// PTUs), never an overage or "available" meter (they are not sold as capacity); units =
/// ceil(max(peak, average tokens per minute) / tokens-per-minute-per-unit), at least the table's
/// minimum. Hourly rates x 730 hours; `month` rates as they are; `year` rates / 12; other units
/// are skipped. The break-even volume is requests/month x provisioned / on-demand monthly cost
/// (on-demand cost is linear in the volume).
public enum ProvisionedSizing {
  public static let hoursPerMonth = Decimal(730)
  /// Words of a capacity meter that is billed on top of capacity, not bought as capacity.
  public static let notForSale = ["overage", "available"]

  /// The options and, when there are none, why sizing was skipped.
  public static func sizing(
    for projection: Projection, profile: Profile, peak: Decimal, catalog: any CatalogView,
    table: ThroughputTable
  ) -> (options: [ProvisionedOption], skipped: String?) {
    let offer = projection.offer
    let family = catalog.modelFacts(offer.model)?.family
    let entry = table.entry(provider: offer.provider, model: offer.model, family: family)
    let forSale = offer.capacity.filter { r in
      let key = r.sheetKey.lowercased()
      return !notForSale.contains { key.contains($0) }
    }
    guard !forSale.isEmpty else {
      return ([], "provisioned sizing skipped: the sheets list no capacity rate for \(offer.model) at \(offer.region) \(offer.scope.rawValue)")
    }
    guard let perUnit = profile.throughputPerUnit ?? entry?.tokensPerMinutePerUnit, perUnit > 0 else {
      return ([], "provisioned sizing skipped: no tokens-per-unit figure for \(offer.model) (set throughput_per_unit)")
    }
    let options = options(for: projection, capacity: forSale, profile: profile, peak: peak, perUnit: perUnit, entry: entry)
    return (options, options.isEmpty ? "provisioned sizing skipped: no capacity rate priced per hour, month or year" : nil)
  }

  static func options(
    for projection: Projection, capacity: [Rate], profile: Profile, peak: Decimal, perUnit: Decimal,
    entry: ThroughputTable.Entry?
  ) -> [ProvisionedOption] {
    let offer = projection.offer
    let source = profile.throughputPerUnit != nil ? "profile throughput_per_unit" : entry?.source ?? ""
    let monthlyTokens = projection.lines.reduce(Decimal(0)) { $0 + $1.quantity }
    let average = monthlyTokens / (hoursPerMonth * 60)
    let load = max(peak, average)
    var units = load / perUnit
    var up = Decimal()
    NSDecimalRound(&up, &units, 0, .up)
    let count = max(Int(up.exactText) ?? 0, profile.throughputPerUnit == nil ? entry?.minimumUnits ?? 1 : 1)
    let keep = 1 - (profile.discounts[offer.provider] ?? 0)
    var out: [ProvisionedOption] = []
    for r in capacity {
      let perMonth: Decimal
      switch r.unit {
      case NormalizedUnit.hour: perMonth = r.price * hoursPerMonth
      case NormalizedUnit.month: perMonth = r.price
      case NormalizedUnit.year: perMonth = r.price / 12
      default: continue
      }
      let monthly = perMonth * Decimal(count) * keep
      let onDemand = projection.monthlyCost
      let breakEven: Decimal? = onDemand > 0 ? profile.requestsPerMonth * monthly / onDemand : nil
      out.append(ProvisionedOption(
        tier: r.tier, commitment: r.commitment, unitsNeeded: count, sizedForTokensPerMinute: load,
        averageTokensPerMinute: average, tokensPerMinutePerUnit: perUnit,
        throughputSource: source, unitPrice: r.price, unit: r.unit, monthlyCost: monthly,
        onDemandMonthlyCost: onDemand, breakEvenRequestsPerMonth: breakEven, sku: r.sku,
        sheetKey: r.sheetKey, service: r.service))
    }
    return out.sorted { ($0.monthlyCost, $0.sku) < ($1.monthlyCost, $1.sku) }
  }
}
