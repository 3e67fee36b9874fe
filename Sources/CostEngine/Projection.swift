import Foundation
import Pricing

/// One line of a monthly cost: a meter at a tier, its token quantity, unit price, cost, and the
/// rate (SKU, sheet key, service) behind it.
public struct CostLine: Sendable, Hashable {
  public var tier: Tier
  public var meter: Meter
  /// `long-context` for the long-context share, else "".
  public var variant: String
  /// Tokens per month (exact).
  public var quantity: Decimal
  /// List price per 1M tokens.
  public var listUnitPrice: Decimal
  /// Price per 1M tokens after the provider discount.
  public var unitPrice: Decimal
  /// quantity x list price / 1M.
  public var listCost: Decimal
  /// quantity x discounted price / 1M (exact, unrounded).
  public var cost: Decimal
  /// The rate priced: its SKU, sheet key, service.
  public var sku: String
  public var sheetKey: String
  public var service: String
  /// What this line stands for when a fallback applied (`cache_read priced as input: ...`), else nil.
  public var note: String?
}

/// The monthly cost of one profile on one offer.
public struct Projection: Sendable, Hashable {
  public var offer: Offer
  /// Tiers used, e.g. `standard 75% + batch 25%`.
  public var tiers: String
  public var lines: [CostLine]
  /// Sum of the lines after discount, exact.
  public var monthlyCost: Decimal
  /// Sum before discount, exact.
  public var listMonthlyCost: Decimal
  public var discount: Decimal
  /// Fallbacks taken (no batch price, no cache price, no long-context price), visible in output.
  public var fallbacks: [String]

  public var currency: String { offer.currency }

  /// Cost of month `month` (0 = first) with `growth` per month: monthly x (1 + growth)^month.
  public func forecast(month: Int, growth: Decimal) -> Decimal {
    var factor: Decimal = 1
    for _ in 0..<max(0, month) { factor *= (1 + growth) }
    return monthlyCost * factor
  }
}

/// Why an offer could not be priced.
struct PricingFailure: Error {
  var missing: [String]
}

/// Prices profiles on offers. Pure: the same profile and offer always give the same lines.
enum Pricer {
  static let million = Decimal(1_000_000)

  /// True when the offer has the batch prices the profile's batch share needs.
  static func hasBatch(_ p: Profile, _ offer: Offer) -> Bool {
    offer.has(.batch, .input) && (offer.has(.batch, .output) || p.outputTokens == 0)
  }

  /// The needed meters without a price (empty = the offer can be priced). Batch, cache and
  /// long-context prices have fallbacks; the standard input and output prices do not, unless the
  /// whole volume runs as batch.
  static func missing(_ p: Profile, on offer: Offer) -> [String] {
    let batchAll = p.batchShare == 1 && hasBatch(p, offer)
    guard !batchAll else { return [] }
    var m: [String] = []
    if p.inputTokens > 0 && !offer.has(.standard, .input) { m.append("standard input") }
    if p.outputTokens > 0 && !offer.has(.standard, .output) { m.append("standard output") }
    return m
  }

  /// The projection of `p` on `offer`, or the meters that lack a price. With `detail` false only
  /// the totals are computed (no lines, no fallback texts): the ranking pass over every offer.
  /// Token quantities and the tiers text of one profile, kept across the offers it is projected
  /// on (they depend only on which fallbacks an offer takes): the same `Decimal` operations on the
  /// same operands, done once.
  final class Memo {
    fileprivate var quantities: [Int: (input: Decimal, output: Decimal)] = [:]
    fileprivate var tiers: [Decimal: String] = [:]
    init() {}
  }

