import Foundation
import Pricing
import RateStore

/// One row of `price_map.csv`: how a bill line that names this key (an AWS SKU or Azure meter id,
/// or an AWS usage type in a region) on a day in `[fromDay, toDay)` is matched to an actual rate,
/// and the target rate and price per token it is re-priced at. Every key is covered for all time,
/// so a line finds exactly one row per way of looking it up; rows with no actual or no target rate
/// say why. `target` rows (only without `--to-region`) give the target of a line matched to a rate
/// in another region (a `*` row) in the line's own region, by the `*` row's `target_key`.
public struct PriceMapRow: Sendable, Equatable {
  /// `sku` (looked up by the SKU / meter id), `usage_type` (by usage type and region) or `target`
  /// (by a `*` row's `target_key` and the line's region).
  public var kind: String
  public var key: String
  /// The line's region in lower case (`sku` rows), `*` for a line whose region none of the SKU's
  /// versions has, or the region as the bill writes it (`usage_type` rows).
  public var region: String
  public var fromDay: String
  public var toDay: String
  /// The actual rate: `matched` or `unmatched`.
  public var status: String
  public var rateId: Int64?
  public var model: String
  public var meter: String
  public var tier: String
  public var scope: String
  /// `*` rows without `--to-region`: the key of the `target` rows that price the line in its region.
  public var targetKey: String = ""
  /// The actual rate's list price per token (its price per 1M tokens shifted six places).
  public var pricePerToken: Decimal?
  /// The actual rate's currency: the row is computed for lines billed in it (a line billed in
  /// another currency has no re-priced cost).
  public var currency: String
  public var toRateId: Int64?
  public var toProvider: String
  public var toRegion: String
  public var toSheetKey: String
  /// The target's price per token, in `toCurrency`.
  public var toPricePerToken: Decimal?
  public var toCurrency: String = ""
  /// The `--fx` rate the target's price is divided by (nil when it is in the line's currency).
  public var fxRate: Decimal?
  /// What the query multiplies a line's whole tokens by: ``Repricer/Found/pricePerToken``.
  public var repricePerToken: Decimal?
  /// The engine's fallbacks taken for the target, `; `-separated.
  public var fallbacks: String
  /// Why a line here has no actual or no target price (empty when it has both).
  public var reason: String

  public static let header = [
    "kind", "key", "region", "from_day", "to_day", "status", "rate_id", "model", "meter", "tier", "scope",
    "target_key", "price_per_token", "currency", "to_rate_id", "to_provider", "to_region", "to_sheet_key", "to_price_per_token",
    "to_currency", "fx_rate", "reprice_per_token", "fallbacks", "reason",
  ]

  var fields: [String] {
    [
      kind, key, region, fromDay, toDay, status, rateId.map(String.init) ?? "", model, meter, tier, scope, targetKey,
      pricePerToken?.exactText ?? "", currency, toRateId.map(String.init) ?? "", toProvider, toRegion, toSheetKey,
      toPricePerToken?.exactText ?? "", toCurrency, fxRate?.exactText ?? "", repricePerToken?.exactText ?? "",
      fallbacks, reason,
    ]
  }

  /// Sets the target rate found: its id, sheet key, prices, currency, `--fx` rate and fallbacks.
  mutating func setTarget(_ found: Repricer.Found) {
    toRateId = found.rate.id
    toSheetKey = found.rate.sheetKey
    toPricePerToken = found.rate.priceValue * UsageAggregator.perMillion
    toCurrency = found.rate.currency
    fxRate = found.fx?.rate
    repricePerToken = found.pricePerToken
    fallbacks = found.fallbacks.joined(separator: "; ")
  }

  /// The same row without its interval (to join adjacent intervals that price alike).
  var pricing: [String] { Array(fields[5...]) }
}

/// Builds the price map of a re-pricing from the stored rates, with the same matching
/// (``RateIndex``) and target rules (``Repricer``) as `ratecard reprice`: each key's time line is cut
/// at every day a version of its actual or target rate starts or ends, and each piece is matched
/// and re-priced as of its first day.
public struct PriceMapBuilder {
  public static let beginning = "0001-01-01"
  public static let end = "9999-12-31"

  let records: [RateRecord]
  let index: RateIndex
  let repricer: Repricer

  public init(records: [RateRecord]) {
    self.records = records.filter { $0.commitment == Commitment.none.rawValue }
    index = RateIndex(records: records)
    repricer = Repricer(records: records)
  }

