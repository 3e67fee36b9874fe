import Foundation
import Pricing

/// The ranking pass in exact scaled integers: the same totals as ``FastPricer`` (same rules, same
/// fallbacks), each multiplied by one positive factor common to every offer of the profile, so
/// costs compare exactly as their `Decimal` values do, in a few `Int128` operations per offer.
///
/// Prices are integers at the book's price scale (``OfferBook/integerPrices``); the profile's
/// shares and discounts at scale `S`; requests and tokens at their own scales, and a per-day volume
/// times 730 (the division by 24 is the common factor). Anything that does not fit (a value with
/// more digits than the scales allow, an overflow) makes ``init(_:book:)`` return nil or sets
/// ``overflowed``: the caller then ranks with ``FastPricer``. Money never passes through `Double`.
struct IntegerPricer {
  let prices: [Int64]
  let one: Int128
  let cacheRead: Int128
  let cacheWrite: Int128
  let plain: Int128
  let batch: Int128
  let long: Int128
  let requests: Int128
  let input: Int128
  let output: Int128
  let keepAWS: Int128
  let keepAzure: Int128
  let hasOutput: Bool
  let hasInput: Bool
  let batchAll: Bool
  /// Set when an operation overflowed: the totals of this pass are not to be used.
  private(set) var overflowed = false
  /// [hasBatch][longStandard][longBatch] -> segments (tier row 0/1, long, input, output tokens).
  private var segmentCache: [[(row: Int, long: Bool, input: Int128, output: Int128)]?] = Array(repeating: nil, count: 8)

  static let maxShareScale = 9

  init?(_ p: Profile, book: OfferBook) {
    guard let prices = book.integerPrices else { return nil }
    let shares = [p.cachedInputShare, p.cacheWriteShare, p.batchShare, p.longContextShare] + Array(p.discounts.values)
    var s = 0
    for v in shares {
      guard let d = ScaledInteger.fractionDigits(v), d <= Self.maxShareScale else { return nil }
      s = max(s, d)
    }
    var t = 0
    for v in [p.inputTokens, p.outputTokens] {
      guard let d = ScaledInteger.fractionDigits(v), d <= 12 else { return nil }
      t = max(t, d)
    }
    let volume = p.requestsPerDay ?? p.requestsPerMonth
    guard let rd = ScaledInteger.fractionDigits(volume), rd <= 12,
      let r = ScaledInteger.value(volume, scale: rd),
      let r730 = p.requestsPerDay == nil ? r : ScaledInteger.mul(r, 730),
      let cr = ScaledInteger.value(p.cachedInputShare, scale: s),
      let cw = ScaledInteger.value(p.cacheWriteShare, scale: s),
      let b = ScaledInteger.value(p.batchShare, scale: s),
      let l = ScaledInteger.value(p.longContextShare, scale: s),
      let i = ScaledInteger.value(p.inputTokens, scale: t),
      let o = ScaledInteger.value(p.outputTokens, scale: t),
      let dAWS = ScaledInteger.value(p.discounts[.aws] ?? 0, scale: s),
      let dAzure = ScaledInteger.value(p.discounts[.azure] ?? 0, scale: s)
    else { return nil }
    var oneS: Int128 = 1
    for _ in 0..<s { oneS *= 10 }
    self.prices = prices
    one = oneS
    cacheRead = cr
    cacheWrite = cw
    plain = oneS - cr - cw
    batch = b
    long = l
    requests = r730
    input = i
    output = o
    keepAWS = oneS - dAWS
    keepAzure = oneS - dAzure
    hasInput = p.inputTokens > 0
    hasOutput = p.outputTokens > 0
    batchAll = p.batchShare == 1
  }

  private mutating func segments(batch hasBatch: Bool, longStandard: Bool, longBatch: Bool)
    -> [(row: Int, long: Bool, input: Int128, output: Int128)]
  {
    let key = (hasBatch ? 4 : 0) + (longStandard ? 2 : 0) + (longBatch ? 1 : 0)
    if let s = segmentCache[key] { return s }
    var out: [(row: Int, long: Bool, input: Int128, output: Int128)] = []
    let b = hasBatch ? batch : 0
    for (row, share, hasLong) in [(0, one - b, longStandard), (1, b, longBatch)] where share > 0 {
      let l = hasLong ? long : 0
      for (isLong, ctx) in [(false, one - l), (true, l)] where ctx > 0 {
        guard let base = ScaledInteger.mul(requests, share).flatMap({ ScaledInteger.mul($0, ctx) }),
          let inTokens = ScaledInteger.mul(base, input), let outTokens = ScaledInteger.mul(base, output)
        else {
          overflowed = true
          return []
        }
        out.append((row, isLong, inTokens, outTokens))
      }
    }
    segmentCache[key] = out
    return out
  }

  static let missing = Int64.min

  /// The scaled discounted total of price class `c`, or nil when a needed meter has no price.
  mutating func cost(class c: Int, provider: Provider) -> Int128? {
    let base = c * Slot.count
    // Slot layout: tier row x 8 + long x 4 + meter (input 0, output 1, cache_read 2, cache_write 3).
    func price(_ row: Int, _ meter: Int, long: Bool = false) -> Int64? {
      let v = prices[base + row * 8 + (long ? 4 : 0) + meter]
      return v == Self.missing ? nil : v
    }
    let hasBatch = price(1, 0) != nil && (price(1, 1) != nil || !hasOutput)
    if !(batchAll && hasBatch) {
      if hasInput && price(0, 0) == nil { return nil }
      if hasOutput && price(0, 1) == nil { return nil }
    }
    let longStd = long > 0 && price(0, 0, long: true) != nil
    let longBatch = long > 0 && price(1, 0, long: true) != nil
    var total: Int128 = 0
    for seg in segments(batch: batch > 0 && hasBatch, longStandard: longStd, longBatch: longBatch) {
      func segPrice(_ m: Int) -> Int64? {
        price(seg.row, m, long: seg.long) ?? (seg.long ? price(seg.row, m) : nil)
      }
      if seg.input > 0, let inP = segPrice(0) {
        let inPrice = Int128(inP)
        var effective = plain * inPrice
        if cacheRead > 0 { effective += cacheRead * Int128(segPrice(2) ?? inP) }
        if cacheWrite > 0 { effective += cacheWrite * Int128(segPrice(3) ?? inP) }
        guard let term = ScaledInteger.mul(seg.input, effective), let sum = ScaledInteger.add(total, term) else {
          overflowed = true
          return 0
        }
        total = sum
      }
      if seg.output > 0, let outP = segPrice(1) {
        guard let term = ScaledInteger.mul(seg.output, Int128(outP)).flatMap({ ScaledInteger.mul($0, one) }),
          let sum = ScaledInteger.add(total, term)
        else {
          overflowed = true
          return 0
        }
        total = sum
      }
    }
    guard let kept = ScaledInteger.mul(total, provider == .aws ? keepAWS : keepAzure) else {
      overflowed = true
      return 0
    }
    return kept
  }
}
