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

  public func rates() throws -> [Rate] {
    var filter = RateFilter()
    filter.meters = [.input, .output, .cacheRead, .cacheWrite, .capacity]
    return try store.rates(filter, at: snapshot).map(\.rate)
  }
}