  /// The rows for bill lines of `provider`, re-priced under `target` (CUR: AWS).
  public func rows(provider: Provider, target: RepriceTarget) -> [PriceMapRow] {
    var out: [PriceMapRow] = []
    var skus: [String: [RateRecord]] = [:]
    var usageTypes: [String: [RateRecord]] = [:]
    for r in records where r.provider == provider.rawValue {
      skus[RateIndex.skuKey(r.sku, r.provider), default: []].append(r)
      if provider == .aws { usageTypes["\(r.sheetKey)|\(r.region)", default: []].append(r) }
    }
    for (sku, versions) in skus.sorted(by: { $0.key < $1.key }) {
      let own = Set(versions.map { $0.region.lowercased() }).sorted()
      for region in own + ["*"] {
        let pool = region == "*" ? versions : versions.filter { $0.region.lowercased() == region }
        out += rows(kind: "sku", key: sku, region: region, pool: pool, target: target) { day in
          index.match(provider: provider, service: "", sku: sku, sheetKey: "", region: region, day: day)
        }
      }
    }
    // A line in a region none of its SKU's versions has is matched to a version elsewhere (a `*`
    // row) but re-priced in its own region, unless --to-region: the target of each kind of rate
    // in each region the target model has rates in.
    if target.region == nil {
      var classes: [String: RateRecord] = [:]
      for r in records where r.provider == provider.rawValue && r.unit == NormalizedUnit.perMillionTokens {
        classes[Self.targetKey(r)] = classes[Self.targetKey(r)] ?? r
      }
      for (key, rate) in classes.sorted(by: { $0.key < $1.key }) {
        let t = target.apply(to: Self.usage(rate, region: rate.region, day: Self.beginning))
        guard let model = t.model else { continue }
        for region in (repricer.regions[Repricer.modelKey(t.provider, model)] ?? []).sorted() {
          out += targetRows(key: key, rate: rate, region: region, target: target)
        }
      }
    }
    for (key, versions) in usageTypes.sorted(by: { $0.key < $1.key }) {
      let sheetKey = versions[0].sheetKey
      let region = versions[0].region
      guard !sheetKey.isEmpty else { continue }
      out += rows(kind: "usage_type", key: sheetKey, region: region, pool: versions, target: target) { day in
        index.match(provider: provider, service: "", sku: "", sheetKey: sheetKey, region: region, day: day)
      }
      _ = key
    }
    return out
  }

  /// The first day on or after a timestamp (a version in force from `T` is in force on day `d`
  /// when `dT00:00:00Z >= T`, as ``RateIndex`` and ``Repricer`` compare).
  static func day(atOrAfter time: String) -> String {
    let d = String(time.prefix(10))
    return d + "T00:00:00Z" >= time ? d : next(d)
  }

  static func next(_ day: String) -> String {
    let p = day.split(separator: "-").compactMap { Int($0) }
    guard p.count == 3 else { return day }
    var (y, m, d) = (p[0], p[1], p[2] + 1)
    if d > UsageDates.daysIn(m, y) { (m, d) = (m + 1, 1) }
    if m > 12 { (y, m) = (y + 1, 1) }
    return String(format: "%04d-%02d-%02d", y, m, d)
  }

  private func cuts(_ times: some Sequence<String>) -> Set<String> {
    Set(times.map(Self.day(atOrAfter:)))
  }

  /// What a `*` row's target depends on besides the line's region: the rate's model, meter, tier,
  /// scope, variant and currency.
  static func targetKey(_ r: RateRecord) -> String {
    [r.model ?? "", r.meter, r.tier, r.scope, r.variant, r.currency].joined(separator: "|")
  }

  /// The `target` rows of a kind of rate (`rate` stands for it) in `region`: the target found for
  /// each piece of the time line cut where the target's price changes (none where there is none).
  private func targetRows(key: String, rate: RateRecord, region: String, target: RepriceTarget) -> [PriceMapRow] {
    let t = target.apply(to: Self.usage(rate, region: region, day: Self.beginning))
    let times = t.model.map { repricer.changeTimes[Repricer.placeKey(t.provider, $0, t.region, t.scope)] ?? [] } ?? []
    let inner = cuts(times).filter { $0 > Self.beginning && $0 < Self.end }.sorted()
    var out: [PriceMapRow] = []
    for (from, to) in zip([Self.beginning] + inner, inner + [Self.end]) {
      guard case .success(let found) = repricer.rate(for: Self.usage(rate, region: region, day: from), target: target, day: from)
      else { continue }
      var row = PriceMapRow(
        kind: "target", key: key, region: region, fromDay: from, toDay: to, status: MatchStatus.matched.rawValue,
        model: rate.model ?? "", meter: rate.meter, tier: rate.tier, scope: rate.scope, currency: rate.currency,
        toProvider: t.provider, toRegion: t.region, toSheetKey: "", fallbacks: "", reason: "")
      row.setTarget(found)
      out.append(row)
    }
    return Self.merged(out)
  }

