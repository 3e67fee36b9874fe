import ArgumentParser
import Catalog
import CostEngine
import Pricing
import Foundation
import RateStore
import RatecardKit
import Reports

/// Options shared by the engine commands: the snapshot, the catalogue, the store, the output.
struct EngineOptions: ParsableArguments {
  @OptionGroup var asOf: AsOfOptions
  @Option(name: .customLong("throughput"), help: "Provisioned-throughput table (default: the built-in data/provisioned-throughput.yaml).")
  var throughput: String?
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  /// The engine, its catalogue and the store it was read from; a store without rates is an error.
  func engine() throws -> (engine: WorkloadEngine, catalog: ModelCatalog, store: RateStore) {
    let loaded = try startEngine(background: BackgroundValue<Void>.serialQueue()).finish()
    try requireRates(loaded.engine)
    ProcessLifetime.keepOpenUnlessWritten(loaded.store, path: loaded.path)
    return (loaded.engine, loaded.catalog, loaded.store)
  }

  /// ``EngineLoader/start(path:busyTimeout:catalogFiles:snapshot:throughputPath:environment:background:)``
  /// with these options; the database must exist.
  func startEngine(background: DispatchQueue) throws -> EngineLoader.Pending {
    let path = try store.existingPath()
    let snapshot = asOf.asOf == nil ? .current : try asOf.snapshot(RateStore(path: path, busyTimeout: store.wait))
    return try EngineLoader.start(
      path: path, busyTimeout: store.wait, catalogFiles: store.catalog,
      snapshot: snapshot, throughputPath: throughput, background: background)
  }

  /// A store (at the snapshot) without a rate cannot answer.
  func requireRates(_ engine: WorkloadEngine) throws {
    guard engine.book.offers.isEmpty else { return }
    if let asOf = asOf.asOf { throw ArgumentError.invalid("no rates in effect at --as-of \(asOf)") }
    throw ArgumentError.noRatesImported(path: store.path)
  }

  /// The profiles in `paths` and the engine: the profiles are parsed on the engine loader's second
  /// thread behind the catalogue while this thread opens the store and reads the rates. Errors
  /// come in a user's order: a profile that does not parse, then one the catalogue refuses, then
  /// a missing database or a store without rates, then what the profiles name that the store
  /// lacks (a region, a currency).
  func loadProfilesAndEngine(_ paths: [String]) throws -> (
    profiles: [Profile], engine: WorkloadEngine, path: EngineLoader.Path, catalog: ModelCatalog
  ) {
    guard FileManager.default.fileExists(atPath: store.path) else {
      let profiles = try loadProfiles(paths)
      try checkAgainstCatalogue(profiles, WorkloadEngine(rates: [], catalog: CatalogLoader.load(explicit: store.catalog)))
      throw ArgumentError.noDatabase(path: store.path)
    }
    let background = BackgroundValue<Void>.serialQueue()
    let pending: EngineLoader.Pending
    do {
      pending = try startEngine(background: background)
    } catch {
      _ = try loadProfiles(paths)
      throw error
    }
    let profiles = BackgroundValue(on: background) { try loadProfiles(paths) }
    let loaded = try profiles.errorFirst { try pending.finish() }
    let list = try profiles.value()
    if loaded.engine.book.offers.isEmpty { try checkAgainstCatalogue(list, loaded.engine) }
    try requireRates(loaded.engine)
    try ArgumentChecks(store: loaded.store, catalog: loaded.catalog)
      .profiles(list, hasRates: { loaded.engine.book.offerCount(currency: $0) > 0 })
    ProcessLifetime.keepOpenUnlessWritten(loaded.store, path: loaded.path)
    return (list, loaded.engine, loaded.path, loaded.catalog)
  }

  /// The catalogue's errors in the profiles (an unknown model or benchmark), from an engine without
  /// offers to price.
  func checkAgainstCatalogue(_ profiles: [Profile], _ engine: WorkloadEngine) throws {
    _ = try engine.recommendAll(profiles, alternatives: 0, includeExcluded: false)
  }
}

