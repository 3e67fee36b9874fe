import ArgumentParser
import Catalog
import Foundation
import PriceSheets
import Pricing
import RateStore
import RatecardKit
import Reports

extension OutputFormat: ExpressibleByArgument {}
extension Provider: ExpressibleByArgument {}
extension Scope: ExpressibleByArgument {}
extension Tier: ExpressibleByArgument {}
extension Meter: ExpressibleByArgument {}
extension SheetFormat: ExpressibleByArgument {}
extension SnapshotName.Basis: ExpressibleByArgument {}

/// `--db PATH`, `--wait`, `--catalog`.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: "SQLite database (default: $RATECARD_DB or the XDG data home).")
  var db: String?

  @Option(name: .long, help: "Seconds to wait for another ratecard process holding the write lock.")
  var wait: Double = 60

  @Option(name: .long, help: "A catalogue CSV file or directory of them, applied over the built-in catalogue and $XDG_CONFIG_HOME/ratecard/catalog* (repeatable).")
  var catalog: [String] = []

  /// The database path (`--db`, `$RATECARD_DB`, the XDG default).
  var path: String { RatecardPaths.database(db) }

  /// The database path of a command that only reads: it must exist (nothing is created).
  func existingPath() throws -> String {
    let path = self.path
    guard FileManager.default.fileExists(atPath: path) else { throw ArgumentError.noDatabase(path: path) }
    return path
  }

  /// Opens an existing store.
  func open() throws -> RateStore {
    try RateStore(path: existingPath(), busyTimeout: wait)
  }

  /// Opens an existing store with the rates' models re-resolved if the catalogue changed.
  func openWithCatalog() throws -> (store: RateStore, catalog: ModelCatalog) {
    try CatalogLoader.openStore(path: existingPath(), busyTimeout: wait, catalogFiles: catalog)
  }

  /// Opens an existing store with its catalogue (as ``openWithCatalog()``) and builds the filter
  /// of `options` against them: the one way the listing, export and usage commands start.
  func open<Options: StoreFilterOptions>(filtering options: Options) throws -> (
    store: RateStore, catalog: ModelCatalog, filter: Options.Filter
  ) {
    let (store, catalog) = try openWithCatalog()
    return (store, catalog, try options.filter(store, catalog))
  }

  /// Opens (creating) the store while the catalogue is built on a second thread (for `import`).
  func openBuildingCatalog() throws -> (store: RateStore, catalog: BackgroundValue<ModelCatalog>) {
    try CatalogLoader.openStoreBuildingCatalog(path: path, busyTimeout: wait, catalogFiles: catalog)
  }
}

/// `--months` and `--start` of the forecasts (`project`, `export projection`, `report`).
struct ForecastOptions: ParsableArguments {
  @Option(help: "Forecast this many months (1-120) with the profile's growth_per_month.") var months: Int = 12
  @Option(help: "First forecast month, YYYY-MM (default: next month, UTC).") var start: String?

  func validate() throws {
    guard months >= 1, months <= 120 else { throw ValidationError("--months must be between 1 and 120") }
    if let start, FinancePeriod(start) == nil { throw ValidationError("--start must be a month YYYY-MM, got '\(start)'") }
  }

  /// The first forecast month: `--start`, else the month after today (UTC).
  var first: FinancePeriod { start.flatMap { FinancePeriod($0) } ?? FinancePeriod.following(Date()) }
}

/// `--limit N` of the listing commands (`rates`, `history`, `diff`).
struct LimitOption: ParsableArguments {
  @Option(help: "At most this many rows.") var limit: Int?

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
  }
}

/// Filter options that are checked against the store and its catalogue when the store is open
/// (``StoreOptions/open(filtering:)``).
protocol StoreFilterOptions: ParsableArguments {
  associatedtype Filter
  func filter(_ store: RateStore, _ catalog: ModelCatalog) throws -> Filter
}

/// `-o table|json|csv`.
struct OutputOptions: ParsableArguments {
  @Option(name: [.short, .customLong("output-format")], help: "Output format.")
  var o: OutputFormat = .table

  /// Prints `report`; in JSON each record also names the ratecard version (`ratecardVersion`).
  func print(_ report: Report) throws {
    let out = FileHandle.standardOutput
    let shown = o == .json ? RatecardVersion.stamped(report) : report
    try o.formatter.renderUTF8(shown) { chunk in out.write(Data(chunk)) }
  }
}

/// `--as-of` and `--date-basis`: which rates a query reads.
struct AsOfOptions: ParsableArguments {
  @Option(
    name: .customLong("as-of"),
    help: """
      An import run id (`ratecard runs`), batch:N (one whole `ratecard import` command), or a date \
      YYYY-MM-DD (the end of that UTC day) or ISO 8601 date-time. A date means the price's \
      effective date unless --date-basis imported.
      """)
  var asOf: String?
  @Option(
    name: .customLong("date-basis"),
    help: "What a date names: effective (the rates whose effective dates span it) or imported (the rates as the store held them at that time).")
  var dateBasis: SnapshotName.Basis = .effective

