import ArgumentParser
import Catalog
import CostEngine
import Foundation
import Pricing
import RateStore
import RatecardKit
import Usage

extension UsageFormat: ExpressibleByArgument {}
extension UsageGrouping: ExpressibleByArgument {}
extension UsageCategory: ExpressibleByArgument {}

/// Runs `body` like ``guarded(_:)``; a bad usage export exits 65 (docs/operations.md).
func usageGuarded(_ body: () throws -> Void) throws {
  try guarded {
    do {
      try body()
    } catch let error as UsageError {
      FileHandle.standardError.write(Data("Error: \(error.errorDescription ?? "\(error)")\n".utf8))
      throw ExitCode(ExitStatus.dataError.rawValue)
    }
  }
}

/// Filters shared by `usage` and `usage unmatched`.
struct UsageFilterOptions: StoreFilterOptions {
  @Option(help: "Billing month, YYYY-MM (repeatable).") var month: [String] = []
  @Option(help: "aws or azure (repeatable).") var provider: [Provider] = []
  @Option(help: "Canonical model id, or a usage type / meter name / SKU as the export gives it (repeatable).")
  var model: [String] = []
  @Option(help: "Region code (repeatable).") var region: [String] = []
  @Option(help: "standard, batch, ... (repeatable).") var tier: [Tier] = []
  @Option(help: "regional, geo, datazone or global (repeatable).") var scope: [Scope] = []
  @Option(help: "A tag KEY=VALUE (repeatable; all must hold). `app` also matches the app tag's other spellings.")
  var tag: [String] = []
  @Option(help: "Only usage from exports of this format (repeatable): \(UsageFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var source: [UsageFormat] = []

  /// The filter, each `--model` also matched through the catalogue (``StoreOptions/open(filtering:)``).
  func filter(_ store: RateStore, _ catalog: ModelCatalog) throws -> UsageFilter {
    try filter { catalog.canonicalModel($0) }
  }

  func filter(resolve: (String) -> String?) throws -> UsageFilter {
    var f = UsageFilter()
    for m in month {
      guard m.count == 7, UsageFilter.isMonth(m) else { throw ValidationError("--month '\(m)' is not YYYY-MM") }
    }
    f.months = month
    f.providers = provider
    f.models = Array(Set(model + model.compactMap(resolve))).sorted()
    f.regions = region
    f.tiers = tier
    f.scopes = scope
    f.formats = source
    f.tags = try tag.map {
      guard let t = UsageFilter.tag($0) else { throw ValidationError("--tag '\($0)' is not KEY=VALUE") }
      return t
    }
    return f
  }

  /// The store and catalogue `options` open (``StoreOptions/open(filtering:)``), with the token
  /// usage these filters select.
  func tokenUsage(_ options: StoreOptions) throws -> (store: RateStore, catalog: ModelCatalog, rows: [UsageRecord]) {
    var (store, catalog, filter) = try options.open(filtering: self)
    filter.categories = [.token]
    return (store, catalog, try store.usage(filter))
  }
}

struct UsageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "usage",
    abstract: "Actual usage from the clouds' exports, matched to the stored rates (docs/usage.md).",
    subcommands: [UsageListCommand.self, UsageImportCommand.self, UsageUnmatchedCommand.self, UsageProfileCommand.self],
    defaultSubcommand: UsageListCommand.self)
}

struct UsageImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import usage exports: AWS CUR 2.0 or FOCUS 1.2, Azure cost details (EA, MCA) or FocusCost, Bedrock invocation logs.",
    discussion: """
      Plain or gzip; the format is detected from the content. One command is one transaction: \
      every file lands or none does. The same file again is 'unchanged'; a re-export of a \
      source's month replaces that month's lines. Exit codes: 0 ok, 65 bad input, 75 database busy.
      """)

  @Argument(help: "Usage export files.") var files: [String]
  @Option(
    name: .customLong("usage-format"),
    help: "Format, when not detected: \(UsageFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var usageFormat: UsageFormat?
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try usageGuarded {
      let (store, catalog) = try store.openWithCatalog()
      let importer = UsageImporter(store: store, resolveModel: { catalog.canonicalModel($0) })
      try output.print(UsageViews.importSummary(try importer.run(paths: files, format: usageFormat)))
    }
  }
}

