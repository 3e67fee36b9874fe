import ArgumentParser
import CostEngine
import Foundation
import RateStore
import RatecardKit
import Reports

/// Options shared by the engine commands: the snapshot, the catalogue, the store, the output.
struct EngineOptions: ParsableArguments {
  @Option(name: .customLong("as-of"), help: "Price against rates as of a date (YYYY-MM-DD, end of that day) or an import run id.")
  var asOf: String?
  @Option(name: .customLong("throughput"), help: "Provisioned-throughput table (default: the built-in data/provisioned-throughput.yaml).")
  var throughput: String?
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func engine() throws -> WorkloadEngine { try loadEngine().engine }

  /// The engine and how its rates were loaded (the engine cache at the current snapshot).
  func loadEngine() throws -> (engine: WorkloadEngine, path: EngineLoader.Path) {
    let loaded = try startEngine(background: BackgroundValue<Void>.serialQueue()).finish()
    return (loaded.engine, loaded.path)
  }

  /// ``EngineLoader/start(path:busyTimeout:catalogFiles:snapshot:throughputPath:environment:background:)``
  /// with these options.
  func startEngine(background: DispatchQueue) throws -> EngineLoader.Pending {
    let snapshot = try asOf.map(Snapshot.parse) ?? .current
    return try EngineLoader.start(
      path: RatecardPaths.database(store.db), busyTimeout: store.wait, catalogFiles: store.catalog,
      snapshot: snapshot, throughputPath: throughput, background: background)
  }

  /// The profiles in `paths` and the engine: the profiles are parsed on the engine loader's second
  /// thread behind the catalogue while this thread opens the store and reads the rates. A profile
  /// error is reported before an engine error, as when done in turn.
  func loadProfilesAndEngine(_ paths: [String]) throws -> (
    profiles: [Profile], engine: WorkloadEngine, path: EngineLoader.Path
  ) {
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
    return (try profiles.value(), loaded.engine, loaded.path)
  }
}

/// Reads every profile from the files given.
func loadProfiles(_ paths: [String]) throws -> [Profile] {
  let parser = ProfileParser()
  return try paths.flatMap { try parser.parseFile($0) }
}

struct ProjectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "project",
    abstract: "Monthly cost of each profile on every eligible offer, line by line, with a forecast.",
    discussion: "Amounts are exact in JSON and CSV; tables round to cents, half away from zero. See docs/profiles.md and docs/engine.md.")

  @Argument(help: "Profile YAML files (one or many profiles each).") var profiles: [String]
  @Option(help: "Forecast this many months with the profile's growth_per_month.") var months: Int = 1
  @Option(help: "Show at most this many offers per profile.") var top: Int = 10
  @Flag(name: .customLong("no-fallback"), help: "Rank only fully priced offers: leave out those priced partly by a fallback (no batch, cache or long-context price).")
  var noFallback = false
  @OptionGroup var options: EngineOptions

  func validate() throws {
    guard months >= 1, months <= 120 else { throw ValidationError("--months must be between 1 and 120") }
    guard top >= 1 else { throw ValidationError("--top must be at least 1") }
  }

  func run() throws {
    try guarded {
      let (list, engine, _) = try options.loadProfilesAndEngine(profiles)
      let items = try list.map { p -> EngineViews.ProjectionItem in
        let result = try engine.projectTop(p, top: top, allowFallback: !noFallback)
        return EngineViews.ProjectionItem(
          profile: p, eligible: result.eligible, offers: result.offers, current: result.current,
          currentNotes: result.currentNotes)
      }
      try options.output.print(EngineViews.projections(items, months: months, format: options.output.o))
      ProcessLifetime.keep(engine, items)
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
  @Flag(name: .customLong("no-fallback"), help: "Rank only fully priced offers: leave out those priced partly by a fallback (no batch, cache or long-context price).")
  var noFallback = false
  @Option(name: [.customLong("explain"), .customLong("why")], help: "Say why this model (canonical id or alias) was or was not chosen: each of its offers, excluded with the reasons or eligible with its cost against the recommendation.")
  var explain: String?
  @OptionGroup var options: EngineOptions

  func run() throws {
    try guarded {
      var clock = PhaseClock()
      let (list, engine, path) = try options.loadProfilesAndEngine(profiles)
      clock.lap("load_s")
      if let explain, engine.catalog.canonicalModel(explain) == nil {
        throw ValidationError("--explain: unknown model '\(explain)': give a canonical id or an alias from the catalogue")
      }
      var recs = try engine.recommendAll(list, alternatives: top, includeExcluded: excluded, allowFallback: !noFallback)
      if let explain {
        for k in recs.indices {
          recs[k].explanation = try engine.explain(list[k], model: explain, recommendation: recs[k], allowFallback: !noFallback)
        }
      }
      clock.lap("evaluate_s")
      try options.output.print(EngineViews.recommendations(recs, format: options.output.o))
      clock.lap("output_s")
      let pairs = recs.reduce(0) { $0 + $1.eligibleCount + $1.excludedCount }
      clock.finish(extra: "rates=\(path) profiles=\(list.count) pairs=\(pairs) threads=\(ProcessInfo.processInfo.activeProcessorCount)")
      ProcessLifetime.keep(engine, recs)
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
  @OptionGroup var options: EngineOptions

  func run() throws {
    try guarded {
      let p = try profile.map { path -> Profile in
        guard let first = try loadProfiles([path]).first else { throw ValidationError("\(path): no profile in the file") }
        return first
      }
      let engine = try options.engine()
      let c = try engine.compare(model: model, geography: geography, profile: p)
      try options.output.print(EngineViews.comparison(c, format: options.output.o))
    }
  }
}
