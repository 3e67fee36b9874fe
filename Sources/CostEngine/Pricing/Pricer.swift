import Foundation
import Pricing

/// Why an offer could not be priced: the needed meters without a price.
struct PricingFailure: Error {
  var missing: [String]
}

/// A fallback taken when pricing an offer: a share priced at another rate because the offer
/// publishes no price for it.
enum Fallback: Sendable, Hashable {
  /// No batch input + output price: the batch share is priced at the standard tier.
  case batch(share: Decimal)
  /// No long-context input price at the tier: the long-context share is priced at the normal rate.
  case longContext(tier: Tier, share: Decimal)
  /// No long-context output price at the tier: the normal output price is used.
  case longContextOutput(tier: Tier)
  /// No cache price at the tier (and context): that share of input is priced as plain input.
  case cache(meter: Meter, tier: Tier, long: Bool, share: Decimal)

  var text: String {
    switch self {
    case .batch(let share):
      "no batch price: the batch share (\(Pricer.percent(share))) is priced at the standard tier"
    case .longContext(let tier, let share):
      "no long-context price at \(tier.rawValue): the long-context share (\(Pricer.percent(share))) is priced at the normal rate"
    case .longContextOutput(let tier):
      "no long-context output price at \(tier.rawValue): priced at the normal output rate"
    case .cache(let meter, let tier, let long, let share):
      "no \(meter.rawValue) price at \(tier.rawValue)\(long ? " long-context" : ""): \(Pricer.percent(share)) of input priced as plain input"
    }
  }
}

/// Prices one profile on offers, exactly.
///
/// One walk over an offer's 16 slot prices (``walk(_:record:_:)``) applies every rule: which
/// meters are needed, which fallbacks apply, how the tokens split into tiers, contexts and cache
/// shares. It reports each cost line as an undivided quantity and a price; the ranking adds their
/// products (``total(_:provider:)``), the projection keeps them as lines (``project(_:)``), so the
/// two cannot disagree. Arithmetic is ``ExactValue`` (exact integers, no rounding); a per-day
/// volume is kept as per-day x 730 and divided by 24 last, when an amount becomes a `Decimal`.
struct Pricer {
  let profile: Profile
  /// Requests per month, or per day x 730 (then `divisor` is 24).
  let volume: ExactValue
  let divisor: Int
  private let inputTokens: ExactValue
  private let outputTokens: ExactValue
  private let cacheRead: ExactValue
  private let cacheWrite: ExactValue
  private let batchShare: ExactValue
  private let longShare: ExactValue
  /// 1 - discount, per provider.
  private let keepAWS: ExactValue
  private let keepAzure: ExactValue
  /// Facts of the profile the walk tests on every offer, decided once.
  private let hasInput: Bool
  private let hasOutput: Bool
  /// Input / output tokens per request above zero (their standard prices are needed).
  private let needsInput: Bool
  private let needsOutput: Bool
  private let hasBatchShare: Bool
  private let batchIsAll: Bool
  private let hasLongShare: Bool
  private let longIsAll: Bool
  private let hasCacheRead: Bool
  private let hasCacheWrite: Bool
  /// Whether input remains priced as plain input, per set of cache shares that fell back
  /// (bit n set: the set n, where bit 0 is cache read and bit 1 cache write).
  private let plainRemains: UInt8
  /// Token quantities per (batch kept, tier, long-context kept, long slot), built on first use.
  private var segments: [Segment?] = Array(repeating: nil, count: 16)


  /// Undivided monthly token quantities of one tier x context segment.
  struct Segment {
    var input: ExactValue
    var output: ExactValue
    var cacheRead: ExactValue
    var cacheWrite: ExactValue
    /// Plain input per set of cache shares that fell back (bit 0 read, bit 1 write).
    var plain: (ExactValue, ExactValue, ExactValue, ExactValue)

    func plain(_ fallen: Int) -> ExactValue {
      switch fallen {
      case 0: plain.0
      case 1: plain.1
      case 2: plain.2
      default: plain.3
      }
    }
  }

  /// One cost line as the walk reports it.
  struct Line {
    var tier: Tier
    var long: Bool
    var meter: Meter
    var slot: Int
    /// Undivided quantity (x `divisor` for a per-day volume).
    var quantity: ExactValue
    var price: ExactValue
    /// Plain input that includes a cache share priced as input.
    var includesCache: Bool
  }

