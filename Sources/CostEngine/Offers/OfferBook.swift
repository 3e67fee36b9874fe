import Foundation
import Pricing

/// Every offer built from a rate source, indexed once by currency, model and location so that
/// evaluating a profile touches only the offers that can matter.
public struct OfferBook: Sendable {
  public internal(set) var offers: [Offer] = []
  /// Offer indices per currency, per model.
  var byCurrencyModel: [String: [String: [Int]]] = [:]
  /// Location id of each offer (index into `locations`).
  var locationOf: [Int] = []
  public internal(set) var locations: [Location] = []
  /// Geography of each location, looked up once.
  var locationFacts: [RegionFacts?] = []
  /// Model ids per currency, sorted (the evaluation order).
  var sortedModels: [String: [String]] = [:]

  /// Price class of each offer: offers of one provider whose 16 slot prices are all equal cost the
  /// same for every profile, so a profile prices each class once.
  var priceClassOf: [Int] = []
  /// The slot prices of each class.
  var classPrices: [[Decimal?]] = []
  /// The same prices as exact values, `Slot.count` per class (nil: no price), for the pricer.
  var classExactPrices: [ExactValue?] = []
  /// Provider of each class (for the discount).
  var classProvider: [Provider] = []

  /// Each offer's place in the order excluded offers are listed (provider, model, region, scope,
  /// then book order): a profile's exclusions are put in that order by these numbers instead of
  /// comparing their texts.
  var listingRank: [Int32] = []

  /// The rates the offers were built from.
  var rateTable = RateTable.empty
  /// Position in `rateTable` of the rate that created each offer (its first rate there).
  var firstRates: [Int32] = []

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
  /// An offer is one model, location, currency and endpoint family (``Offer/endpoint(of:)``). A
  /// chat token rate is tier standard or batch, a token meter, commitment none, and variant ""
  /// (cache writes also `5m`; an embedding model's input `embedding`; `long-context` for the
  /// long-context slots). When several rates of
  /// one family fill the same slot (service-tier twins) the cheapest wins, ties by service then
  /// SKU. Capacity rates (tier provisioned / reserved) attach to the model's offers at their
  /// location; Azure's model-less ones (PTUs are sold per deployment type) attach to every Azure
  /// offer of that region and scope; an AWS capacity rate without a model attaches to none.
  public init(rates: [Rate], catalog: any CatalogView) {
    let table = RateTable(rates)
    rateTable = table
    var resolved: [String: String?] = [:]
    var lowered: [String: String] = [:]
    struct Key: Hashable {
      var model: String
      var location: Location
      var currency: String
    }
    struct OfferKey: Hashable {
      var key: Key
      var endpoint: String
    }
    var index = FirstSeenIndex<OfferKey>()
    var locationIndex = FirstSeenIndex<Location>()
    var wideCapacity: [Int32] = []
    var capacityByKey: [Key: [Int32]] = [:]
    rates.withUnsafeBufferPointer { rates in
      func model(_ k: Int) -> String? {
        if let m = rates[k].model { return m }
        if let cached = resolved[rates[k].sheetModel] { return cached }
        let m = catalog.canonicalModel(rates[k].sheetModel)
        resolved[rates[k].sheetModel] = m
        return m
      }
      func location(_ k: Int) -> Location {
        let region = rates[k].region
        let low: String
        if let l = lowered[region] {
          low = l
        } else {
          low = region.lowercased()
          lowered[region] = low
        }
        return Location(provider: rates[k].provider, region: low, scope: rates[k].scope)
      }
      for k in rates.indices {
        let meter = rates[k].meter
        let tier = rates[k].tier
        if meter == .capacity, tier == .provisioned || tier == .reserved {
          if let m = model(k) {
            capacityByKey[Key(model: m, location: location(k), currency: rates[k].currency), default: []].append(Int32(k))
          } else if rates[k].provider == .azure {
            wideCapacity.append(Int32(k))
          }
          continue
        }
        guard meter.isToken, rates[k].commitment == .none else { continue }
        let long: Bool
        switch rates[k].variant {
        case "": long = false
        case "5m" where meter == .cacheWrite: long = false
        // Embedding models' token meters carry the variant `embedding` (Titan Text Embeddings,
        // Cohere Embed, Azure text-embedding-*); no model has both it and plain input rates.
        case "embedding" where meter == .input: long = false
        case "long-context": long = true
        default: continue
        }
        guard let slot = Slot.index(tier, meter, long: long) else { continue }
        let m = model(k)
        let key = Key(model: m ?? rates[k].sheetModel, location: location(k), currency: rates[k].currency)
        let offerKey = OfferKey(key: key, endpoint: Offer.endpoint(of: rates[k]))
        let (i, isNew) = index.index(of: offerKey)
        if isNew {
          firstRates.append(Int32(k))
          offers.append(Offer(
            model: key.model, modelKnown: m != nil, location: key.location, currency: key.currency,
            endpoint: offerKey.endpoint, table: table))
          let (l, newLocation) = locationIndex.index(of: key.location)
          if newLocation { locations.append(key.location) }
          locationOf.append(l)
        }
        let o = Int(offers[i].slotRates[slot])
        if o >= 0 {
          // Prefer the plain cache-write rate over the 5-minute one, then the cheapest.
          let oldPlain = rates[o].variant != "5m"
          let newPlain = rates[k].variant != "5m"
          if oldPlain != newPlain {
            if newPlain { offers[i].slotRates[slot] = Int32(k) }
          } else if (rates[k].price, rates[k].service, rates[k].sku) < (rates[o].price, rates[o].service, rates[o].sku) {
            offers[i].slotRates[slot] = Int32(k)
          }
        } else {
          offers[i].slotRates[slot] = Int32(k)
        }
      }
      var wideByLocation: [Location: [Int32]] = [:]
      for k in wideCapacity {
        wideByLocation[location(Int(k)), default: []].append(k)
      }
      for (i, offerKey) in index.keys.enumerated() {
        let key = offerKey.key
        var cap = capacityByKey[key] ?? []
        cap += (wideByLocation[key.location] ?? []).filter { rates[Int($0)].currency == key.currency }
        offers[i].capacityRates = cap.sorted {
          let a = rates[Int($0)]
          let b = rates[Int($1)]
          return (a.tier, a.commitment.rawValue, a.sku) < (b.tier, b.commitment.rawValue, b.sku)
        }
      }
    }
    indexOffers(catalog: catalog)
  }

