import Foundation
import Pricing

/// The cost engine: prices profiles on every offer, filters by residency, needs and parity, and
/// ranks what is left.
///
/// Ranking and tie-break: monthly cost after discount (exact), then provider, model, region and
/// scope (narrowest first), so the same inputs always give the same answer.
public struct WorkloadEngine: Sendable {
  public let book: OfferBook
  public let catalog: any CatalogView
  public var throughput: ThroughputTable
  /// Catalogue facts looked up once for every profile.
  let cache: CatalogCache

  public init(rates: [Rate], catalog: any CatalogView, throughput: ThroughputTable = ThroughputTable()) {
    self.init(book: OfferBook(rates: rates, catalog: catalog), catalog: catalog, throughput: throughput)
  }

  /// The engine over a book already built (with the same catalogue).
  public init(book: OfferBook, catalog: any CatalogView, throughput: ThroughputTable = ThroughputTable()) {
    self.book = book
    self.catalog = catalog
    self.throughput = throughput
    self.cache = CatalogCache(catalog: catalog, models: Set(book.offers.lazy.filter(\.modelKnown).map(\.model)))
  }

  public init(source: any RateSource, catalog: any CatalogView, throughput: ThroughputTable = ThroughputTable()) throws {
    self.init(rates: try source.rates(), catalog: catalog, throughput: throughput)
  }

  /// A profile's catalogue references, resolved once.
  struct Resolved {
    var parity: Profile.Parity?
    var baseline: String?
    var requiredScore: Decimal?
    var baselineScore: Decimal?
    var allowList: Set<String>?
    var currentModel: String?
    /// Offered models' scores per benchmark the parity names.
    var scores: [String: [String: Decimal]] = [:]
  }

  /// A benchmark is known by its full name or by its name without the bracketed setting
  /// (`GPQA Diamond [high]` groups under `GPQA Diamond`).
  func isKnownBenchmark(_ name: String) -> Bool {
    cache.isKnownBenchmark(name) { name in
      let known = cache.benchmarks
      if known.contains(name) { return true }
      let stripped = name.replacingOccurrences(of: "\\s*\\[[^\\]]*\\]", with: "", options: .regularExpression)
        .trimmingCharacters(in: .whitespaces)
      return known.contains(stripped)
    }
  }

  func resolve(_ p: Profile) throws -> Resolved {
    var r = Resolved(parity: p.parity)
    func mark(_ key: ProfileField) -> SourceMark {
      p.marks[key] ?? p.origin ?? SourceMark(file: p.name, line: 1, column: 1)
    }
    switch p.parity {
    case .baseline(let model, let benchmark, let tolerance):
      guard let id = cache.canonicalModel(model) else {
        throw ProfileError(mark(.parityBaseline), "parity.baseline: unknown model '\(model)'")
      }
      guard isKnownBenchmark(benchmark) else {
        throw ProfileError(mark(.parityBenchmark), "parity.benchmark: unknown benchmark '\(benchmark)'")
      }
      guard let score = catalog.qualityScore(model: id, benchmark: benchmark) else {
        throw ProfileError(mark(.parityBaseline), "parity.baseline: \(id) has no score on '\(benchmark)'")
      }
      r.baseline = id
      r.baselineScore = score
      r.requiredScore = score * (1 - tolerance)
      r.scores[benchmark] = cache.scores(benchmark)
    case .minScores(let scores):
      for b in scores.keys.sorted() where !isKnownBenchmark(b) {
        throw ProfileError(mark(.parityMinScores), "parity.min_scores: unknown benchmark '\(b)'")
      }
      for b in scores.keys { r.scores[b] = cache.scores(b) }
    case .models(let models):
      var set = Set<String>()
      for m in models {
        guard let id = cache.canonicalModel(m) else {
          throw ProfileError(mark(.parityModels), "parity.models: unknown model '\(m)'")
        }
        set.insert(id)
      }
      r.allowList = set
    case nil: break
    }
    if let c = p.current {
      guard let id = cache.canonicalModel(c.model) else {
        throw ProfileError(mark(.currentModel), "current.model: unknown model '\(c.model)'")
      }
      r.currentModel = id
    }
    return r
  }

