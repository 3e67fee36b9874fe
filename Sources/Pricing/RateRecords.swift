import Foundation

/// Rates by position, each made when asked for: the cost engine's rate table. An array of rates is
/// one; the engine cache's payload (`EngineRatePayload.Records` in RateStore) is another, which
/// keeps the rates encoded and makes a `Rate` only for the rates a run prints.
public protocol RateRecords: Sendable {
  /// Number of rates.
  var count: Int { get }
  /// The rate at position `i` (`0..<count`).
  func rate(at i: Int) -> Rate
  /// The price of the rate at `i` (without making the rate).
  func price(at i: Int) -> Decimal
  /// The fields an offer takes from its first rate (without making the rate).
  func head(at i: Int) -> RateHead
}

/// What an offer takes from the rate that creates it: where it is sold, which model, in which
/// currency, and the two texts its endpoint family is read from.
public struct RateHead: Sendable, Equatable {
  public var provider: Provider
  public var scope: Scope
  public var service: String
  public var sheetKey: String
  public var sheetModel: String
  public var model: String?
  public var region: String
  public var currency: String

  public init(
    provider: Provider, scope: Scope, service: String, sheetKey: String, sheetModel: String, model: String?,
    region: String, currency: String
  ) {
    self.provider = provider
    self.scope = scope
    self.service = service
    self.sheetKey = sheetKey
    self.sheetModel = sheetModel
    self.model = model
    self.region = region
    self.currency = currency
  }

  /// The head of `rate`.
  public init(_ rate: Rate) {
    self.init(
      provider: rate.provider, scope: rate.scope, service: rate.service, sheetKey: rate.sheetKey,
      sheetModel: rate.sheetModel, model: rate.model, region: rate.region, currency: rate.currency)
  }
}

extension Array: RateRecords where Element == Rate {
  public func rate(at i: Int) -> Rate { self[i] }
  public func price(at i: Int) -> Decimal { self[i].price }
  public func head(at i: Int) -> RateHead { RateHead(self[i]) }
}

extension RateRecords {
  /// Every rate, in order.
  public var allRates: [Rate] { (0..<count).map { rate(at: $0) } }
}