  /// What the walk decided for an offer.
  enum Outcome {
    /// Priced: whether the batch share kept its batch prices, and the fallbacks taken (listed
    /// only when asked; `anyFallback` always).
    case priced(batchKept: Bool, fallbacks: [Fallback], anyFallback: Bool)
    case missing([String])
    /// An amount needs more than 38 significant digits.
    case inexact
  }

  /// The profile's numbers as exact values; throws when one is not a plain decimal that fits.
  init(_ p: Profile) throws {
    func exact(_ d: Decimal, _ what: String) throws -> ExactValue {
      guard let v = ExactValue(d) else { throw Self.inexact(p, what) }
      return v
    }
    profile = p
    if let perDay = p.requestsPerDay {
      guard let v = try exact(perDay, "requests_per_day") * ExactValue(730) else { throw Self.inexact(p, "requests_per_day") }
      volume = v
      divisor = 24
    } else {
      volume = try exact(p.requestsPerMonth, "requests_per_month")
      divisor = 1
    }
    inputTokens = try exact(p.inputTokens, "input_tokens")
    outputTokens = try exact(p.outputTokens, "output_tokens")
    cacheRead = try exact(p.cachedInputShare, "cached_input_share")
    cacheWrite = try exact(p.cacheWriteShare, "cache_write_share")
    batchShare = try exact(p.batchShare, "batch_share")
    longShare = try exact(p.longContextShare, "long_context_share")
    guard let keepAWS = try .one - exact(p.discounts[.aws] ?? 0, "discounts"),
      let keepAzure = try .one - exact(p.discounts[.azure] ?? 0, "discounts")
    else { throw Self.inexact(p, "discounts") }
    self.keepAWS = keepAWS
    self.keepAzure = keepAzure
    let requests = !volume.isZero
    hasInput = requests && p.inputTokens > 0
    hasOutput = requests && p.outputTokens > 0
    needsInput = p.inputTokens > 0
    needsOutput = p.outputTokens > 0
    hasBatchShare = p.batchShare > 0
    batchIsAll = p.batchShare == 1
    hasLongShare = p.longContextShare > 0
    longIsAll = p.longContextShare == 1
    hasCacheRead = p.cachedInputShare > 0
    hasCacheWrite = p.cacheWriteShare > 0
    let plain = 1 - p.cachedInputShare - p.cacheWriteShare
    plainRemains = (plain > 0 ? 1 : 0) | (plain + p.cachedInputShare > 0 ? 2 : 0)
      | (plain + p.cacheWriteShare > 0 ? 4 : 0) | 8
  }

  static func inexact(_ p: Profile, _ field: String) -> ProfileError {
    ProfileError(
      p.marks[.key(field)] ?? p.origin ?? SourceMark(file: p.name, line: 1, column: 1),
      "\(field): the amounts of profile '\(p.name)' need more than 38 significant digits; ratecard prices exactly or not at all")
  }

  /// The needed meters without a price (empty = the offer can be priced). Batch, cache and
  /// long-context prices have fallbacks; the standard input and output prices do not, unless the
  /// whole volume runs as batch on an offer with batch prices.
  static func missing(batchIsAll: Bool, needsInput: Bool, needsOutput: Bool, has: (Int) -> Bool) -> [String] {
    let hasBatch = has(Slot.batchInput) && (has(Slot.batchOutput) || !needsOutput)
    if batchIsAll && hasBatch { return [] }
    var m: [String] = []
    if needsInput && !has(Slot.standardInput) { m.append("standard input") }
    if needsOutput && !has(Slot.standardOutput) { m.append("standard output") }
    return m
  }

  static func missing(_ p: Profile, on offer: Offer) -> [String] {
    missing(
      batchIsAll: p.batchShare == 1, needsInput: p.inputTokens > 0, needsOutput: p.outputTokens > 0,
      has: { offer.slotRates[$0] >= 0 })
  }

