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
    /// ``Profile/models`` as canonical ids (nil: every model).
    var selected: Set<String>?
    var currentModel: String?
    /// Offered models' score rows per benchmark the parity names.
    var scores: [String: [String: QualityEvidence]] = [:]
    var grouped = false
  }

  /// A benchmark is known by its exact name (case-insensitive); with `grouped`, also by the name
  /// of a variant group (`GPQA Diamond` for `GPQA Diamond [high]`).
  func isKnownBenchmark(_ name: String, grouped: Bool) -> Bool {
    cache.isKnownBenchmark((grouped ? "1" : "0") + name) { _ in
      if cache.benchmarks.contains(name.lowercased()) { return true }
      return grouped && cache.benchmarkGroups.contains(BenchmarkName.group(name).lowercased())
    }
  }

  func resolve(_ p: Profile) throws -> Resolved {
    var r = Resolved(parity: p.parity, grouped: p.groupBenchmarkVariants)
    let grouped = p.groupBenchmarkVariants
    func mark(_ key: ProfileField) -> SourceMark {
      p.marks[key] ?? p.origin ?? SourceMark(file: p.name, line: 1, column: 1)
    }
    switch p.parity {
    case .baseline(let model, let benchmark, let tolerance):
      guard let id = cache.canonicalModel(model) else {
        throw ProfileError(mark(.parityBaseline), "parity.baseline: unknown model '\(model)'")
      }
      guard isKnownBenchmark(benchmark, grouped: grouped) else {
        throw ProfileError(mark(.parityBenchmark), "parity.benchmark: unknown benchmark '\(benchmark)' (the exact text of the quality data's benchmark column, brackets included; `ratecard models -o json` lists each model's scores)")
      }
      guard let score = catalog.qualityEvidence(model: id, benchmark: benchmark, groupVariants: grouped)?.score else {
        throw ProfileError(mark(.parityBaseline), "parity.baseline: \(id) has no score on '\(benchmark)'")
      }
      r.baseline = id
      r.baselineScore = score
      r.requiredScore = score * (1 - tolerance)
      r.scores[benchmark] = cache.scores(benchmark, grouped: grouped)
    case .minScores(let scores):
      for b in scores.keys.sorted() where !isKnownBenchmark(b, grouped: grouped) {
        throw ProfileError(mark(.parityMinScores), "parity.min_scores: unknown benchmark '\(b)' (the exact text of the quality data's benchmark column, brackets included)")
      }
      for b in scores.keys { r.scores[b] = cache.scores(b, grouped: grouped) }
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
    if let models = p.models {
      r.selected = Set(try models.map { m in
        guard let id = cache.canonicalModel(m) else { throw CompareError.unknownModel(m) }
        return id
      })
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
    if let selected = r.selected, !selected.contains(model) { return false }
    let facts = cache.modelFacts(model)
    if (facts?.kind ?? "chat") != p.kind { return false }
    for c in p.needs.capabilities where facts?.capabilities[c] != true { return false }
    for m in p.needs.modalities where !(facts?.inputModalities.contains(m) ?? false) { return false }
    if let need = p.needs.minContext, facts?.maxInputTokens.map({ $0 < need }) ?? true { return false }
    if let need = p.needs.minOutputTokens, facts?.maxOutputTokens.map({ $0 < need }) ?? true { return false }
    switch r.parity {
    case .baseline(_, let benchmark, _):
      guard let score = cache.score(model: model, benchmark: benchmark, grouped: r.grouped, table: r.scores[benchmark])?.score
      else { return false }
      if let need = r.requiredScore, score < need { return false }
    case .minScores(let scores):
      for (b, need) in scores {
        guard let score = cache.score(model: model, benchmark: b, grouped: r.grouped, table: r.scores[b])?.score, score >= need
        else { return false }
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
    if let selected = r.selected, !selected.contains(model) { reasons.append(.notSelected(selected.sorted())) }
    let facts = cache.modelFacts(model)
    let kind = facts?.kind ?? "chat"
    if kind != p.kind { reasons.append(.wrongKind(have: kind, need: p.kind)) }
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
      if let score = cache.score(model: model, benchmark: benchmark, grouped: r.grouped, table: r.scores[benchmark])?.score {
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
        if let score = cache.score(model: model, benchmark: b, grouped: r.grouped, table: r.scores[b])?.score {
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

  /// The evidence that `model` meets the parity bar (empty without parity).
  func parityEvidence(_ model: String, _ p: Profile, _ r: Resolved) -> [ParityEvidence] {
    switch r.parity {
    case .baseline(_, let benchmark, let tolerance):
      return [ParityEvidence(
        rule: "baseline", benchmark: benchmark,
        score: cache.score(model: model, benchmark: benchmark, grouped: r.grouped, table: r.scores[benchmark]),
        required: r.requiredScore, baseline: r.baseline, baselineScore: r.baselineScore, tolerance: tolerance)]
    case .minScores(let scores):
      return scores.sorted { $0.key < $1.key }.map { b, need in
        ParityEvidence(
          rule: "min_scores", benchmark: b,
          score: cache.score(model: model, benchmark: b, grouped: r.grouped, table: r.scores[b]), required: need)
      }
    case .models:
      return [ParityEvidence(rule: "models")]
    case nil:
      return []
    }
  }

  /// Ranking order: cost, then provider, model, region, scope.
  static func ranked(_ a: Projection, _ b: Projection) -> Bool {
    if a.monthlyCost != b.monthlyCost { return a.monthlyCost < b.monthlyCost }
    return Offer.keyLess(a.offer, b.offer)
  }

  /// One choice of the ranking: an eligible offer (its index in the book) and the other offers of
  /// the same provider, model, scope and endpoint at the same cost in other regions (collapsed
  /// into one row for `recommend`; always empty for `project`).
  struct Ranked {
    var index: Int
    var others: [Int] = []
  }

  /// How the ranking pass treats offers.
  struct PassOptions {
    var collectExcluded = false
    /// At most this many choices.
    var keep = Int.max
    /// False: an offer priced partly by fallback is excluded (`--no-fallback`).
    var allowFallback = true
    /// Collapse one model at one cost in many regions into one choice.
    var collapseRegions = false
  }

  /// A price class's verdict in the ranking pass.
  enum ClassPrice {
    case cost(ExactValue)
    case missing
    /// Priced only by a fallback, and fallbacks are not allowed.
    case byFallback
  }

  /// One pass over the offers in the profile's currency: the eligible choices (ranked by exact
  /// cost, ``Pricer/total(_:provider:)`` once per price class), how many offers are eligible, and
  /// the exclusions when asked.
  func evaluate(_ p: Profile, _ r: Resolved, pricer: inout Pricer, _ options: PassOptions) throws
    -> ([Ranked], Int, [Exclusion])
  {
    var inexact = false
    let allowFallback = options.allowFallback
    let result = book.classExactPrices.withUnsafeBufferPointer { prices in
      evaluate(p, r, options) { c -> ClassPrice in
        let slots = UnsafeBufferPointer(rebasing: prices[c * Slot.count..<(c + 1) * Slot.count])
        switch pricer.total(slots, provider: book.classProvider[c]) {
        case .priced(let cost, let fallback): return fallback && !allowFallback ? .byFallback : .cost(cost)
        case .missing: return .missing
        case .inexact:
          inexact = true
          return .missing
        }
      }
    }
    if inexact { throw Pricer.inexact(p, "requests_per_month") }
    // Exclusions for fallbacks name them: the offer is priced line by line (only when shown).
    var (ranked, count, excluded) = result
    if options.collectExcluded && !allowFallback {
      for k in excluded.indices where excluded[k].pricingReasons == [.pricedByFallback([])] {
        let offer = book.offers(model: excluded[k].model, currency: p.currency).first {
          $0.location == excluded[k].location && $0.endpoint == excluded[k].endpoint
        }
        if let offer, case .success(let pr) = try pricer.project(offer) {
          excluded[k].pricingReasons = [.pricedByFallback(pr.fallbacks)]
        }
      }
    }
    return (ranked, count, excluded)
  }

  /// Position of a region in the profile's preferences (home first), `Int.max` when not named.
  static func preference(_ region: String, _ p: Profile) -> Int {
    p.preferredRegions.firstIndex(of: region) ?? .max
  }

  /// The pass itself, with `price` giving a price class's cost (nil: a needed meter has no price).
  /// Residency is decided once per location and needs/parity once per model; exclusion sentences
  /// are built only when shown, cost lines only for shown offers.
  func evaluate(
    _ p: Profile, _ r: Resolved, _ options: PassOptions, price: (Int) -> ClassPrice
  ) -> ([Ranked], Int, [Exclusion]) {
    let collectExcluded = options.collectExcluded
    // Collapsing regions: the partial selection counts price classes, not offers (a class's
    // offers at one cost are mostly one choice), twice as many for classes that collapse together.
    let keep = options.collapseRegions && options.keep != .max ? options.keep * 2 : options.keep
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
      : cache.modelMask(.init(
        currency: p.currency, needs: p.needs, parity: p.parity, models: r.selected, kind: p.kind,
        groupVariants: p.groupBenchmarkVariants)) {
        modelOrder.map { modelMeets($0, known: book.offers[models[$0]![0]].modelKnown, p, r) }
      }
    var locationVerdict = [[ExclusionReason]](repeating: [], count: collectExcluded ? book.locations.count : 0)
    var excluded: [Exclusion] = []
    // The offer of each exclusion.
    var excludedOffers: [Int] = []
    // Per price class: 0 not priced yet, 1 priced, 2 lacks a needed price, 3 priced by fallback
    // (not allowed).
    var classState = [UInt8](repeating: 0, count: book.classPrices.count)
    var classCost = [ExactValue](repeating: .zero, count: book.classPrices.count)
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
            switch price(c) {
            case .cost(let cost):
              classCost[c] = cost
              classState[c] = 1
            case .missing: classState[c] = 2
            case .byFallback: classState[c] = 3
            }
          }
          if classState[c] == 1 {
            if classCount[c] == 0 { touched.append(c) }
            classCount[c] += 1
            eligibleOffers.append(i)
            eligibleCount += 1
          } else if collectExcluded {
            let reason: ExclusionReason =
              classState[c] == 3 ? .pricedByFallback([]) : .noPrice(Pricer.missing(p, on: book.offers[i]))
            excluded.append(Exclusion(offer: book.offers[i], location: [], model: [], pricing: [reason]))
            excludedOffers.append(i)
          }
        } else if collectExcluded {
          let missing = Pricer.missing(p, on: book.offers[i])
          excluded.append(Exclusion(
            offer: book.offers[i], location: locationVerdict[li], model: modelWhy,
            pricing: missing.isEmpty ? [] : [.noPrice(missing)]))
          excludedOffers.append(i)
        }
      }
    }
    // Listed by provider, model, region, scope, then book order (the offers' listing ranks).
    if excluded.count > 1 {
      var byRank = [Int32](repeating: -1, count: offers.count)
      for (k, i) in excludedOffers.enumerated() { byRank[Int(book.listingRank[i])] = Int32(k) }
      var listed: [Exclusion] = []
      listed.reserveCapacity(excluded.count)
      for k in byRank where k >= 0 { listed.append(excluded[Int(k)]) }
      excluded = listed
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
        offersInBest += options.collapseRegions ? 1 : Int(classCount[c])
        // Drop classes beyond what the first `keep` offers need, unless tied with the boundary.
        while best.count > 1 {
          let last = best[best.count - 1]
          let without = offersInBest - (options.collapseRegions ? 1 : Int(classCount[last]))
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
    // Offers of equal cost: the profile's preferred regions first, then provider, model, region,
    // scope, endpoint; collapsed into choices (one row per provider, model, scope and endpoint).
    let choices = options.keep
    var eligible: [Ranked] = []
    var g = 0
    while g < ranked.count && eligible.count < choices {
      var h = g
      var group: [Int] = []
      while h < ranked.count && classCost[ranked[h]] == classCost[ranked[g]] {
        group += classOffers[h]
        h += 1
      }
      group.sort {
        let (a, b) = (offers[$0], offers[$1])
        let (pa, pb) = (Self.preference(a.region, p), Self.preference(b.region, p))
        if pa != pb { return pa < pb }
        return Offer.keyLess(a, b)
      }
      if options.collapseRegions {
        struct Choice: Hashable {
          var provider: Provider
          var model: String
          var scope: Scope
          var endpoint: String
        }
        var keys: [Choice] = []
        var block: [Ranked] = []
        for i in group {
          let o = offers[i]
          let key = Choice(provider: o.provider, model: o.model, scope: o.scope, endpoint: o.endpoint)
          if let k = keys.firstIndex(of: key) {
            block[k].others.append(i)
          } else {
            keys.append(key)
            block.append(Ranked(index: i))
          }
        }
        eligible += block.prefix(choices - eligible.count)
      } else {
        for i in group.prefix(choices == .max ? group.count : choices - eligible.count) {
          eligible.append(Ranked(index: i))
        }
      }
      g = h
    }
    return (eligible, eligibleCount, excluded)
  }

  /// The full line-by-line projection of a ranked choice (priceable: it was ranked), with the
  /// other regions of the choice.
  func detailed(_ pricer: inout Pricer, _ ranked: Ranked) throws -> Projection {
    let c = book.priceClassOf[ranked.index]
    var projection = try book.classExactPrices.withUnsafeBufferPointer { prices in
      try pricer.project(
        book.offers[ranked.index], prices: UnsafeBufferPointer(rebasing: prices[c * Slot.count..<(c + 1) * Slot.count])
      ).get()
    }
    projection.otherRegions = ranked.others.map { book.offers[$0].region }
    return projection
  }

  /// Every eligible offer for a profile, cheapest first (`ratecard project`).
  public func project(_ profile: Profile, top: Int? = nil, allowFallback: Bool = true) throws -> [Projection] {
    try projectTop(profile, top: top ?? .max, allowFallback: allowFallback).offers
  }

  /// The `top` cheapest eligible offers line by line, how many are eligible in all, and the
  /// current deployment priced the same way (with notes when it cannot be, or would not be eligible).
  public func projectTop(_ profile: Profile, top: Int, allowFallback: Bool = true) throws -> (
    eligible: Int, offers: [Projection], current: Projection?, currentNotes: [String]
  ) {
    let r = try resolve(profile)
    var pricer = try Pricer(profile)
    var options = PassOptions()
    options.keep = max(0, top)
    options.allowFallback = allowFallback
    let (best, count, _) = try evaluate(profile, r, pricer: &pricer, options)
    let (current, notes) = try priceCurrent(profile, r, &pricer)
    return (count, try best.map { try detailed(&pricer, $0) }, current, notes)
  }

  /// The profile's current deployment priced the same way, and notes when it cannot be priced,
  /// would not be eligible, or is sold by several endpoint families there.
  func priceCurrent(_ profile: Profile, _ r: Resolved, _ pricer: inout Pricer) throws -> (Projection?, [String]) {
    guard let c = profile.current, let model = r.currentModel else { return (nil, []) }
    var notes: [String] = []
    var current: Projection?
    let location = Location(provider: c.provider, region: c.region, scope: c.scope)
    let here = book.offers(model: model, currency: profile.currency).filter { $0.location == location }
      .sorted(by: Offer.keyLess)
    guard let offer = here.first else {
      return (nil, ["current offer \(c.provider.rawValue) \(model) \(c.region) \(c.scope.rawValue) not found in the \(profile.currency) rates"])
    }
    if here.count > 1 {
      notes.append("current offer priced on the \(offer.endpoint) endpoint; also sold here on: " + here.dropFirst().map(\.endpoint).joined(separator: ", "))
    }
    switch try pricer.project(offer) {
    case .success(let p):
      current = p
      current?.parity = parityEvidence(model, profile, r)
    case .failure(let f): notes.append("current offer cannot be priced: no price for a needed meter: " + f.missing.joined(separator: ", "))
    }
    let why = locationReasons(location, facts: catalog.regionFacts(provider: c.provider, region: c.region), profile)
      + modelReasons(model, known: true, profile, r)
    if !why.isEmpty { notes.append("current offer would not be eligible: " + why.map(\.description).joined(separator: "; ")) }
    return (current, notes)
  }

  /// Recommendations for many profiles, evaluated in parallel, in the order given.
  public func recommendAll(
    _ profiles: [Profile], alternatives: Int = 3, includeExcluded: Bool = true, allowFallback: Bool = true
  ) throws -> [Recommendation] {
    let results = ResultSlots<Recommendation>(count: profiles.count)
    DispatchQueue.concurrentPerform(iterations: profiles.count) { i in
      results.set(i, Result {
        try recommend(profiles[i], alternatives: alternatives, includeExcluded: includeExcluded, allowFallback: allowFallback)
      })
    }
    return try results.values()
  }

  /// The recommendation for one profile (`ratecard recommend`): choices collapse one model at one
  /// cost in many regions into one row.
  public func recommend(
    _ profile: Profile, alternatives: Int = 3, includeExcluded: Bool = true, allowFallback: Bool = true
  ) throws -> Recommendation {
    let r = try resolve(profile)
    var pricer = try Pricer(profile)
    var options = PassOptions()
    options.collectExcluded = includeExcluded
    options.keep = 1 + max(0, alternatives)
    options.allowFallback = allowFallback
    options.collapseRegions = true
    let (eligible, eligibleCount, excluded) = try evaluate(profile, r, pricer: &pricer, options)
    let (current, notes) = try priceCurrent(profile, r, &pricer)
    func withEvidence(_ projection: Projection) -> Projection {
      var out = projection
      out.parity = parityEvidence(projection.offer.model, profile, r)
      return out
    }
    let best = try eligible.first.map { withEvidence(try detailed(&pricer, $0)) }
    var provisioned: [ProvisionedOption] = []
    var provisionedNote: String?
    if let best, let peak = profile.peakTokensPerMinute {
      (provisioned, provisionedNote) = ProvisionedSizing.sizing(
        for: best, profile: profile, peak: peak, catalog: catalog, table: throughput)
    }
    return Recommendation(
      profile: profile, recommended: best,
      alternatives: try eligible.dropFirst().prefix(max(0, alternatives)).map { withEvidence(try detailed(&pricer, $0)) },
      current: current, currentNotes: notes, excluded: excluded, eligibleCount: eligibleCount,
      excludedCount: book.offerCount(currency: profile.currency) - eligibleCount,
      provisioned: provisioned, provisionedNote: provisionedNote)
  }
}