  /// Reasons a location is not allowed (empty = allowed).
  func locationReasons(_ l: Location, facts: RegionFacts?, _ p: Profile) -> [ExclusionReason] {
    var reasons: [ExclusionReason] = []
    let w = p.placement
    if let providers = w.providers, !providers.contains(l.provider) {
      reasons.append(.providerNotAllowed(l.provider))
    }
    let listed = w.regions?.contains(l.region)
    let inGeography = w.geographies.map { g in facts.map { g.contains($0.geography) } ?? false }
    let allowed = w.geographies?.sorted()
    switch (listed, inGeography) {
    case (false?, nil): reasons.append(.regionNotAllowed(region: l.region, geography: nil, allowedGeographies: nil))
    case (nil, false?): reasons.append(.geographyNotAllowed(region: l.region, geography: facts?.geography, allowed: allowed ?? []))
    case (false?, false?): reasons.append(.regionNotAllowed(region: l.region, geography: facts?.geography, allowedGeographies: allowed))
    default: break
    }
    if facts?.government == true, !w.government, !(w.regions?.contains(l.region) ?? false) {
      reasons.append(.governmentRegion(l.region))
    }
    if !w.scopes.contains(l.scope) { reasons.append(.scopeNotAllowed(l.scope)) }
    return reasons
  }

  /// True when `modelReasons` would be empty, without building the reasons (the ranking pass).
  func modelMeets(_ model: String, known: Bool, _ p: Profile, _ r: Resolved) -> Bool {
    guard known else { return false }
    let facts = cache.modelFacts(model)
    for c in p.needs.capabilities where facts?.capabilities[c] != true { return false }
    for m in p.needs.modalities where !(facts?.inputModalities.contains(m) ?? false) { return false }
    if let need = p.needs.minContext, facts?.maxInputTokens.map({ $0 < need }) ?? true { return false }
    if let need = p.needs.minOutputTokens, facts?.maxOutputTokens.map({ $0 < need }) ?? true { return false }
    switch r.parity {
    case .baseline(_, let benchmark, _):
      guard let score = cache.score(model: model, benchmark: benchmark, table: r.scores[benchmark]) else { return false }
      if let need = r.requiredScore, score < need { return false }
    case .minScores(let scores):
      for (b, need) in scores {
        guard let score = cache.score(model: model, benchmark: b, table: r.scores[b]), score >= need else { return false }
      }
    case .models:
      if !(r.allowList?.contains(model) ?? true) { return false }
    case nil: break
    }
    return true
  }

  /// Reasons a model does not meet the profile's needs and parity bar (empty = meets them).
  func modelReasons(_ model: String, known: Bool, _ p: Profile, _ r: Resolved) -> [ExclusionReason] {
    guard known else { return [.unknownModel(model)] }
    var reasons: [ExclusionReason] = []
    let facts = cache.modelFacts(model)
    for c in p.needs.capabilities.sorted() {
      switch facts?.capabilities[c] {
      case true?: break
      case false?: reasons.append(.missingCapability(c, stated: true))
      case nil: reasons.append(.missingCapability(c, stated: false))
      }
    }
    for m in p.needs.modalities.sorted() where !(facts?.inputModalities.contains(m) ?? false) {
      reasons.append(.missingModality(m))
    }
    if let need = p.needs.minContext {
      let have = facts?.maxInputTokens
      if have.map({ $0 < need }) ?? true { reasons.append(.contextTooSmall(have: have, need: need)) }
    }
    if let need = p.needs.minOutputTokens {
      let have = facts?.maxOutputTokens
      if have.map({ $0 < need }) ?? true { reasons.append(.outputTooSmall(have: have, need: need)) }
    }
    switch r.parity {
    case .baseline(_, let benchmark, let tolerance):
      if let score = cache.score(model: model, benchmark: benchmark, table: r.scores[benchmark]) {
        if let need = r.requiredScore, score < need {
          reasons.append(.belowParity(
            score: score, benchmark: benchmark, required: need, baseline: r.baseline,
            baselineScore: r.baselineScore, tolerance: tolerance))
        }
      } else {
        reasons.append(.noQualityScore(benchmark))
      }
    case .minScores(let scores):
      for (b, need) in scores.sorted(by: { $0.key < $1.key }) {
        if let score = cache.score(model: model, benchmark: b, table: r.scores[b]) {
          if score < need {
            reasons.append(.belowParity(score: score, benchmark: b, required: need, baseline: nil, baselineScore: nil, tolerance: nil))
          }
        } else {
          reasons.append(.noQualityScore(b))
        }
      }
    case .models:
      if !(r.allowList?.contains(model) ?? true) { reasons.append(.notInParityModels) }
    case nil: break
    }
    return reasons
  }