  /// Builds the indexes over `offers` (by currency and model, price classes, integer prices,
  /// evaluation orders, location facts).
  mutating func indexOffers(catalog: any CatalogView) {
    assignPriceClasses()
    listingRank = Self.listingRanks(offers)
    indexModels(catalog: catalog)
  }

  /// ``listingRank`` of `offers`.
  static func listingRanks(_ offers: [Offer]) -> [Int32] {
    let order = offers.indices.sorted { a, b in
      let (x, y) = (offers[a].location, offers[b].location)
      if x.provider != y.provider { return x.provider.rawValue < y.provider.rawValue }
      if offers[a].model != offers[b].model { return offers[a].model < offers[b].model }
      if x.region != y.region { return x.region < y.region }
      if x.scope.rank != y.scope.rank { return x.scope.rank < y.scope.rank }
      return a < b
    }
    var rank = [Int32](repeating: 0, count: offers.count)
    for (r, i) in order.enumerated() { rank[i] = Int32(r) }
    return rank
  }

  /// Groups the offers into price classes and computes the classes' integer prices.
  mutating func assignPriceClasses() {
    struct ClassKey: Hashable {
      var provider: Provider
      var prices: [Decimal?]
    }
    var classIndex: [ClassKey: Int] = [:]
    for o in offers {
      let key = ClassKey(provider: o.provider, prices: (0..<Slot.count).map { o.price(slot: $0) })
      if let c = classIndex[key] {
        priceClassOf.append(c)
      } else {
        classIndex[key] = classPrices.count
        priceClassOf.append(classPrices.count)
        classPrices.append(key.prices)
        classProvider.append(o.provider)
      }
    }
    classExactPrices = Self.exactPrices(classPrices)
  }

  /// Builds the indexes by currency and model and looks up each location's geography.
  mutating func indexModels(catalog: any CatalogView) {
    for (i, o) in offers.enumerated() {
      byCurrencyModel[o.currency, default: [:]][o.model, default: []].append(i)
    }
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

  /// Every class price as an exact value (a conversion reads the decimal's digits, cheaper than
  /// hashing it to look up an earlier one).
  static func exactPrices(_ classes: [[Decimal?]]) -> [ExactValue?] {
    var out: [ExactValue?] = []
    out.reserveCapacity(classes.count * Slot.count)
    for prices in classes {
      for p in prices { out.append(p.flatMap(ExactValue.init)) }
    }
    return out
  }
}
