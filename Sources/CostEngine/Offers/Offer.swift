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

/// The rates an offer book was built from, shared by its offers (an offer refers to its rates by
/// position, so building the book copies no rate; a rate is made when an offer's line is priced
/// or printed).
final class RateTable: Sendable {
  let records: any RateRecords
  init(_ records: any RateRecords) { self.records = records }
  var count: Int { records.count }
  func rate(_ i: Int) -> Rate { records.rate(at: i) }
  func price(_ i: Int) -> Decimal { records.price(at: i) }
  static let empty = RateTable([Rate]())
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
  /// The endpoint family every token rate of the offer comes from (AWS: `mantle`, `marketplace`,
  /// `cross-region`, `in-region`; Azure: "", its deployment types being the scopes). One offer is
  /// one way to call the model: its slots never mix families.
  public var endpoint: String
  /// Position in `table` of the token rate of each slot (see ``Slot``), -1 for none; the cheapest
  /// when several sheets price the same slot.
  var slotRates: [Int32] = Array(repeating: -1, count: Slot.count)
  /// Positions in `table` of the provisioned / reserved capacity rates for this model here.
  var capacityRates: [Int32] = []
  let table: RateTable

  init(model: String, modelKnown: Bool, location: Location, currency: String, endpoint: String, table: RateTable) {
    self.model = model
    self.modelKnown = modelKnown
    self.location = location
    self.currency = currency
    self.endpoint = endpoint
    self.table = table
  }

  /// The endpoint family of a token rate. On AWS: the `-mantle-` usage types (the
  /// OpenAI-compatible endpoint); a cross-region inference profile (scope `global` or `geo`: the
  /// Marketplace `_Global` / `_Geo` rates and the AmazonBedrockService / AmazonBedrock
  /// `cross-region` ones that complete them, e.g. long-context prices); the Marketplace offer
  /// (AmazonBedrockFoundationModels) in-region; and the rest (in-region). On Azure "": one family
  /// per deployment type, which is the scope.
  public static func endpoint(of rate: Rate) -> String { endpoint(of: RateHead(rate)) }

  /// ``endpoint(of:)-(Rate)`` from the fields of a rate it reads.
  static func endpoint(of rate: RateHead) -> String {
    guard rate.provider == .aws else { return "" }
    if containsMantle(rate.sheetKey) { return "mantle" }
    if rate.scope != .regional { return "cross-region" }
    if rate.service == "AmazonBedrockFoundationModels" { return "marketplace" }
    return "in-region"
  }

  /// Whether `sheetKey` holds `-mantle-`, by a byte search over its UTF-8 (sheet keys are
  /// ASCII): Foundation's `contains` and the generic `firstRange(of:)` cost far more per offer built.
  static func containsMantle(_ sheetKey: String) -> Bool {
    var key = sheetKey
    return key.withUTF8 { bytes in
      let needle: StaticString = "-mantle-"
      let n = needle.utf8CodeUnitCount
      guard bytes.count >= n else { return false }
      let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: n)
      for i in 0...(bytes.count - n) where bytes[i] == pattern[0] {
        var j = 1
        while j < n, bytes[i + j] == pattern[j] { j += 1 }
        if j == n { return true }
      }
      return false
    }
  }

  public var provider: Provider { location.provider }
  public var region: String { location.region }
  public var scope: Scope { location.scope }

  /// Provisioned / reserved capacity rates for this model here.
  public var capacity: [Rate] { capacityRates.map { table.rate(Int($0)) } }

  /// Token rates by slot.
  var slots: [Rate?] { slotRates.map { $0 < 0 ? nil : table.rate(Int($0)) } }

  /// The price in slot `s`, nil when the offer has no rate there.
  func price(slot s: Int) -> Decimal? {
    let i = slotRates[s]
    return i < 0 ? nil : table.price(Int(i))
  }

  /// The rate in a slot, if the offer has one.
  public func rate(_ tier: Tier, _ meter: Meter, long: Bool = false) -> Rate? {
    guard let s = Slot.index(tier, meter, long: long) else { return nil }
    let i = slotRates[s]
    return i < 0 ? nil : table.rate(Int(i))
  }

  /// The rate in slot `s` (see ``Slot``), if the offer has one.
  func slotRate(_ s: Int) -> Rate? {
    let i = slotRates[s]
    return i < 0 ? nil : table.rate(Int(i))
  }

  /// True when the offer has a rate in that slot (without copying the rate).
  func has(_ tier: Tier, _ meter: Meter, long: Bool = false) -> Bool {
    guard let s = Slot.index(tier, meter, long: long) else { return false }
    return slotRates[s] >= 0
  }

  public static func == (a: Offer, b: Offer) -> Bool {
    a.model == b.model && a.modelKnown == b.modelKnown && a.location == b.location
      && a.currency == b.currency && a.endpoint == b.endpoint && a.slots == b.slots && a.capacity == b.capacity
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(model)
    hasher.combine(location)
    hasher.combine(currency)
    hasher.combine(endpoint)
  }

  /// Ordering of the deterministic tie-break: provider, model, region, scope, endpoint.
  static func keyLess(_ a: Offer, _ b: Offer) -> Bool {
    if a.provider != b.provider { return a.provider.rawValue < b.provider.rawValue }
    if a.model != b.model { return a.model < b.model }
    if a.region != b.region { return a.region < b.region }
    if a.scope != b.scope { return a.scope.rank < b.scope.rank }
    return a.endpoint < b.endpoint
  }
}

/// The 16 token price slots of an offer: tier (standard, batch) x context (normal, long) x meter.
enum Slot {
  static let count = 16
  static let standardInput = 0
  static let standardOutput = 1
  static let batchInput = 8
  static let batchOutput = 9
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