  private func rows(
    kind: String, key: String, region: String, pool: [RateRecord], target: RepriceTarget,
    match: (String) -> RateMatch
  ) -> [PriceMapRow] {
    var actualCuts = cuts(pool.flatMap { [$0.effectiveFrom] + ($0.effectiveTo.map { [$0] } ?? []) })
    actualCuts.insert(Self.beginning)
    let bounds = actualCuts.filter { $0 < Self.end }.sorted() + [Self.end]
    var out: [PriceMapRow] = []
    for i in 0..<(bounds.count - 1) {
      let (from, to) = (bounds[i], bounds[i + 1])
      var row = PriceMapRow(
        kind: kind, key: key, region: region, fromDay: from, toDay: to, status: MatchStatus.unmatched.rawValue,
        model: "", meter: "", tier: "", scope: "", currency: "", toProvider: "", toRegion: "", toSheetKey: "",
        fallbacks: "", reason: "")
      guard case .matched(let rate) = match(from) else {
        if case .unmatched(let why) = match(from) { row.reason = why.text }
        out.append(row)
        continue
      }
      row.status = MatchStatus.matched.rawValue
      row.rateId = rate.id
      row.model = rate.model ?? ""
      row.meter = rate.meter
      row.tier = rate.tier
      row.scope = rate.scope
      row.pricePerToken = rate.priceValue * UsageAggregator.perMillion
      row.currency = rate.currency
      if region == "*", target.region == nil { row.targetKey = Self.targetKey(rate) }
      // The target's own change days inside this piece.
      let usage = Self.usage(rate, region: region, day: from)
      let t = target.apply(to: usage)
      let targetTimes = t.model.map { repricer.changeTimes[Repricer.placeKey(t.provider, $0, t.region, t.scope)] ?? [] } ?? []
      let inner = cuts(targetTimes).filter { $0 > from && $0 < to }.sorted()
      for (a, b) in zip([from] + inner, inner + [to]) {
        var piece = row
        piece.fromDay = a
        piece.toDay = b
        piece.toProvider = t.provider
        piece.toRegion = t.region
        switch repricer.rate(for: Self.usage(rate, region: usage.region, day: a), target: target, day: a) {
        case .success(let found):
          piece.setTarget(found)
        case .failure(let failure):
          piece.reason = failure.reason
        }
        out.append(piece)
      }
    }
    return Self.merged(out)
  }

  /// Adjacent pieces that price alike become one.
  static func merged(_ rows: [PriceMapRow]) -> [PriceMapRow] {
    var merged: [PriceMapRow] = []
    for r in rows {
      if var last = merged.last, last.toDay == r.fromDay, last.pricing == r.pricing {
        last.toDay = r.toDay
        merged[merged.count - 1] = last
      } else {
        merged.append(r)
      }
    }
    return merged
  }

  /// A usage record as a bill line matched to `rate` in `region` would be stored.
  static func usage(_ rate: RateRecord, region: String, day: String) -> UsageRecord {
    var row = UsageRow(
      day: day, account: "", tags: "{}", app: "", caller: "", provider: Provider(rawValue: rate.provider) ?? .aws,
      service: rate.service, category: .token, status: .matched, reason: "", sku: rate.sku, sheetKey: rate.sheetKey,
      region: region, unit: "tokens", currency: rate.currency)
    row.setMatched(rate)
    return UsageRecord(row, importId: 0, sourceKey: "", month: String(day.prefix(7)))
  }

  /// `price_map.csv`'s text.
  public static func csv(_ rows: [PriceMapRow]) -> String {
    var out = PriceMapRow.header.joined(separator: ",") + "\n"
    for r in rows { out += r.fields.map(quote).joined(separator: ",") + "\n" }
    return out
  }

  static func quote(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