/// `--provider`, `--model` and `--no-fallback` of `project` and `recommend`: eligibility rules the
/// engine applies before ranking (only those offers compete), not a filter on the printed rows, so
/// the cheapest row, the alternatives and the saving are those of the allowed set.
struct EligibilityOptions: ParsableArguments {
  @Option(help: "Only offers of this provider (repeatable; narrows each profile's where.providers).")
  var provider: [Provider] = []
  @Option(help: ArgumentHelp(
    "Only offers of this model: a canonical id or an alias (repeatable).",
    discussion: "The ranking, the top offers and the alternatives come from these models only; parity and needs still apply to them (--explain MODEL says why one is excluded). The current deployment is priced whatever its model, as the saving's baseline. A profile left without an eligible offer is an error (exit 64) after the answer is printed."))
  var model: [String] = []
  @Flag(name: .customLong("no-fallback"), help: "Rank only fully priced offers: leave out those priced partly by a fallback (no batch, cache or long-context price).")
  var noFallback = false

  /// The profiles in `paths` with these rules applied, and the engine
  /// (``EngineOptions/loadProfilesAndEngine(_:)``).
  func load(_ paths: [String], _ options: EngineOptions) throws -> (
    profiles: [Profile], engine: WorkloadEngine, path: EngineLoader.Path
  ) {
    let (loaded, engine, path, catalog) = try options.loadProfilesAndEngine(paths)
    return (try apply(loaded, catalog: catalog), engine, path)
  }

  /// The profiles with their providers narrowed (a profile left with none lists every offer as
  /// excluded, with the reason) and their models restricted to `--model` (canonical ids; an
  /// unknown model is an error naming the closest one).
  func apply(_ profiles: [Profile], catalog: ModelCatalog) throws -> [Profile] {
    let checks = ArgumentChecks(catalog: catalog, openStore: { nil })
    let selected = try model.map { m -> String in
      guard let id = catalog.canonicalModel(m) else { throw checks.unknownModel(m) }
      return id
    }
    guard !provider.isEmpty || !selected.isEmpty else { return profiles }
    return profiles.map { p in
      var p = p
      if !provider.isEmpty {
        p.placement.providers = (p.placement.providers ?? Set(Provider.allCases)).intersection(provider)
      }
      if !selected.isEmpty { p.models = Set(selected) }
      return p
    }
  }

  /// With `--model`, throws for the profiles the selection leaves without an eligible offer
  /// (`eligible[k]` offers for `profiles[k]`; called after the answer is printed): for each
  /// selected model, how many of its offers were excluded for which reason.
  func requireOffers(_ profiles: [Profile], eligible: [Int], engine: WorkloadEngine) throws {
    guard !model.isEmpty else { return }
    var lines: [String] = []
    for (p, count) in zip(profiles, eligible) where count == 0 {
      let why = try (p.models ?? []).sorted().map { try engine.exclusionSummary(p, model: $0, allowFallback: !noFallback) }
      lines.append("--model \(model.joined(separator: ", ")) leaves profile '\(p.name)' no eligible offer: " + why.joined(separator: "; "))
    }
    if !lines.isEmpty { throw ArgumentError.invalid(lines.joined(separator: "\n")) }
  }
}

/// Reads every profile from the files given (a name used twice, in one file or two, is an error).
func loadProfiles(_ paths: [String]) throws -> [Profile] {
  try ProfileParser().parseFiles(paths)
}

struct ProjectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "project",
    abstract: "Monthly cost of each profile on every eligible offer, line by line, with a forecast.",
    discussion: "Amounts are exact in JSON and CSV; tables round to cents, half away from zero. See docs/profiles.md and docs/engine.md.")

  @Argument(help: "Profile YAML files (one or many profiles each).") var profiles: [String]
  @OptionGroup var forecast: ForecastOptions
  @Option(help: "Show at most this many offers per profile.") var top: Int = 10
  @OptionGroup var eligibility: EligibilityOptions
  @OptionGroup var options: EngineOptions

  func validate() throws {
    guard top >= 1 else { throw ValidationError("--top must be at least 1") }
  }

  func run() throws {
    try guarded {
      let (list, engine, _) = try eligibility.load(profiles, options)
      let items = try list.map { p -> EngineViews.ProjectionItem in
        let result = try engine.projectTop(p, top: top, allowFallback: !eligibility.noFallback)
        return EngineViews.ProjectionItem(
          profile: p, eligible: result.eligible, offers: result.offers, current: result.current,
          currentNotes: result.currentNotes)
      }
      try options.output.print(EngineViews.projections(items, months: forecast.months, start: forecast.first, format: options.output.o))
      ProcessLifetime.keep(engine, items)
      try eligibility.requireOffers(list, eligible: items.map(\.eligible), engine: engine)
    }
  }
}