struct UsageListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "The stored token usage, grouped (the default of `ratecard usage`); other lines summed in the footer.")

  @OptionGroup var filters: UsageFilterOptions
  @Option(help: "Group by sku (default), model, app, meter, day or region.") var by: UsageGrouping = .sku
  @Option(help: "Categories to list (default token): \(UsageCategory.allCases.map(\.rawValue).joined(separator: ", ")).")
  var category: [UsageCategory] = []
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try usageGuarded {
      let (store, _, selected) = try store.open(filtering: filters)
      var filter = selected
      filter.categories = category.isEmpty ? [.token] : category
      let rows = try store.usage(filter)
      filter.categories = UsageCategory.allCases.filter { !(category.isEmpty ? [.token] : category).contains($0) }
      filter.models = []
      filter.tiers = []
      filter.scopes = []
      let others = filter.categories.isEmpty ? [] : try store.usage(filter)
      try output.print(UsageViews.usage(rows, by: by, others: others))
    }
  }
}

struct UsageUnmatchedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unmatched", abstract: "Token usage that matched no stored rate, and why.")

  @OptionGroup var filters: UsageFilterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try usageGuarded {
      let (store, _, selected) = try store.open(filtering: filters)
      var filter = selected
      filter.unmatchedOnly = true
      try output.print(UsageViews.unmatched(try store.usage(filter)))
    }
  }
}

/// The target of `reprice` and `export reprice`.
struct RepriceOptions: ParsableArguments {
  @Option(name: .customLong("to-provider"), help: "aws or azure.") var toProvider: Provider?
  @Option(name: .customLong("to-region"), help: "Region code (needed when the provider changes).") var toRegion: String?
  @Option(name: .customLong("to-scope"), help: "regional, geo, datazone or global.") var toScope: Scope?
  @Option(name: .customLong("to-tier"), help: "standard, batch, flex, priority, ...") var toTier: Tier?
  @Option(name: .customLong("to-model"), help: "Canonical model id or alias.") var toModel: String?
  @Option(help: "CUR=RATE: units of CUR per one unit of the usage's currency, for a target priced in CUR (repeatable); never converted otherwise.")
  var fx: [String] = []

  /// The target, checked against the selected usage and the catalogue.
  func target(rows: [UsageRecord], canonical: (String) -> String?) throws -> RepriceTarget {
    if let p = toProvider, toRegion == nil, rows.contains(where: { $0.provider != p.rawValue }) {
      throw ValidationError("--to-region is needed when the provider changes (regions differ between clouds)")
    }
    var model: String?
    if let toModel {
      guard let m = canonical(toModel) else {
        throw ValidationError("--to-model '\(toModel)' is not a model of the catalogue (ratecard models)")
      }
      model = m
    }
    var rates: [String: Decimal] = [:]
    for text in fx {
      guard let (code, value) = UsageFilter.tag(text), code.count == 3, let rate = ExactDecimal.parse(value), rate > 0
      else { throw ValidationError("--fx '\(text)' is not CUR=RATE (a currency code and a positive decimal)") }
      rates[code.uppercased()] = rate
    }
    return RepriceTarget(provider: toProvider, region: toRegion, scope: toScope, tier: toTier, model: model, fx: rates)
  }
}

