import Foundation
import Pricing
import RateStore

/// What `ratecard reprice` prices the usage as: each override replaces the usage's own value; what
/// is not overridden stays as it was.
public struct RepriceTarget: Sendable {
  public var provider: Provider?
  public var region: String?
  public var scope: Scope?
  public var tier: Tier?
  /// Canonical model id.
  public var model: String?
  /// Exchange rates the user gave (`--fx EUR=0.86`): units of the currency per one unit of the
  /// usage's currency. A target priced only in such a currency is converted at this rate, and the
  /// line says so; without one it is refused.
  public var fx: [String: Decimal]

  public init(
    provider: Provider? = nil, region: String? = nil, scope: Scope? = nil, tier: Tier? = nil, model: String? = nil,
    fx: [String: Decimal] = [:]
  ) {
    self.provider = provider
    self.region = region
    self.scope = scope
    self.tier = tier
    self.model = model
    self.fx = fx
  }

  /// What a usage row becomes under this target.
  func apply(to r: UsageRecord) -> (provider: String, region: String, scope: String, tier: String, model: String?) {
    (
      provider?.rawValue ?? r.provider, region ?? r.region, scope?.rawValue ?? r.scope ?? "",
      tier?.rawValue ?? r.tier ?? "", model ?? r.model
    )
  }
}

/// Usage summed over its days: re-priced lines and usage without a price.
protocol UsageDays {
  var tokens: Int64 { get set }
  var billedCost: Decimal? { get set }
  var firstDay: String { get set }
  var lastDay: String { get set }
}

extension UsageDays {
  /// Adds one more day's usage row: its tokens, billed cost and day.
  mutating func add(_ r: UsageRecord) {
    tokens += r.tokens
    if let b = r.billedValue { billedCost = (billedCost ?? 0) + b }
    firstDay = min(firstDay, r.day)
    lastDay = max(lastDay, r.day)
  }
}

/// One re-priced line: a usage row (summed over its days while the target price stays the same)
/// and the target sheet row behind it.
public struct RepricedLine: Sendable, UsageDays {
  public var usage: UsageRecord
  public var tokens: Int64
  public var billedCost: Decimal?
  public var listCost: Decimal?
  public var target: RateRecord
  public var repricedCost: Decimal
  /// The engine's fallbacks taken for this line (no batch price, no cache price, no long context).
  public var fallbacks: [String]
  /// The conversion applied (`1 USD = 0.86 EUR`), when the target is priced in another currency.
  public var conversion: String?
  public var firstDay: String
  public var lastDay: String
}

/// Usage that has no price at the target (summed per usage line and reason over its days).
public struct UnpricedUsage: Sendable, UsageDays {
  public var usage: UsageRecord
  public var tokens: Int64
  public var billedCost: Decimal?
  public var reason: String
  public var firstDay: String
  public var lastDay: String
}

/// The re-pricing of a selection of actual usage under one target, per currency.
public struct RepriceResult: Sendable {
  public var currency: String
  public var actualCost: Decimal = 0
  public var listCost: Decimal = 0
  public var repricedCost: Decimal = 0
  public var lines: [RepricedLine] = []
  public var unpriced: [UnpricedUsage] = []

  /// True when some usage had no price at the target: the re-priced total covers part of it.
  public var isPartial: Bool { !unpriced.isEmpty }

  /// Re-priced minus list cost of the priced lines.
  public var difference: Decimal { repricedCost - lines.compactMap(\.listCost).reduce(0, +) }

  /// The difference in percent of the priced lines' list cost.
  public var percent: Decimal? {
    let base = lines.compactMap(\.listCost).reduce(0, +)
    guard base != 0 else { return nil }
    return ExactDecimal.round(difference / base * 100, scale: 2)
  }
}

/// Re-prices stored token usage under a target, meter for meter, at the target's price as of each
/// usage day (history), with the cost engine's fallbacks (docs/engine.md) shown per line.
public struct Repricer: Sendable {
  private var byKey: [String: [RateRecord]] = [:]
  /// The currencies each target key is priced in.
  private var currencies: [String: Set<String>] = [:]
  /// The days a target's price can change: every version's start and end, per provider, model,
  /// region and scope (``RepriceSQL`` splits the price map there).
  private(set) var changeTimes: [String: Set<String>] = [:]
  /// The regions (lower case) each provider's model has a token rate in, by ``modelKey(_:_:)``.
  private(set) var regions: [String: Set<String>] = [:]

