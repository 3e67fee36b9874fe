import Foundation
import Pricing

extension OfferBook {
  /// Positions, ascending, in the rates the book was built from of the rates it refers to: every
  /// slot and capacity rate of every offer and the rate that created each offer.
  ///
  /// A book built from these rates alone (same order, same catalogue) equals this one, offer for
  /// offer and in the same order: each slot's winner still beats what is left, offers are still
  /// created in the order of their first rate, and each offer's capacity rates keep their relative
  /// order. This is what the engine cache stores.
  public func ratePositionsInUse() -> [Int] {
    var used = [Bool](repeating: false, count: rateTable.count)
    for k in firstRates { used[Int(k)] = true }
    for o in offers {
      for k in o.slotRates where k >= 0 { used[Int(k)] = true }
      for k in o.capacityRates { used[Int(k)] = true }
    }
    return used.indices.filter { used[$0] }
  }

  /// The offers as positions in the rates of ``ratePositionsInUse()`` (`positions`): the offer
  /// count, then per offer its first rate, its 16 slot rates (-1 for none), its number of capacity
  /// rates and those; then the price classes: their count and each offer's class; last, each
  /// offer's ``listingRank``.
  /// ``init(rates:layout:catalog:)`` rebuilds the book from it without grouping every rate again.
  public func layout(positions: [Int]) -> [Int32] {
    var inSubset = [Int32](repeating: -1, count: rateTable.count)
    for (i, k) in positions.enumerated() { inSubset[k] = Int32(i) }
    var words: [Int32] = []
    words.reserveCapacity(offers.count * (Slot.count + 4) + 2)
    words.append(Int32(offers.count))
    for (i, o) in offers.enumerated() {
      words.append(inSubset[Int(firstRates[i])])
      for k in o.slotRates { words.append(k < 0 ? -1 : inSubset[Int(k)]) }
      words.append(Int32(o.capacityRates.count))
      for k in o.capacityRates { words.append(inSubset[Int(k)]) }
    }
    words.append(Int32(classPrices.count))
    for c in priceClassOf { words.append(Int32(c)) }
    words.append(contentsOf: listingRank)
    return words
  }

  /// The book of ``layout(positions:)`` over the rates it was made for, with the same catalogue:
  /// each offer's model, location and currency come from its first rate exactly as
  /// `init(rates:catalog:)` derives them. Nil when the layout does not fit the rates.
  public init?(rates: [Rate], layout: [Int32], catalog: any CatalogView) {
    self.init(records: rates, layout: layout, catalog: catalog)
  }

  /// ``init(rates:layout:catalog:)`` over rates kept encoded (the engine cache's): an offer reads
  /// only its first rate's head, a price class only its first offer's prices.
  public init?(records: any RateRecords, layout: [Int32], catalog: any CatalogView) {
    let table = RateTable(records)
    rateTable = table
    var resolved: [String: String?] = [:]
    var locationIndex: [Location: Int] = [:]
    let n = Int32(records.count)
    var at = 0
    func next() -> Int32? {
      guard at < layout.count else { return nil }
      defer { at += 1 }
      return layout[at]
    }
    guard let offerCount = next(), offerCount >= 0, Int(offerCount) <= layout.count else { return nil }
    var lowered: [String: String] = [:]
    for _ in 0..<offerCount {
      guard let first = next(), first >= 0, first < n else { return nil }
      // The first rate's head (not the whole rate), each region lowercased once.
      let r = records.head(at: Int(first))
      let m: String?
      if let known = r.model {
        m = known
      } else if let cached = resolved[r.sheetModel] {
        m = cached
      } else {
        m = catalog.canonicalModel(r.sheetModel)
        resolved[r.sheetModel] = m
      }
      let low: String
      if let l = lowered[r.region] {
        low = l
      } else {
        low = r.region.lowercased()
        lowered[r.region] = low
      }
      let location = Location(provider: r.provider, region: low, scope: r.scope)
      let (model, known, currency, endpoint) = (m ?? r.sheetModel, m != nil, r.currency, Offer.endpoint(of: r))
      var offer = Offer(
        model: model, modelKnown: known, location: location, currency: currency,
        endpoint: endpoint, table: table)
      for s in 0..<Slot.count {
        guard let k = next(), k >= -1, k < n else { return nil }
        offer.slotRates[s] = k
      }
      guard let count = next(), count >= 0, count <= n else { return nil }
      var capacity: [Int32] = []
      capacity.reserveCapacity(Int(count))
      for _ in 0..<count {
        guard let k = next(), k >= 0, k < n else { return nil }
        capacity.append(k)
      }
      offer.capacityRates = capacity
      firstRates.append(first)
      offers.append(offer)
      if let l = locationIndex[location] {
        locationOf.append(l)
      } else {
        locationIndex[location] = locations.count
        locationOf.append(locations.count)
        locations.append(location)
      }
    }
    guard readPriceClasses(next) else { return nil }
    // The listing ranks: a permutation of the offers, and the last words.
    var seen = [Bool](repeating: false, count: offers.count)
    listingRank.reserveCapacity(offers.count)
    for _ in offers.indices {
      guard let r = next(), r >= 0, Int(r) < offers.count, !seen[Int(r)] else { return nil }
      seen[Int(r)] = true
      listingRank.append(r)
    }
    guard next() == nil else { return nil }
    indexModels(catalog: catalog)
  }

  /// Reads the price classes of ``layout(positions:)`` after the offers: each class's prices and
  /// provider are those of its first offer, as ``assignPriceClasses()`` derives them. False when
  /// the words do not fit the offers.
  private mutating func readPriceClasses(_ next: () -> Int32?) -> Bool {
    guard let classCount = next(), classCount >= 0, Int(classCount) <= offers.count else { return false }
    var firstOffer = [Int](repeating: -1, count: Int(classCount))
    priceClassOf.reserveCapacity(offers.count)
    for i in offers.indices {
      guard let c = next(), c >= 0, c < classCount else { return false }
      if firstOffer[Int(c)] < 0 {
        // Classes are numbered in the order of their first offer.
        guard Int(c) == classPrices.count else { return false }
        firstOffer[Int(c)] = i
        classPrices.append((0..<Slot.count).map { offers[i].price(slot: $0) })
        classProvider.append(offers[i].provider)
      }
      priceClassOf.append(Int(c))
    }
    guard classPrices.count == Int(classCount) else { return false }
    classExactPrices = Self.exactPrices(classPrices)
    return true
  }
}
