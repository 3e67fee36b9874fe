import Foundation
import Pricing

/// Every offer built from a rate source, indexed once by currency, model and location so that
/// evaluating a profile touches only the offers that can matter.
public struct OfferBook: Sendable {
  public private(set) var offers: [Offer] = []
  /// Offer indices per currency, per model.
  var byCurrencyModel: [String: [String: [Int]]] = [:]
  /// Location id of each offer (index into `locations`).
  var locationOf: [Int] = []
  public private(set) var locations: [Location] = []
  /// Geography of each location, looked up once.
  var locationFacts: [RegionFacts?] = []
  /// Model ids per currency, sorted (the evaluation order).
  var sortedModels: [String: [String]] = [:]

  /// Price class of each offer: offers of one provider whose 16 slot prices are all equal cost the
  /// same for every profile, so a profile prices each class once.
  var priceClassOf: [Int] = []
  /// The slot prices of each class.
  var classPrices: [[Decimal?]] = []
  /// Provider of each class (for the discount).
  var classProvider: [Provider] = []
  /// The class prices as exact integers at `priceScale` (`price x 10^priceScale`), 16 per class,
  /// ``IntegerPricer/missing`` for no price; nil when some price does not fit (then the ranking
  /// uses `Decimal`).
  var integerPrices: [Int64]?
  /// Decimal places of `integerPrices`: the most any class price has.
  var priceScale = 0

  /// Models the catalogue knows, per currency, sorted.
  var sortedKnownModels: [String: [String]] = [:]

  /// The evaluation order: every model, or only the catalogue's (unknown ones can never be eligible).
  func modelOrder(currency: String, knownOnly: Bool = false) -> [String] {
    (knownOnly ? sortedKnownModels[currency] : sortedModels[currency]) ?? []
  }

  /// Number of offers priced in `currency`.
  public func offerCount(currency: String) -> Int { countByCurrency[currency] ?? 0 }
  var countByCurrency: [String: Int] = [:]