  /// Ranking order: cost, then provider, model, region, scope.
  static func ranked(_ a: Projection, _ b: Projection) -> Bool {
    if a.monthlyCost != b.monthlyCost { return a.monthlyCost < b.monthlyCost }
    return Offer.keyLess(a.offer, b.offer)
  }

  /// An eligible offer in the ranking pass: its index in the book.
  struct Ranked {
    var index: Int
  }

  /// One pass over the offers in the profile's currency: every eligible offer (ranked by exact
  /// cost), and the exclusions when asked. Costs are compared as scaled integers
  /// (``IntegerPricer``) when the profile and the prices fit, as `Decimal` (``FastPricer``)
  /// otherwise; both are exact, so both give the same order.
  func evaluate(_ p: Profile, _ r: Resolved, collectExcluded: Bool, keep: Int = .max) -> ([Ranked], Int, [Exclusion]) {
    if var integer = IntegerPricer(p, book: book) {
      let result = evaluate(p, r, collectExcluded: collectExcluded, keep: keep, zero: Int128(0)) { c in
        integer.cost(class: c, provider: book.classProvider[c])
      }
      if !integer.overflowed { return result }
    }
    var pricer = FastPricer(p)
    return evaluate(p, r, collectExcluded: collectExcluded, keep: keep, zero: Decimal(0)) { c in
      pricer.cost(prices: book.classPrices[c], provider: book.classProvider[c])
    }
  }