struct RepriceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reprice",
    abstract: "Actual token usage re-priced under another provider, region, scope, tier or model (docs/reprice.md).",
    discussion: """
      Selects stored usage with the usage filters and prices every token, meter for meter, at the \
      target's list price as of each line's day. What is not overridden stays as it was. Usage with \
      no price at the target is listed and the total says it is partial.
      """)

  @OptionGroup var filters: UsageFilterOptions
  @OptionGroup var to: RepriceOptions
  @Flag(help: "Run the recommendation engine on the actual usage: per group, the cheapest offer meeting parity, needs and residency, and what the month would have cost there.")
  var best = false
  @Option(help: "With --best or --emit-sql: one group per app (default) or model; with --emit-sql also month.")
  var by: SQLGrouping = .app
  @Option(name: .customLong("emit-sql"), help: "Write the re-pricing as SQL for duckdb or spark (price_map.csv, reprice.sql, README.md) into --output instead of pricing stored usage (docs/scale.md).")
  var emitSQL: SQLDialect?
  @Option(help: "With --emit-sql: the folder to write into.") var output: String?
  @Option(
    name: .customLong("source-table"),
    help: "With --emit-sql: the bill's table or view: cur (AWS CUR 2.0), focus (FOCUS 1.2: AWS or Azure, by --provider or --source), costdetails (Azure cost details: --source azure-ea or azure-mca).")
  var sourceTable: SQLSourceTable = .cur
  @Option(name: .customLong("price-map-path"), help: "With --emit-sql: the path or URL the query reads price_map.csv from (default: where it is written).")
  var priceMapPath: String?
  @Option(help: "With --best: a profile file whose where, needs, parity and discounts constrain the search (default: anywhere, the same model).")
  var constraints: String?
  @Option(help: "With --best: alternatives after the recommendation.") var top: Int = 3
  @OptionGroup var store: StoreOptions
  @OptionGroup var format: OutputOptions

  func validate() throws {
    if emitSQL == nil, output != nil || priceMapPath != nil {
      throw ValidationError("--output and --price-map-path go with --emit-sql duckdb|spark")
    }
    if emitSQL != nil, output == nil { throw ValidationError("--emit-sql needs --output DIR (the folder to write into)") }
    if emitSQL != nil, best { throw ValidationError("--emit-sql and --best are different answers: give one") }
    if by == .month, emitSQL == nil { throw ValidationError("--by month goes with --emit-sql (--best groups by app or model)") }
  }

  func run() throws {
    if best {
      try runBest()
      return
    }
    if let dialect = emitSQL, let output {
      try runEmitSQL(dialect, output)
      return
    }
    try usageGuarded {
      let (store, catalog, rows) = try filters.tokenUsage(store)
      let target = try to.target(rows: rows) { catalog.canonicalModel($0) }
      let results = try Repricer(store: store).reprice(rows, target: target)
      try format.print(format.o == .json ? RepriceViews.summary(results, target: target) : RepriceViews.lines(results))
    }
  }
}

extension RepriceCommand {
  /// `--best`: profiles derived from the usage (``UsageProfiles``), constrained by `--constraints`
  /// (or: anywhere, the same model), through the recommendation engine; `current` is what the usage
  /// cost at list price.
  func runBest() throws {
    try usageGuarded {
      let (store, _, rows) = try filters.tokenUsage(store)
      let options = self.store
      let recs = try Self.best(rows: rows, store: store, by: by == .model ? .model : .app, constraints: constraints, top: top) {
        try EngineLoader.start(
          path: RatecardPaths.database(options.db), busyTimeout: options.wait, catalogFiles: options.catalog,
          snapshot: .current, throughputPath: nil, background: BackgroundValue<Void>.serialQueue()
        ).finish().engine
      }
      try format.print(EngineViews.recommendations(recs, format: format.o))
    }
  }

  /// The recommendations of `--best` for token usage `rows`: one profile per group (app or model,
  /// ``UsageProfiles``), constrained by the profile file `constraints` (or: anywhere, the same
  /// model), through the engine `engine()` returns. `ratecard report --usage-month` shows the same.
  static func best(
    rows: [UsageRecord], store: RateStore, by: UsageProfiles.Grouping, constraints: String?, top: Int,
    engine: () throws -> WorkloadEngine
  ) throws -> [Recommendation] {
    var sources: [String: [String]] = [:]
    for run in try store.usageImports(limit: 10_000) where run.status == .ok {
      sources["\(run.sourceKey)|\(run.month)", default: []].append(run.sourceUri)
    }
    let texts = UsageProfiles.yaml(rows, by: by, sources: sources)
    guard !texts.isEmpty else { throw ValidationError("no token usage matches the filters (ratecard usage)") }
    let parser = ProfileParser()
    let limits = try constraints.map { path -> Profile in
      guard let first = try parser.parseFile(path).first else { throw ValidationError("\(path): no profile in the file") }
      return first
    }
    let profiles = try texts.enumerated().flatMap { i, text in
      try parser.parse(text, file: "usage profile \(i + 1)").map { generated -> Profile in
        var p = generated
        if let limits {
          p.placement = limits.placement
          p.needs = limits.needs
          p.parity = limits.parity
          p.discounts = limits.discounts
        } else {
          p.placement = Profile.Placement()
          p.parity = p.current.map { .models([$0.model]) }
        }
        return p
      }
    }
    return try engine().recommendAll(profiles, alternatives: top, includeExcluded: false)
  }
}

