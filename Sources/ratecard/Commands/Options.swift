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

/// `--db PATH`.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: "SQLite database (default: $RATECARD_DB or the XDG data home).")
  var db: String?

  @Option(name: .long, help: "Seconds to wait for another ratecard process holding the write lock.")
  var wait: Double = 60

  @Option(name: .long, help: "A catalogue CSV file or directory of them, applied over the built-in catalogue and $XDG_CONFIG_HOME/ratecard/catalog* (repeatable).")
  var catalog: [String] = []

  func open(readOnly: Bool = false) throws -> RateStore {
    try openWithCatalog().store
  }

  /// Opens the store with the rates' models re-resolved if the catalogue changed.
  func openWithCatalog() throws -> (store: RateStore, catalog: ModelCatalog) {
    try CatalogLoader.openStore(path: RatecardPaths.database(db), busyTimeout: wait, catalogFiles: catalog)
  }

  /// Opens the store while the catalogue is built on a second thread (for `import`).
  func openBuildingCatalog() throws -> (store: RateStore, catalog: BackgroundValue<ModelCatalog>) {
    try CatalogLoader.openStoreBuildingCatalog(
      path: RatecardPaths.database(db), busyTimeout: wait, catalogFiles: catalog)
  }
}

/// `-o table|json|csv`.
struct OutputOptions: ParsableArguments {
  @Option(name: [.short, .customLong("output-format")], help: "Output format: table, json or csv.")
  var o: OutputFormat = .table

  func print(_ report: Report) throws {
    let out = FileHandle.standardOutput
    try o.formatter.renderUTF8(report) { chunk in out.write(Data(chunk)) }
  }
}

/// Filters shared by `rates`, `history` and `diff`.
struct FilterOptions: ParsableArguments {
  @Option(help: "aws or azure (repeatable).") var provider: [Provider] = []
  @Option(help: "Canonical model id or the name as in the sheet (repeatable).") var model: [String] = []
  @Option(help: "Region code (repeatable).") var region: [String] = []
  @Option(help: "regional, geo, datazone or global (repeatable).") var scope: [Scope] = []
  @Option(help: "standard, batch, flex, priority, provisioned or reserved (repeatable).") var tier: [Tier] = []
  @Option(help: "input, output, cache_read, cache_write, capacity or other (repeatable).") var meter: [Meter] = []
  @Option(help: "Currency code (repeatable).") var currency: [String] = []
  @Option(help: "AWS offer code or Azure product name (repeatable).") var service: [String] = []
  @Option(help: "SKU or meter id (repeatable).") var sku: [String] = []

  /// The filter, with each `--model` also matched through the catalogue (an alias such as
  /// `gpt-oss-120b` finds the rates resolved to `openai/gpt-oss-120b`).
  func filter(_ catalog: ModelCatalog) -> RateFilter {
    var f = filter
    f.models = Array(Set(model + model.compactMap { catalog.canonicalModel($0) })).sorted()
    return f
  }

  var filter: RateFilter {
    var f = RateFilter()
    f.providers = provider
    f.models = model
    f.regions = region
    f.scopes = scope
    f.tiers = tier
    f.meters = meter
    f.currencies = currency
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

/// `--from` / `--to` of the diff commands: two snapshots, the second defaulting to now.
struct SnapshotRange: ParsableArguments {
  @Option(help: "An import run id or a date.") var from: String
  @Option(help: "An import run id or a date (default: now).") var to: String?

  /// The two snapshots (a malformed value is an error naming it).
  func snapshots() throws -> (from: Snapshot, to: Snapshot) {
    (try Snapshot.parse(from), try to.map(Snapshot.parse) ?? .current)
  }
}