  /// The pass itself, with `price` giving a price class's cost (nil: a needed meter has no price).
  /// Residency is decided once per location and needs/parity once per model; exclusion sentences
  /// are built only when shown, cost lines only for shown offers.
  func evaluate<Cost: Comparable>(
    _ p: Profile, _ r: Resolved, collectExcluded: Bool, keep: Int, zero: Cost, price: (Int) -> Cost?
  ) -> ([Ranked], Int, [Exclusion]) {
    guard let models = book.byCurrencyModel[p.currency] else { return ([], 0, []) }
    let offers = book.offers
    let classOf = book.priceClassOf
    // Eligible offers in scan order; how many per price class (a class has one cost for this
    // profile); the classes with at least one.
    var eligibleOffers: [Int] = []
    var classCount = [Int32](repeating: 0, count: book.classPrices.count)
    var touched: [Int] = []
    var eligibleCount = 0
    // Per location: 0 not decided yet, 1 allowed, 2 not allowed (reasons kept only when shown).
    var locationState: [UInt8]
    if collectExcluded {
      locationState = [UInt8](repeating: 0, count: book.locations.count)
    } else {
      // Decided once per distinct placement (shared by the profiles of a batch).
      locationState = cache.locationMask(p.placement) {
        book.locations.indices.map { li in
          locationReasons(book.locations[li], facts: book.locationFacts[li], p).isEmpty ? 1 : 2
        }
      }
    }
    let modelOrder = book.modelOrder(currency: p.currency, knownOnly: !collectExcluded)
    // Without exclusions to show, which models meet the needs and parity is decided once per
    // distinct needs + parity (the catalogue's answers do not depend on the rest of the profile).
    let modelOK: [Bool] =
      collectExcluded
      ? []
      : cache.modelMask(.init(currency: p.currency, needs: p.needs, parity: p.parity)) {
        modelOrder.map { modelMeets($0, known: book.offers[models[$0]![0]].modelKnown, p, r) }
      }
    var locationVerdict = [[ExclusionReason]](repeating: [], count: collectExcluded ? book.locations.count : 0)
    var excluded: [Exclusion] = []
    // Per price class: 0 not priced yet, 1 priced, 2 lacks a needed price.
    var classState = [UInt8](repeating: 0, count: book.classPrices.count)
    var classCost = [Cost](repeating: zero, count: book.classPrices.count)
    for (mi, model) in modelOrder.enumerated() {
      if !collectExcluded && !modelOK[mi] { continue }
      let indices = models[model]!
      let modelWhy = collectExcluded ? modelReasons(model, known: book.offers[indices[0]].modelKnown, p, r) : []
      for i in indices {
        let li = book.locationOf[i]
        if locationState[li] == 0 {
          let why = locationReasons(book.locations[li], facts: book.locationFacts[li], p)
          locationState[li] = why.isEmpty ? 1 : 2
          if collectExcluded { locationVerdict[li] = why }
        }
        if locationState[li] == 1 && modelWhy.isEmpty {
          let c = classOf[i]
          if classState[c] == 0 {
            if let cost = price(c) {
              classCost[c] = cost
              classState[c] = 1
            } else {
              classState[c] = 2
            }
          }
          if classState[c] == 1 {
            if classCount[c] == 0 { touched.append(c) }
            classCount[c] += 1
            eligibleOffers.append(i)
            eligibleCount += 1
          } else if collectExcluded {
            let missing = Pricer.missing(p, on: book.offers[i])
            excluded.append(Exclusion(offer: book.offers[i], location: [], model: [], pricing: [.noPrice(missing)]))
          }
        } else if collectExcluded {
          let missing = Pricer.missing(p, on: book.offers[i])
          excluded.append(Exclusion(
            offer: book.offers[i], location: locationVerdict[li], model: modelWhy,
            pricing: missing.isEmpty ? [] : [.noPrice(missing)]))
        }
      }
    }
    excluded.sort {
      if $0.provider != $1.provider { return $0.provider.rawValue < $1.provider.rawValue }
      if $0.model != $1.model { return $0.model < $1.model }
      if $0.region != $1.region { return $0.region < $1.region }
      return $0.scope.rank < $1.scope.rank
    }
    // Rank the classes by cost (few decimal comparisons), then walk them cheapest first; offers of
    // equal cost are ordered by provider, model, region, scope.
    func cheaper(_ a: Int, _ b: Int) -> Bool {
      let ca = classCost[a]
      let cb = classCost[b]
      if ca != cb { return ca < cb }
      return a < b
    }
    let ranked: [Int]
    if keep == .max {
      ranked = touched.sorted(by: cheaper)
    } else {
      // Partial selection: the cheapest classes holding at least `keep` offers, plus every class
      // tied in cost with the last of them. About one decimal comparison per class.
      var best: [Int] = []
      var offersInBest = 0
      for c in touched.sorted() {
        if offersInBest >= keep, let last = best.last, classCost[c] > classCost[last] { continue }
        var i = best.count
        while i > 0 && cheaper(c, best[i - 1]) { i -= 1 }
        best.insert(c, at: i)
        offersInBest += Int(classCount[c])
        // Drop classes beyond what the first `keep` offers need, unless tied with the boundary.
        while best.count > 1 {
          let last = best[best.count - 1]
          let without = offersInBest - Int(classCount[last])
          guard without >= keep, classCost[last] != classCost[best[best.count - 2]] else { break }
          best.removeLast()
          offersInBest = without
        }
      }
      ranked = best
    }
    // The offers of the ranked classes, in scan order per class.
    var slotOf = [Int32](repeating: -1, count: book.classPrices.count)
    for (k, c) in ranked.enumerated() { slotOf[c] = Int32(k) }
    var classOffers = [[Int]](repeating: [], count: ranked.count)
    for i in eligibleOffers where slotOf[classOf[i]] >= 0 { classOffers[Int(slotOf[classOf[i]])].append(i) }
    var eligible: [Ranked] = []
    var g = 0
    while g < ranked.count && eligible.count < keep {
      var h = g
      var group: [Int] = []
      while h < ranked.count && classCost[ranked[h]] == classCost[ranked[g]] {
        group += classOffers[h]
        h += 1
      }
      group.sort { Offer.keyLess(offers[$0], offers[$1]) }
      for i in group.prefix(keep == .max ? group.count : keep - eligible.count) {
        eligible.append(Ranked(index: i))
      }
      g = h
    }
    return (eligible, eligibleCount, excluded)
  }