  /// The rules, once: decides what an offer with these slot prices can price, which fallbacks
  /// apply, and reports every cost line to `line` (false from `line`: an amount was inexact).
  mutating func walk(_ prices: UnsafeBufferPointer<ExactValue?>, record: Bool, _ line: (Line) -> Bool) -> Outcome {
    let p = profile
    @inline(__always) func price(_ s: Int) -> ExactValue? { prices[s] }
    let missing = Self.missing(
      batchIsAll: batchIsAll, needsInput: needsInput, needsOutput: needsOutput, has: { prices[$0] != nil })
    if !missing.isEmpty { return .missing(missing) }
    var fallbacks: [Fallback] = []
    var anyFallback = false
    func fellBack(_ f: @autoclosure () -> Fallback) {
      anyFallback = true
      if record { fallbacks.append(f()) }
    }
    let batchKept = hasBatchShare && price(Slot.batchInput) != nil && (price(Slot.batchOutput) != nil || !needsOutput)
    if hasBatchShare && !batchKept { fellBack(.batch(share: p.batchShare)) }
    for row in 0..<2 {
      let tier = row == 0 ? Tier.standard : .batch
      if tier == .standard ? batchKept && batchIsAll : !batchKept { continue }
      let longKept = hasLongShare && price(Slot.index(tier, .input, long: true)!) != nil
      if hasLongShare && !longKept { fellBack(.longContext(tier: tier, share: p.longContextShare)) }
      for context in 0..<2 {
        let isLong = context == 1
        if isLong ? !longKept : longKept && longIsAll { continue }
        let key = (batchKept ? 8 : 0) | (tier == .batch ? 4 : 0) | (longKept ? 2 : 0) | (isLong ? 1 : 0)
        guard let seg = segment(key, batchKept: batchKept, tier: tier, longKept: longKept, isLong: isLong) else {
          return .inexact
        }
        func rate(_ meter: Meter) -> (Int, ExactValue)? {
          let s = Slot.index(tier, meter, long: isLong)!
          if let v = price(s) { return (s, v) }
          guard isLong else { return nil }
          let normal = Slot.index(tier, meter, long: false)!
          return price(normal).map { (normal, $0) }
        }
        func emit(_ meter: Meter, _ quantity: ExactValue, _ r: (Int, ExactValue), includesCache: Bool = false) -> Bool {
          line(Line(tier: tier, long: isLong, meter: meter, slot: r.0, quantity: quantity, price: r.1, includesCache: includesCache))
        }
        if isLong, hasOutput, price(Slot.index(tier, .output, long: true)!) == nil {
          fellBack(.longContextOutput(tier: tier))
        }
        if hasInput, let input = rate(.input) {
          // Each cache share at its price, or back into plain input (bit 0 read, bit 1 write).
          var fallen = 0
          func cache(_ meter: Meter, _ quantity: ExactValue, _ share: Decimal, bit: Int) -> Bool {
            if let r = rate(meter) { return emit(meter, quantity, r) }
            fellBack(.cache(meter: meter, tier: tier, long: isLong, share: share))
            fallen |= bit
            return true
          }
          if hasCacheRead, !cache(.cacheRead, seg.cacheRead, p.cachedInputShare, bit: 1) { return .inexact }
          if hasCacheWrite, !cache(.cacheWrite, seg.cacheWrite, p.cacheWriteShare, bit: 2) { return .inexact }
          if plainRemains & (1 << fallen) != 0 {
            guard emit(.input, seg.plain(fallen), input, includesCache: fallen != 0) else { return .inexact }
          }
        }
        if hasOutput, let r = rate(.output) {
          guard emit(.output, seg.output, r) else { return .inexact }
        }
      }
    }
    return .priced(batchKept: batchKept, fallbacks: fallbacks, anyFallback: anyFallback)
  }

  /// The undivided token quantities of one segment (nil: inexact), computed once per profile.
  private mutating func segment(_ key: Int, batchKept: Bool, tier: Tier, longKept: Bool, isLong: Bool) -> Segment? {
    if let s = segments[key] { return s }
    let batch = batchKept ? batchShare : .zero
    let long = longKept ? longShare : .zero
    guard let tierShare = tier == .batch ? batch : .one - batch,
      let contextShare = isLong ? long : .one - long,
      let requests = tierShare * contextShare,
      let perRequestIn = requests * inputTokens, let perRequestOut = requests * outputTokens,
      let input = volume * perRequestIn, let output = volume * perRequestOut,
      let read = input * cacheRead, let write = input * cacheWrite,
      let bothCaches = cacheRead + cacheWrite, let plainShare = .one - bothCaches
    else { return nil }
    guard let plainRead = plainShare + cacheRead, let plainWrite = plainShare + cacheWrite,
      let q0 = input * plainShare, let q1 = input * plainRead, let q2 = input * plainWrite, let q3 = input * .one
    else { return nil }
    let s = Segment(input: input, output: output, cacheRead: read, cacheWrite: write, plain: (q0, q1, q2, q3))
    segments[key] = s
    return s
  }