struct RecommendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recommend",
    abstract: "The cheapest offer meeting parity, needs and residency; the next ones; the saving against current; every exclusion.",
    discussion: "Ties: monthly cost, then provider, model, region, scope. See docs/engine.md.")

  @Argument(help: "Profile YAML files (one or many profiles each).") var profiles: [String]
  @Option(help: "Number of alternatives after the recommendation.") var top: Int = 3
  @Flag(inversion: .prefixedNo, help: "List every excluded candidate with its reasons (--no-excluded for large batches: counts only).")
  var excluded = true
  @Option(name: [.customLong("explain"), .customLong("why")], help: "Say why this model (canonical id or alias) was or was not chosen: each of its offers, excluded with the reasons or eligible with its cost against the recommendation.")
  var explain: String?
  @OptionGroup var eligibility: EligibilityOptions
  @OptionGroup var options: EngineOptions

  func run() throws {
    try guarded {
      var clock = PhaseClock()
      let (list, engine, path) = try eligibility.load(profiles, options)
      let allowFallback = !eligibility.noFallback
      clock.lap("load_s")
      if let explain, engine.catalog.canonicalModel(explain) == nil {
        throw ValidationError("--explain: unknown model '\(explain)': give a canonical id or an alias from the catalogue")
      }
      var recs = try engine.recommendAll(list, alternatives: top, includeExcluded: excluded, allowFallback: allowFallback)
      if let explain {
        for k in recs.indices {
          recs[k].explanation = try engine.explain(list[k], model: explain, recommendation: recs[k], allowFallback: allowFallback)
        }
      }
      clock.lap("evaluate_s")
      let report = EngineViews.recommendations(recs, format: options.output.o)
      try options.output.print(report)
      if options.output.o == .table {
        for line in RecommendationRollUp.lines(recs) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
      }
      clock.lap("output_s")
      let pairs = recs.reduce(0) { $0 + $1.eligibleCount + $1.excludedCount }
      clock.finish(extra: "rates=\(path) profiles=\(list.count) pairs=\(pairs) threads=\(ProcessInfo.processInfo.activeProcessorCount)")
      ProcessLifetime.keep(engine, recs, report, list)
      try eligibility.requireOffers(list, eligible: recs.map(\.eligibleCount), engine: engine)
    }
  }
}

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "One model across providers, regions and scopes: premium, parity or undercut in %.",
    discussion: "Without --profile, a standard mix of 3M input + 1M output tokens a month at the standard tier.")

  @Argument(help: "Canonical model id or any alias.") var model: String
  @Option(help: "Only regions in this geography (us, eu, apac, ...).") var geography: String?
  @Option(help: "Price with this profile's token mix (the first profile in the file).") var profile: String?
  @Option(help: "Show only this provider's rows (repeatable; percentages stay against every offer).") var provider: [Provider] = []
  @Option(help: "Show only these regions' rows (repeatable; percentages stay against every offer).") var region: [String] = []
  @Option(help: "Show only these scopes' rows (repeatable; percentages stay against every offer).") var scope: [Scope] = []
  @Option(help: "Price in this currency (default: the profile's, else USD).") var currency: String?
  @OptionGroup var options: EngineOptions

  func run() throws {
    try guarded {
      var p = try profile.map { path -> Profile in try loadProfiles([path])[0] }
      let (engine, catalog, store) = try options.engine()
      let check = ArgumentChecks(store: store, catalog: catalog)
      guard catalog.canonicalModel(model) != nil else { throw check.unknownModel(model) }
      let geography = try self.geography.map(check.geography)
      try check.regions(region)
      if let currency = try check.currencies(currency.map { [$0] } ?? []).first {
        p = p ?? WorkloadEngine.standardMix(currency: currency)
        p?.currency = currency
      }
      if let p { try check.profiles([p], hasRates: { engine.book.offerCount(currency: $0) > 0 }) }
      var c = try engine.compare(model: model, geography: geography, profile: p)
      let regions = Set(region.map { $0.lowercased() })
      c.rows.removeAll { row in
        let o = row.projection.offer
        return (!provider.isEmpty && !provider.contains(o.provider)) || (!regions.isEmpty && !regions.contains(o.region))
          || (!scope.isEmpty && !scope.contains(o.scope))
      }
      try options.output.print(EngineViews.comparison(c, format: options.output.o))
    }
  }
}