  /// Builds the offers from `rates`, resolving models through `catalog`.
  ///
  /// A chat token rate is tier standard or batch, a token meter, commitment none, and variant ""
  /// (cache writes also `5m`; `long-context` for the long-context slots). When several rates fill
  /// the same slot (AWS service-tier twins, one model in two offers) the cheapest wins, ties by
  /// service then SKU. Capacity rates (tier provisioned / reserved) attach to the model's offers;
  /// those whose model the catalogue does not know (Azure PTUs are per deployment type, not per
  /// model) attach to every offer of that provider, region and scope.
  public init(rates: [Rate], catalog: any CatalogView) {
    var resolved: [String: String?] = [:]
    func model(_ r: Rate) -> String? {
      if let m = r.model { return m }
      if let cached = resolved[r.sheetModel] { return cached }
      let m = catalog.canonicalModel(r.sheetModel)
      resolved[r.sheetModel] = m
      return m
    }
    struct Key: Hashable {
      var model: String
      var location: Location
      var currency: String
    }
    var index: [Key: Int] = [:]
    var locationIndex: [Location: Int] = [:]
    var wideCapacity: [Rate] = []
    var capacityByKey: [Key: [Rate]] = [:]
    for r in rates {
      let location = Location(provider: r.provider, region: r.region.lowercased(), scope: r.scope)
      if r.meter == .capacity, r.tier == .provisioned || r.tier == .reserved {
        if let m = model(r) {
          capacityByKey[Key(model: m, location: location, currency: r.currency), default: []].append(r)
        } else {
          wideCapacity.append(r)
        }
        continue
      }
      guard r.meter.isToken, r.commitment == .none else { continue }
      let long: Bool
      switch r.variant {
      case "": long = false
      case "5m" where r.meter == .cacheWrite: long = false
      case "long-context": long = true
      default: continue
      }
      guard let slot = Slot.index(r.tier, r.meter, long: long) else { continue }
      let m = model(r)
      let key = Key(model: m ?? r.sheetModel, location: location, currency: r.currency)
      let i: Int
      if let existing = index[key] {
        i = existing
      } else {
        i = offers.count
        index[key] = i
        offers.append(
          Offer(model: key.model, modelKnown: m != nil, location: location, currency: r.currency))
        if let l = locationIndex[location] {
          locationOf.append(l)
        } else {
          locationIndex[location] = locations.count
          locationOf.append(locations.count)
          locations.append(location)
        }
      }
      if let old = offers[i].slots[slot] {
        // Prefer the plain cache-write rate over the 5-minute one, then the cheapest.
        let oldPlain = old.variant != "5m"
        let newPlain = r.variant != "5m"
        if oldPlain != newPlain {
          if newPlain { offers[i].slots[slot] = r }
        } else if (r.price, r.service, r.sku) < (old.price, old.service, old.sku) {
          offers[i].slots[slot] = r
        }
      } else {
        offers[i].slots[slot] = r
      }
    }
    var wideByLocation: [Location: [Rate]] = [:]
    for r in wideCapacity {
      wideByLocation[Location(provider: r.provider, region: r.region.lowercased(), scope: r.scope), default: []].append(r)
    }
    for (key, i) in index {
      var cap = capacityByKey[key] ?? []
      cap += (wideByLocation[key.location] ?? []).filter { $0.currency == key.currency }
      offers[i].capacity = cap.sorted { ($0.tier, $0.commitment.rawValue, $0.sku) < ($1.tier, $1.commitment.rawValue, $1.sku) }
    }
    for (i, o) in offers.enumerated() {
      byCurrencyModel[o.currency, default: [:]][o.model, default: []].append(i)
    }
    struct ClassKey: Hashable {
      var provider: Provider
      var prices: [Decimal?]
    }
    var classIndex: [ClassKey: Int] = [:]
    for o in offers {
      let key = ClassKey(provider: o.provider, prices: o.slots.map { $0?.price })
      if let c = classIndex[key] {
        priceClassOf.append(c)
      } else {
        classIndex[key] = classPrices.count
        priceClassOf.append(classPrices.count)
        classPrices.append(key.prices)
        classProvider.append(o.provider)
      }
    }
    (integerPrices, priceScale) = Self.integerPrices(classPrices)
    sortedModels = byCurrencyModel.mapValues { $0.keys.sorted() }
    let offersSoFar = offers
    sortedKnownModels = byCurrencyModel.mapValues { models in
      models.filter { offersSoFar[$0.value[0]].modelKnown }.keys.sorted()
    }
    countByCurrency = byCurrencyModel.mapValues { $0.values.reduce(0) { $0 + $1.count } }
    locationFacts = locations.map { catalog.regionFacts(provider: $0.provider, region: $0.region) }
  }

  /// The offers of one model in one currency.
  public func offers(model: String, currency: String) -> [Offer] {
    (byCurrencyModel[currency]?[model] ?? []).map { offers[$0] }
  }

  /// Every class price as an integer at one scale (the most decimal places of any price, at most
  /// 12), or nil when one does not fit in `Int64`.
  static func integerPrices(_ classes: [[Decimal?]]) -> ([Int64]?, Int) {
    var scale = 0
    for prices in classes {
      for case let p? in prices {
        guard let d = ScaledInteger.fractionDigits(p), d <= 12 else { return (nil, 0) }
        scale = max(scale, d)
      }
    }
    var out: [Int64] = []
    out.reserveCapacity(classes.count * Slot.count)
    for prices in classes {
      for p in prices {
        guard let p else {
          out.append(IntegerPricer.missing)
          continue
        }
        guard let v = ScaledInteger.value(p, scale: scale), let i = Int64(exactly: v), i != IntegerPricer.missing else {
          return (nil, 0)
        }
        out.append(i)
      }
    }
    return (out, scale)
  }
}