  static func project(_ p: Profile, on offer: Offer, detail: Bool = true, memo: Memo? = nil) -> Result<Projection, PricingFailure> {
    let missing = missing(p, on: offer)
    if !missing.isEmpty { return .failure(PricingFailure(missing: missing)) }
    var lines: [CostLine] = []
    var fallbacks: [String] = []
    let discount = p.discounts[offer.provider] ?? 0
    let keep = 1 - discount
    var batch = p.batchShare
    if batch > 0 && !hasBatch(p, offer) {
      if detail { fallbacks.append("no batch price: the batch share (\(percent(batch))) is priced at the standard tier") }
      batch = 0
    }
    let cacheUsed = p.cachedInputShare + p.cacheWriteShare
    var listTotal: Decimal = 0
    for (tier, share) in [(Tier.standard, 1 - batch), (Tier.batch, batch)] where share > 0 {
      var long = p.longContextShare
      if long > 0 && !offer.has(tier, .input, long: true) {
        if detail { fallbacks.append("no long-context price at \(tier.rawValue): the long-context share (\(percent(long))) is priced at the normal rate") }
        long = 0
      }
      for (isLong, ctxShare) in [(false, 1 - long), (true, long)] where ctxShare > 0 {
        // Key: batch share kept or dropped, tier, long-context share kept or dropped, long slot.
        let key = (batch > 0 ? 8 : 0) | (tier == .batch ? 4 : 0) | (long > 0 ? 2 : 0) | (isLong ? 1 : 0)
        let inputTokens: Decimal
        let outputTokens: Decimal
        if let known = memo?.quantities[key] {
          (inputTokens, outputTokens) = known
        } else {
          inputTokens = p.perMonth(share * ctxShare * p.inputTokens)
          outputTokens = p.perMonth(share * ctxShare * p.outputTokens)
          memo?.quantities[key] = (inputTokens, outputTokens)
        }
        let label = isLong ? "\(tier.rawValue) long-context" : tier.rawValue
        func rate(_ meter: Meter) -> Rate? {
          offer.rate(tier, meter, long: isLong) ?? (isLong ? offer.rate(tier, meter, long: false) : nil)
        }
        func add(_ meter: Meter, _ quantity: Decimal, _ r: Rate, note: String?) {
          let listCost = quantity * r.price * FastPricer.perMillion
          listTotal += listCost
          guard detail else { return }
          lines.append(CostLine(
            tier: tier, meter: meter, variant: isLong ? "long-context" : "", quantity: quantity,
            listUnitPrice: r.price, unitPrice: r.price * keep, listCost: listCost, cost: listCost * keep,
            sku: r.sku, sheetKey: r.sheetKey, service: r.service, note: note))
        }
        if detail, isLong, outputTokens > 0, !offer.has(tier, .output, long: true) {
          fallbacks.append("no long-context output price at \(tier.rawValue): priced at the normal output rate")
        }
        if inputTokens > 0, let input = rate(.input) {
          var plainShare = 1 - cacheUsed
          for (meter, cacheShare) in [(Meter.cacheRead, p.cachedInputShare), (Meter.cacheWrite, p.cacheWriteShare)] where cacheShare > 0 {
            if let r = rate(meter) {
              add(meter, inputTokens * cacheShare, r, note: nil)
            } else {
              if detail { fallbacks.append("no \(meter.rawValue) price at \(label): \(percent(cacheShare)) of input priced as plain input") }
              plainShare += cacheShare
            }
          }
          if plainShare > 0 {
            add(.input, inputTokens * plainShare, input, note: plainShare > 1 - cacheUsed ? "includes cache share priced as plain input" : nil)
          }
        }
        if outputTokens > 0, let r = rate(.output) {
          add(.output, outputTokens, r, note: nil)
        }
      }
    }
    var tiers = "standard"
    if detail, batch > 0 {
      if let known = memo?.tiers[batch] {
        tiers = known
      } else {
        tiers = batch == 1 ? "batch" : "standard \(percent(1 - batch)) + batch \(percent(batch))"
        memo?.tiers[batch] = tiers
      }
    }
    // The discounted total is the sum of the discounted lines: sum(list) x keep, exactly.
    return .success(Projection(
      offer: offer, tiers: tiers, lines: lines, monthlyCost: listTotal * keep, listMonthlyCost: listTotal,
      discount: discount, fallbacks: fallbacks))
  }

  /// A share as a percentage text (`0.25` -> `25%`).
  static func percent(_ share: Decimal) -> String { (share * 100).exactText + "%" }
}