  public init(records: [RateRecord]) {
    for r in records where r.commitment == Commitment.none.rawValue && r.unit == NormalizedUnit.perMillionTokens {
      guard let model = r.model else { continue }
      byKey[Self.key(r.provider, model, r.region, r.scope, r.tier, r.meter, r.variant) + "|" + r.currency, default: []]
        .append(r)
      currencies[Self.key(r.provider, model, r.region, r.scope, r.tier, r.meter, r.variant), default: []].insert(r.currency)
      changeTimes[Self.placeKey(r.provider, model, r.region, r.scope), default: []].formUnion(
        [r.effectiveFrom] + (r.effectiveTo.map { [$0] } ?? []))
      regions[Self.modelKey(r.provider, model), default: []].insert(r.region.lowercased())
    }
  }

  public init(store: RateStore) throws {
    var filter = RateFilter()
    filter.providers = Provider.allCases
    self.init(records: try store.history(filter))
  }

  static func key(_ p: String, _ m: String, _ region: String, _ scope: String, _ tier: String, _ meter: String, _ variant: String) -> String {
    "\(p)|\(m.lowercased())|\(region.lowercased())|\(scope)|\(tier)|\(meter)|\(variant)"
  }

  static func modelKey(_ p: String, _ m: String) -> String { "\(p)|\(m.lowercased())" }

  static func placeKey(_ p: String, _ m: String, _ region: String, _ scope: String) -> String {
    "\(p)|\(m.lowercased())|\(region.lowercased())|\(scope)"
  }

  /// A target rate found for a usage row: the rate, the fallbacks taken, and the exchange rate
  /// its price is divided by (nil when it is in the usage's currency).
  public struct Found: Sendable {
    public var rate: RateRecord
    public var fallbacks: [String]
    public var fx: (currency: String, rate: Decimal)?

    /// The price per token the usage is re-priced at, in the usage's currency: the target's price
    /// per token, or with `--fx` that price divided by the rate and rounded half away from zero to
    /// ``RepriceSQL/priceScale`` (18) decimals, the one rounding a conversion needs (a quotient
    /// rarely ends); `price_map.csv` carries the same number, so the SQL multiplies what this does.
    public var pricePerToken: Decimal {
      let price = rate.priceValue * UsageAggregator.perMillion
      guard let fx else { return price }
      return ExactDecimal.round(price / fx.rate, scale: RepriceSQL.priceScale)
    }
  }

  /// The target rate of a usage row as of `day`, and the fallbacks taken; or the reason there is none.
  func rate(for r: UsageRecord, target: RepriceTarget, day: String) -> Result<Found, RepriceFailure> {
    let t = target.apply(to: r)
    guard let model = t.model else { return .failure(.init("the usage has no canonical model to re-price")) }
    guard let meter = r.meter else { return .failure(.init("the usage has no meter")) }
    let variant = r.variant ?? ""
    let at = day + "T00:00:00Z"
    // The usage's currency first, then the currencies the user gave a rate for, in name order.
    let currencies = [r.currency] + target.fx.keys.filter { $0 != r.currency }.sorted()
    func find(_ tier: String, _ meter: String, _ variant: String) -> (RateRecord, String)? {
      for currency in currencies {
        let versions = byKey[Self.key(t.provider, model, t.region, t.scope, tier, meter, variant) + "|" + currency] ?? []
        if let rate = versions.filter({ $0.effectiveFrom <= at && ($0.effectiveTo.map { $0 > at } ?? true) })
          .min(by: { ($0.rateKey, $0.id) < ($1.rateKey, $1.id) })
        {
          return (rate, currency)
        }
      }
      return nil
    }
    func found(_ hit: (RateRecord, String), _ fallbacks: [String]) -> Result<Found, RepriceFailure> {
      let fx = hit.1 == r.currency ? nil : target.fx[hit.1].map { (hit.1, $0) }
      return .success(Found(rate: hit.0, fallbacks: fallbacks, fx: fx))
    }
    var fallbacks: [String] = []
    var tier = t.tier
    if tier == Tier.batch.rawValue, find(tier, meter, variant) == nil, find(tier, Meter.input.rawValue, "") == nil {
      fallbacks.append("no batch price: priced at the standard tier")
      tier = Tier.standard.rawValue
    }
    if let hit = find(tier, meter, variant) { return found(hit, fallbacks) }
    if !variant.isEmpty, let hit = find(tier, meter, "") {
      return found(hit, fallbacks + ["no \(variant) price for \(meter): priced at the normal rate"])
    }
    if meter == Meter.cacheRead.rawValue || meter == Meter.cacheWrite.rawValue, let hit = find(tier, Meter.input.rawValue, "") {
      return found(hit, fallbacks + ["no \(meter) price at \(tier): priced as plain input"])
    }
    let other = self.currencies[Self.key(t.provider, model, t.region, t.scope, tier, meter, variant)] ?? []
    if !other.isEmpty, !other.contains(r.currency) {
      return .failure(
        .init(
          "the target is priced in \(other.sorted().joined(separator: ", ")), the usage in \(r.currency): currencies are never converted without a rate (--fx \(other.sorted()[0])=RATE)"
        ))
    }
    return .failure(
      .init("no \(tier) \(meter)\(variant.isEmpty ? "" : " (\(variant))") price for \(model) at \(t.provider) \(t.region) \(t.scope)"))
  }

