import Foundation
import Pricing

/// The ranking pass: one profile's monthly cost on many offers, totals only.
///
/// Same rules as ``Pricer/project(_:on:detail:)`` (same fallbacks, same exact arithmetic), arranged
/// so that an offer costs a handful of decimal operations: per segment (tier x context) the
/// effective input price is `cached x cache_read + write x cache_write + rest x input` (a missing
/// cache price counts as input), times the segment's tokens; the division by 1M is one multiply by
/// 10^-6 at the end. Segment token counts are computed once per profile for each combination of
/// batch and long-context availability.
struct FastPricer {
  let profile: Profile
  let cacheRead: Decimal
  let cacheWrite: Decimal
  let plain: Decimal
  /// [hasBatch][longStandard][longBatch] -> per segment (input, output) tokens.
  private var segments: [Int: [(tier: Tier, long: Bool, input: Decimal, output: Decimal)]] = [:]
  static let perMillion = Decimal(sign: .plus, exponent: -6, significand: 1)

  init(_ p: Profile) {
    profile = p
    cacheRead = p.cachedInputShare
    cacheWrite = p.cacheWriteShare
    plain = 1 - p.cachedInputShare - p.cacheWriteShare
  }

  private mutating func segments(batch hasBatch: Bool, longStandard: Bool, longBatch: Bool)
    -> [(tier: Tier, long: Bool, input: Decimal, output: Decimal)]
  {
    let key = (hasBatch ? 4 : 0) + (longStandard ? 2 : 0) + (longBatch ? 1 : 0)
    if let s = segments[key] { return s }
    let p = profile
    var out: [(tier: Tier, long: Bool, input: Decimal, output: Decimal)] = []
    let batch = hasBatch ? p.batchShare : 0
    for (tier, share, hasLong) in [(Tier.standard, 1 - batch, longStandard), (.batch, batch, longBatch)] where share > 0 {
      let long = hasLong ? p.longContextShare : 0
      for (isLong, ctx) in [(false, 1 - long), (true, long)] where ctx > 0 {
        out.append((tier, isLong, p.perMonth(share * ctx * p.inputTokens), p.perMonth(share * ctx * p.outputTokens)))
      }
    }
    segments[key] = out
    return out
  }

  /// Discounted monthly cost of an offer with these slot prices, or nil when a needed meter has
  /// no price (same rule as ``Pricer/missing(_:on:)``).
  mutating func cost(prices: [Decimal?], provider: Provider) -> Decimal? {
    let p = profile
    func price(_ tier: Tier, _ meter: Meter, long: Bool = false) -> Decimal? {
      prices[Slot.index(tier, meter, long: long)!]
    }
    let hasBatch = price(.batch, .input) != nil && (price(.batch, .output) != nil || p.outputTokens == 0)
    if !(p.batchShare == 1 && hasBatch) {
      if p.inputTokens > 0 && price(.standard, .input) == nil { return nil }
      if p.outputTokens > 0 && price(.standard, .output) == nil { return nil }
    }
    let longStd = p.longContextShare > 0 && price(.standard, .input, long: true) != nil
    let longBatch = p.longContextShare > 0 && price(.batch, .input, long: true) != nil
    var total: Decimal = 0
    for seg in segments(batch: p.batchShare > 0 && hasBatch, longStandard: longStd, longBatch: longBatch) {
      func segPrice(_ m: Meter) -> Decimal? {
        price(seg.tier, m, long: seg.long) ?? (seg.long ? price(seg.tier, m) : nil)
      }
      if seg.input > 0, let input = segPrice(.input) {
        var effective = plain * input
        if cacheRead > 0 { effective += cacheRead * (segPrice(.cacheRead) ?? input) }
        if cacheWrite > 0 { effective += cacheWrite * (segPrice(.cacheWrite) ?? input) }
        total += seg.input * effective
      }
      if seg.output > 0, let output = segPrice(.output) { total += seg.output * output }
    }
    let keep = 1 - (p.discounts[provider] ?? 0)
    return total * Self.perMillion * keep
  }

  /// Discounted monthly cost of one offer, or nil when a needed meter has no price.
  mutating func cost(_ offer: Offer) -> Decimal? {
    cost(prices: (0..<Slot.count).map { offer.price(slot: $0) }, provider: offer.provider)
  }
}