extension RepriceCommand {
  /// `--emit-sql`: the price map from every stored rate version, and the query and README.
  func runEmitSQL(_ dialect: SQLDialect, _ dir: String) throws {
    try usageGuarded {
      guard let format = sourceTable.format(sources: filters.source, providers: filters.provider) else {
        let choices = sourceTable.formats.map(\.rawValue).joined(separator: " or ")
        throw ValidationError(
          "--source-table \(sourceTable.rawValue) holds \(choices): say which with --source"
            + (sourceTable == .focus ? " (or --provider aws|azure)" : ""))
      }
      if let p = to.toProvider, p != format.provider, to.toRegion == nil {
        throw ValidationError("--to-region is needed when the provider changes (regions differ between clouds)")
      }
      let (store, catalog, filter) = try store.open(filtering: filters)
      let target = try to.target(rows: []) { catalog.canonicalModel($0) }
      var rates = RateFilter()
      rates.providers = Provider.allCases
      let records = try store.history(rates)
      let command = (["ratecard"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
      let paths = try RepriceSQLBundle.write(
        records: records, target: target, filter: filter, dialect: dialect, format: format, grouping: by, dir: dir,
        priceMapPath: priceMapPath, command: command)
      for p in paths { print(p) }
    }
  }
}

/// `ratecard export reprice`: the re-priced usage as FOCUS 1.2-aligned CSV.
struct ExportReprice: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reprice",
    abstract: "Actual usage re-priced under a target, as FOCUS 1.2-aligned CSV with x_ target columns (docs/reprice.md).")

  @OptionGroup var filters: UsageFilterOptions
  @OptionGroup var to: RepriceOptions
  @OptionGroup var target: ExportTarget
  @OptionGroup var store: StoreOptions

  func run() throws {
    try usageGuarded {
      let (store, catalog, rows) = try filters.tokenUsage(store)
      let repriceTarget = try to.target(rows: rows) { catalog.canonicalModel($0) }
      let repricer = try Repricer(store: store)
      try target.run { sink in
        try RepriceExports.write(rows, repricer: repricer, target: repriceTarget) { sink.write($0) }
      }
    }
  }
}

extension UsageProfiles.Grouping: ExpressibleByArgument {}
extension SQLGrouping: ExpressibleByArgument {}
extension SQLDialect: ExpressibleByArgument {}
extension SQLSourceTable: ExpressibleByArgument {}

struct UsageProfileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profile",
    abstract: "Workload profiles (YAML, docs/profiles.md) derived from the stored token usage, one per app or model.",
    discussion: "Prints the profiles as YAML documents separated by ---; `recommend` reads them as they are.")

  @OptionGroup var filters: UsageFilterOptions
  @Option(help: "One profile per app (default) or model.") var by: UsageProfiles.Grouping = .app
  @OptionGroup var store: StoreOptions

  func run() throws {
    try usageGuarded {
      let (store, _, rows) = try filters.tokenUsage(store)
      var sources: [String: [String]] = [:]
      for run in try store.usageImports(limit: 10_000) where run.status == .ok {
        sources["\(run.sourceKey)|\(run.month)", default: []].append(run.sourceUri)
      }
      let docs = UsageProfiles.yaml(rows, by: by, sources: sources)
      guard !docs.isEmpty else { throw ValidationError("no token usage matches the filters (ratecard usage)") }
      FileHandle.standardOutput.write(Data(docs.joined(separator: "---\n").utf8))
    }
  }
}
