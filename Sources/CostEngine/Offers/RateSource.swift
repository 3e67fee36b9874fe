import Foundation
import Pricing

/// The rates the engine chooses among: every rate in effect at one snapshot (the snapshot is the
/// source's own business: the store reads current rates or rates as of a date).
///
/// The engine uses token rates (tiers standard and batch, meters input / output / cache_read /
/// cache_write, variants "", `5m`, `long-context`, `embedding` (input), commitment none) and capacity rates (tiers
/// provisioned and reserved); it ignores the rest, so a source may return everything.
public protocol RateSource: Sendable {
  /// The rates in effect at the source's snapshot.
  func rates() throws -> [Rate]
}

/// An in-memory rate source (tests, and callers that already hold the rates).
public struct StaticRateSource: RateSource {
  public var all: [Rate]
  public init(_ rates: [Rate]) { all = rates }
  public func rates() throws -> [Rate] { all }
}