  /// The full line-by-line projection of a ranked offer (always priceable: it was ranked).
  func detailed(_ p: Profile, _ ranked: Ranked, memo: Pricer.Memo? = nil) -> Projection {
    try! Pricer.project(p, on: book.offers[ranked.index], detail: true, memo: memo).get()
  }

  /// Every eligible offer for a profile, cheapest first (`ratecard project`).
  public func project(_ profile: Profile, top: Int? = nil) throws -> [Projection] {
    let r = try resolve(profile)
    let all = evaluate(profile, r, collectExcluded: false, keep: top ?? .max).0
    let memo = Pricer.Memo()
    return (top.map { Array(all.prefix($0)) } ?? all).map { detailed(profile, $0, memo: memo) }
  }

  /// The `top` cheapest eligible offers line by line, and how many are eligible in all.
  public func projectTop(_ profile: Profile, top: Int) throws -> (eligible: Int, offers: [Projection]) {
    let (best, count, _) = evaluate(profile, try resolve(profile), collectExcluded: false, keep: max(0, top))
    let memo = Pricer.Memo()
    return (count, best.map { detailed(profile, $0, memo: memo) })
  }

  /// Recommendations for many profiles, evaluated in parallel, in the order given.
  public func recommendAll(_ profiles: [Profile], alternatives: Int = 3, includeExcluded: Bool = true) throws -> [Recommendation] {
    let results = ResultSlots<Recommendation>(count: profiles.count)
    DispatchQueue.concurrentPerform(iterations: profiles.count) { i in
      results.set(i, Result { try recommend(profiles[i], alternatives: alternatives, includeExcluded: includeExcluded) })
    }
    return try results.values()
  }

  /// The recommendation for one profile (`ratecard recommend`).
  public func recommend(_ profile: Profile, alternatives: Int = 3, includeExcluded: Bool = true) throws -> Recommendation {
    let r = try resolve(profile)
    let (eligible, eligibleCount, excluded) = evaluate(profile, r, collectExcluded: includeExcluded, keep: 1 + max(0, alternatives))
    var current: Projection?
    var notes: [String] = []
    let memo = Pricer.Memo()
    if let c = profile.current, let model = r.currentModel {
      let location = Location(provider: c.provider, region: c.region, scope: c.scope)
      if let offer = book.offers(model: model, currency: profile.currency).first(where: { $0.location == location }) {
        switch Pricer.project(profile, on: offer, memo: memo) {
        case .success(let p): current = p
        case .failure(let f): notes.append("current offer cannot be priced: no price for a needed meter: " + f.missing.joined(separator: ", "))
        }
        let why = locationReasons(location, facts: catalog.regionFacts(provider: c.provider, region: c.region), profile)
          + modelReasons(model, known: true, profile, r)
        if !why.isEmpty { notes.append("current offer would not be eligible: " + why.map(\.description).joined(separator: "; ")) }
      } else {
        notes.append("current offer \(c.provider.rawValue) \(model) \(c.region) \(c.scope.rawValue) not found in the \(profile.currency) rates")
      }
    }
    let best = eligible.first.map { detailed(profile, $0, memo: memo) }
    var provisioned: [ProvisionedOption] = []
    if let best, let peak = profile.peakTokensPerMinute {
      provisioned = ProvisionedSizing.options(for: best, profile: profile, peak: peak, catalog: catalog, table: throughput)
    }
    return Recommendation(
      profile: profile, recommended: best,
      alternatives: eligible.dropFirst().prefix(max(0, alternatives)).map { detailed(profile, $0, memo: memo) },
      current: current, currentNotes: notes, excluded: excluded, eligibleCount: eligibleCount,
      excludedCount: book.offerCount(currency: profile.currency) - eligibleCount,
      provisioned: provisioned)
  }
}