  /// One usage row under a target: its target rate and re-priced cost, or why it has none.
  public enum Priced {
    case priced(Found, cost: Decimal, conversion: String?)
    case unpriced(String)
  }

  /// Prices one usage row under `target` as of its day.
  public func price(_ r: UsageRecord, target: RepriceTarget) -> Priced {
    switch rate(for: r, target: target, day: r.day) {
    case .success(let hit):
      let conversion = hit.fx.map { "1 \(r.currency) = \($0.rate.exactText) \($0.currency) (--fx)" }
      return .priced(hit, cost: Decimal(r.tokens) * hit.pricePerToken, conversion: conversion)
    case .failure(let failure):
      return .unpriced(failure.reason)
    }
  }

  /// Re-prices `rows` (token usage) under `target`; one result per currency of the usage.
  public func reprice(_ rows: [UsageRecord], target: RepriceTarget) -> [RepriceResult] {
    var results: [String: RepriceResult] = [:]
    var slots: [String: Int] = [:]
    for r in rows where r.category == UsageCategory.token.rawValue {
      var result = results[r.currency] ?? RepriceResult(currency: r.currency)
      result.actualCost += r.billedValue ?? 0
      switch price(r, target: target) {
      case .priced(let hit, let cost, let conversion):
        let rate = hit.rate
        let fallbacks = hit.fallbacks
        result.listCost += r.listValue ?? 0
        result.repricedCost += cost
        let key = "\(r.currency)|\(r.provider)|\(r.region)|\(r.sku)|\(r.sheetKey)|\(r.meter ?? "")|\(r.app)|\(rate.id)"
        if let i = slots[key] {
          result.lines[i].add(r)
          if let l = r.listValue { result.lines[i].listCost = (result.lines[i].listCost ?? 0) + l }
          result.lines[i].repricedCost += cost
        } else {
          slots[key] = result.lines.count
          result.lines.append(
            RepricedLine(
              usage: r, tokens: r.tokens, billedCost: r.billedValue, listCost: r.listValue, target: rate,
              repricedCost: cost, fallbacks: fallbacks, conversion: conversion, firstDay: r.day, lastDay: r.day))
        }
      case .unpriced(let reason):
        result.listCost += r.listValue ?? 0
        let key = "unpriced|\(r.currency)|\(r.provider)|\(r.region)|\(r.sku)|\(r.sheetKey)|\(r.meter ?? "")|\(r.app)|\(reason)"
        if let i = slots[key] {
          result.unpriced[i].add(r)
        } else {
          slots[key] = result.unpriced.count
          result.unpriced.append(
            UnpricedUsage(
              usage: r, tokens: r.tokens, billedCost: r.billedValue, reason: reason, firstDay: r.day,
              lastDay: r.day))
        }
      }
      results[r.currency] = result
    }
    return results.keys.sorted().compactMap { results[$0] }
  }
}

/// Why a usage row has no price at the target.
struct RepriceFailure: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}