  func validate() throws {
    if let asOf, SnapshotName.parse(asOf) == nil { throw invalid(.badDate(option: "--as-of", value: asOf)) }
  }

  var name: SnapshotName { asOf.flatMap(SnapshotName.parse) ?? .current }

  /// The snapshot, checked against the store (a run or batch that does not exist is refused).
  func snapshot(_ store: RateStore) throws -> Snapshot {
    try resolve(name, text: asOf ?? "", store: store, basis: dateBasis)
  }
}

/// Resolves a snapshot name against the store, naming a missing run or batch with the range that exists.
func resolve(_ name: SnapshotName, text: String, store: RateStore, basis: SnapshotName.Basis) throws -> Snapshot {
  do {
    return try store.snapshot(name, basis: basis)
  } catch StoreError.unknownSnapshot {
    throw ArgumentError.unknownRun(text.contains(":") ? text : "run \(text)", last: try store.lastRunId())
  }
}

/// `--from` / `--to` of the diff commands: two snapshots, the second defaulting to now.
struct SnapshotRange: ParsableArguments {
  @Option(help: "An import run id, batch:N, or a date (see --date-basis).") var from: String
  @Option(help: "An import run id, batch:N, or a date (default: now).") var to: String?
  @Option(
    name: .customLong("date-basis"),
    help: "What a date names: effective (the rates whose effective dates span it) or imported (the rates as the store held them at that time).")
  var dateBasis: SnapshotName.Basis = .effective

  func validate() throws {
    if SnapshotName.parse(from) == nil { throw invalid(.badDate(option: "--from", value: from)) }
    if let to, SnapshotName.parse(to) == nil { throw invalid(.badDate(option: "--to", value: to)) }
  }

  /// The two snapshots, checked against the store; `--from` after `--to` is refused.
  func snapshots(_ store: RateStore) throws -> (from: Snapshot, to: Snapshot) {
    let a = try resolve(SnapshotName.parse(from) ?? .current, text: from, store: store, basis: dateBasis)
    let b = try to.map { try resolve(SnapshotName.parse($0) ?? .current, text: $0, store: store, basis: dateBasis) } ?? .current
    let reversed: Bool
    switch (a, b) {
    case (.run(let x), .run(let y)): reversed = x > y
    case (.date(let x), .date(let y)): reversed = x > y
    default: reversed = false
    }
    if reversed { throw ArgumentError.reversedRange(from: from, to: to ?? "now") }
    return (a, b)
  }
}

/// Filters shared by `rates`, `history`, `diff` and the exports.
struct FilterOptions: StoreFilterOptions {
  @Option(help: "Provider (repeatable).") var provider: [Provider] = []
  @Option(help: "Canonical model id, an alias, or the name as in the sheet (repeatable).") var model: [String] = []
  @Option(help: "Region code (repeatable).") var region: [String] = []
  @Option(help: "Scope (repeatable).") var scope: [Scope] = []
  @Option(help: "Tier (repeatable).") var tier: [Tier] = []
  @Option(help: "Meter (repeatable).") var meter: [Meter] = []
  @Option(help: "Currency code (repeatable).") var currency: [String] = []
  @Option(help: "AWS offer code or Azure product name (repeatable).") var service: [String] = []
  @Option(help: "SKU or meter id (repeatable).") var sku: [String] = []

  /// The filter, each value checked against what the catalogue and the store know (an unknown
  /// region, model or currency is an error naming the valid values), with each `--model` also
  /// matched through the catalogue (an alias such as `gpt-oss-120b` finds the rates resolved to
  /// `openai/gpt-oss-120b`).
  func filter(_ store: RateStore, _ catalog: ModelCatalog) throws -> RateFilter {
    let check = ArgumentChecks(store: store, catalog: catalog)
    try check.regions(region)
    try check.models(model)
    let currencies = try check.currencies(currency)
    var f = RateFilter()
    f.providers = provider
    f.models = Array(Set(model + model.compactMap { catalog.canonicalModel($0) })).sorted()
    f.regions = region.map { $0.lowercased() }
    f.scopes = scope
    f.tiers = tier
    f.meters = meter
    f.currencies = currencies
    f.services = service
    f.skus = sku
    return f
  }
}

/// Prints a library error and exits with its documented status.
func fail(_ error: any Error) -> ExitCode {
  let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
  FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
  return ExitCode(ExitStatus.of(error).rawValue)
}

/// Runs `body`, turning library errors into a message on stderr and the documented exit status.
func guarded(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    throw fail(error)
  }
}

/// A usage error found while validating arguments (exit 64, with the usage after the message).
func invalid(_ error: ArgumentError) -> ValidationError {
  ValidationError(error.errorDescription ?? "\(error)")
}

/// Writes to standard error.
func note(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
