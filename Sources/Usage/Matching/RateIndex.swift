import Foundation
import Pricing
import RateStore

/// Why a token line has no stored rate.
public enum UnmatchedReason: Sendable, Hashable {
  /// No rate of the line's service is in the store: its price sheet was never imported.
  case sheetNotImported(service: String)
  /// The service's sheet is imported but has no rate with this SKU / meter id (nor usage type).
  case unknownSKU
  /// The rate exists, but its first version starts after the usage date.
  case beforeFirstRate(effectiveFrom: String)
  /// The rate was withdrawn (or replaced by nothing) before the usage date.
  case withdrawnBefore(effectiveTo: String)
  /// An invocation log's model id resolves to no model with a rate in that region and scope.
  case noRateForModel(model: String)
  /// The matched rate is not priced per token.
  case notPerToken(unit: String)

  /// The reason as stored and shown.
  public var text: String {
    switch self {
    case .sheetNotImported(let service): "sheet not imported: no \(service) rates in the store"
    case .unknownSKU: "unknown SKU: not in the imported sheet (by SKU / meter id, nor by usage type and region)"
    case .beforeFirstRate(let from): "usage date before the rate's first price in the store (effective from \(from))"
    case .withdrawnBefore(let to): "rate withdrawn before the usage date (effective to \(to))"
    case .noRateForModel(let model): "no stored rate for model \(model) in this region, scope and meter"
    case .notPerToken(let unit): "the matched rate is priced per \(unit), not per token"
    }
  }
}

/// The result of matching one line.
public enum RateMatch: Sendable {
  case matched(RateRecord)
  case unmatched(UnmatchedReason)
}

/// Every version of the stored rates of the providers in question, indexed the ways usage lines
/// find them: AWS by SKU, else by usage type and region; Azure by meter id (and region); an
/// invocation log's model by canonical model, region, scope and meter. A version is chosen as of
/// the usage day (its start, `YYYY-MM-DDT00:00:00Z`), so history is used line by line.
public struct RateIndex: Sendable {
  private var bySku: [String: [RateRecord]] = [:]
  private var byUsageType: [String: [RateRecord]] = [:]
  private var byModel: [String: [RateRecord]] = [:]
  private var services: Set<String> = []

  /// Builds the index from every stored version (``RateStore/history(_:)``) of the on-demand
  /// rates (no commitment).
  public init(records: [RateRecord]) {
    for r in records where r.commitment == Commitment.none.rawValue {
      services.insert(Self.serviceKey(r.provider, r.service))
      bySku["\(r.provider)|\(Self.skuKey(r.sku, r.provider))", default: []].append(r)
      if r.provider == Provider.aws.rawValue {
        byUsageType["\(r.sheetKey)|\(r.region)", default: []].append(r)
        if let model = r.model, r.tier == Tier.standard.rawValue, r.variant.isEmpty {
          byModel["\(model)|\(r.region)|\(r.scope)|\(r.meter)", default: []].append(r)
        }
      }
    }
  }

  /// Reads the index from the store.
  public init(store: RateStore, providers: [Provider]) throws {
    var filter = RateFilter()
    filter.providers = providers
    self.init(records: try store.history(filter))
  }

  static func skuKey(_ sku: String, _ provider: String) -> String {
    provider == Provider.azure.rawValue ? sku.lowercased() : sku
  }

  static func serviceKey(_ provider: String, _ service: String) -> String {
    "\(provider)|\(service.lowercased())"
  }

  /// The rate for a bill line (by SKU / meter id, then usage type and region) as of its day.
  public func match(provider: Provider, service: String, sku: String, sheetKey: String, region: String, day: String)
    -> RateMatch
  {
    let at = day + "T00:00:00Z"
    let p = provider.rawValue
    if !sku.isEmpty, let versions = bySku["\(p)|\(Self.skuKey(sku, p))"] {
      return pick(versions, region: region, at: at)
    }
    if provider == .aws, !sheetKey.isEmpty, let versions = byUsageType["\(sheetKey)|\(region)"] {
      return pick(versions, region: region, at: at)
    }
    if !services.contains(Self.serviceKey(p, service)) {
      return .unmatched(.sheetNotImported(service: service.isEmpty ? p : service))
    }
    return .unmatched(.unknownSKU)
  }

  /// The rate for an invocation log's tokens: the model's standard on-demand rate in the region,
  /// scope and meter, as of the day.
  public func match(model: String?, modelId: String, region: String, scope: Scope, meter: Meter, day: String)
    -> RateMatch
  {
    guard let model, let versions = byModel["\(model)|\(region)|\(scope.rawValue)|\(meter.rawValue)"] else {
      return .unmatched(.noRateForModel(model: model ?? modelId))
    }
    return pick(versions, region: region, at: day + "T00:00:00Z")
  }

  private func pick(_ versions: [RateRecord], region: String, at: String) -> RateMatch {
    let local = versions.filter { $0.region.caseInsensitiveCompare(region) == .orderedSame }
    let pool = local.isEmpty ? versions : local
    let inForce = pool.filter { $0.effectiveFrom <= at && ($0.effectiveTo.map { $0 > at } ?? true) }
    if let best = inForce.min(by: { ($0.rateKey, $0.id) < ($1.rateKey, $1.id) }) {
      guard best.unit == NormalizedUnit.perMillionTokens else { return .unmatched(.notPerToken(unit: best.unit)) }
      return .matched(best)
    }
    if let first = pool.map(\.effectiveFrom).min(), first > at {
      return .unmatched(.beforeFirstRate(effectiveFrom: first))
    }
    let lastEnd = pool.compactMap(\.effectiveTo).max() ?? at
    return .unmatched(.withdrawnBefore(effectiveTo: lastEnd))
  }
}
