import Foundation
import Pricing

/// Where an offer is sold: provider, region, scope.
public struct Location: Sendable, Hashable, Comparable {
  public var provider: Provider
  public var region: String
  public var scope: Scope

  public init(provider: Provider, region: String, scope: Scope) {
    self.provider = provider
    self.region = region
    self.scope = scope
  }

  public static func < (a: Location, b: Location) -> Bool {
    (a.provider.rawValue, a.region, a.scope.rank) < (b.provider.rawValue, b.region, b.scope.rank)
  }
}

/// One thing a workload can be bought as: a canonical model from one provider, in one region,
/// at one scope, with the token rates (and capacity rates) that price it.
public struct Offer: Sendable, Hashable {
  /// Canonical model id, or the sheet's name when the catalogue does not know it.
  public var model: String
  /// False when `model` is a sheet name the catalogue could not resolve.
  public var modelKnown: Bool
  public var location: Location
  public var currency: String
  /// Token rates by slot (see ``Slot``); the cheapest when several sheets price the same slot.
  var slots: [Rate?] = Array(repeating: nil, count: Slot.count)
  /// Provisioned / reserved capacity rates for this model here.
  public var capacity: [Rate] = []

  public var provider: Provider { location.provider }
  public var region: String { location.region }
  public var scope: Scope { location.scope }

  /// The rate in a slot, if the offer has one.
  public func rate(_ tier: Tier, _ meter: Meter, long: Bool = false) -> Rate? {
    guard let s = Slot.index(tier, meter, long: long) else { return nil }
    return slots[s]
  }

  /// Ordering of the deterministic tie-break: provider, model, region, scope.
  static func keyLess(_ a: Offer, _ b: Offer) -> Bool {
    if a.provider != b.provider { return a.provider.rawValue < b.provider.rawValue }
    if a.model != b.model { return a.model < b.model }
    if a.region != b.region { return a.region < b.region }
    return a.scope.rank < b.scope.rank
  }
}

/// The 16 token price slots of an offer: tier (standard, batch) x context (normal, long) x meter.
enum Slot {
  static let count = 16
  static func index(_ tier: Tier, _ meter: Meter, long: Bool) -> Int? {
    let t: Int
    switch tier {
    case .standard: t = 0
    case .batch: t = 1
    default: return nil
    }
    let m: Int
    switch meter {
    case .input: m = 0
    case .output: m = 1
    case .cacheRead: m = 2
    case .cacheWrite: m = 3
    default: return nil
    }
    return t * 8 + (long ? 4 : 0) + m
  }
}
