import CostEngine
import Foundation
import Pricing
import RateStore

/// The rates the cost engine chooses among, read from the store at one snapshot: token meters and
/// capacity, every provider and currency (the engine filters by the profile).
public struct StoreRateSource: RateSource {
  public let store: RateStore
  public let snapshot: Snapshot

  public init(store: RateStore, snapshot: Snapshot = .current) {
    self.store = store
    self.snapshot = snapshot
  }

  /// Only what the engine can use is read: provisioned and reserved capacity, and token rates
  /// without commitment whose variant is plain, a 5-minute cache write or long context (the same
  /// rule as `OfferBook`; everything else would be skipped there).
  public func rates() throws -> [Rate] {
    try store.engineRates(Self.filters, at: snapshot)
  }

  /// The filters of ``rates()``.
  static let filters: [RateFilter] = {
    var capacity = RateFilter()
    capacity.meters = [.capacity]
    capacity.tiers = [.provisioned, .reserved]
    var tokens = RateFilter()
    tokens.meters = [.input, .output, .cacheRead, .cacheWrite]
    tokens.commitments = [.none]
    tokens.variants = ["", "5m", "long-context", "embedding"]
    return [tokens, capacity]
  }()
}