  func keep(_ provider: Provider) -> ExactValue { provider == .aws ? keepAWS : keepAzure }

  /// A ranking total: the discounted monthly cost x 10^6 x `divisor` (a factor common to every
  /// offer of the profile), and whether a fallback priced part of it.
  enum Total {
    case priced(ExactValue, fallback: Bool)
    case missing
    case inexact
  }

  /// The ranking total of an offer with these slot prices (the cost lines summed, nothing kept).
  mutating func total(_ prices: UnsafeBufferPointer<ExactValue?>, provider: Provider) -> Total {
    var sum = ExactValue.zero
    let outcome = walk(prices, record: false) { l in
      guard let amount = l.quantity * l.price, let s = sum + amount else { return false }
      sum = s
      return true
    }
    switch outcome {
    case .missing: return .missing
    case .inexact: return .inexact
    case .priced(_, _, let anyFallback):
      guard let kept = sum * keep(provider) else { return .inexact }
      return .priced(kept, fallback: anyFallback)
    }
  }

  /// The projection of the profile on `offer`, line by line, or the meters that lack a price.
  /// Throws when an amount needs more than 38 significant digits.
  mutating func project(_ offer: Offer) throws -> Result<Projection, PricingFailure> {
    let prices = (0..<Slot.count).map { offer.price(slot: $0).flatMap(ExactValue.init) }
    return try prices.withUnsafeBufferPointer { try project(offer, prices: $0) }
  }

  /// As ``project(_:)``, with the offer's slot prices already exact (the book's price class).
  mutating func project(_ offer: Offer, prices: UnsafeBufferPointer<ExactValue?>) throws -> Result<Projection, PricingFailure> {
    let discount = profile.discounts[offer.provider] ?? 0
    let keepDecimal = 1 - discount
    let keepExact = keep(offer.provider)
    let divisor = self.divisor
    var lines: [CostLine] = []
    var sum = ExactValue.zero
    let outcome = walk(prices, record: true) { l in
      guard let amount = l.quantity * l.price, let s = sum + amount, let kept = amount * keepExact else { return false }
      sum = s
      let r = offer.slotRate(l.slot)!
      lines.append(CostLine(
        tier: l.tier, meter: l.meter, variant: l.long ? "long-context" : "", quantity: Self.shown(l.quantity, divisor),
        listUnitPrice: r.price, unitPrice: r.price * keepDecimal, listCost: Self.money(amount, divisor), cost: Self.money(kept, divisor),
        sku: r.sku, sheetKey: r.sheetKey, service: r.service,
        note: l.includesCache ? "includes cache share priced as plain input" : nil))
      return true
    }
    switch outcome {
    case .missing(let m): return .failure(PricingFailure(missing: m))
    case .inexact: throw Self.inexact(profile, "requests_per_month")
    case .priced(let batchKept, let fallbacks, _):
      guard let kept = sum * keepExact else { throw Self.inexact(profile, "discounts") }
      var tiers = "standard"
      if batchKept {
        let b = profile.batchShare
        tiers = b == 1 ? "batch" : "standard \(Self.percent(1 - b)) + batch \(Self.percent(b))"
      }
      return .success(Projection(
        offer: offer, tiers: tiers, lines: lines, monthlyCost: Self.money(kept, divisor), listMonthlyCost: Self.money(sum, divisor),
        discount: discount, fallbacks: fallbacks.map(\.text)))
    }
  }

  /// A quantity as shown: undivided / divisor.
  static func shown(_ q: ExactValue, _ divisor: Int) -> Decimal {
    if divisor == 1 { return q.decimal }
    return q.divided(by: divisor)?.decimal ?? q.decimal / Decimal(divisor)
  }

  /// An amount (quantity x price per 1M) as money: / 10^6, then / divisor last.
  static func money(_ amount: ExactValue, _ divisor: Int) -> Decimal {
    if divisor == 1 { return amount.decimal(timesTenToThe: -6) }
    if let exact = amount.divided(by: divisor) { return exact.decimal(timesTenToThe: -6) }
    return amount.decimal(timesTenToThe: -6) / Decimal(divisor)
  }

  /// A share as a percentage text (`0.25` -> `25%`).
  static func percent(_ share: Decimal) -> String { (share * 100).exactText + "%" }
}
