import ArgumentParser
import CostEngine
import Foundation
import RateStore
import RatecardKit
import Reports

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Finance exports as RFC 4180 CSV (see docs/exports.md).",
    subcommands: [ExportRates.self, ExportDiff.self, ExportProjection.self, ExportReprice.self])
}

/// `--output FILE` (default standard output).
struct ExportTarget: ParsableArguments {
  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  func sink() throws -> TextSink {
    try output.map(TextSink.file) ?? .standardOutput()
  }

  func run(_ body: (TextSink) throws -> Void) throws {
    let sink = try sink()
    do {
      try body(sink)
      try sink.finish()
    } catch {
      sink.abandon()
      throw error
    }
  }
}

struct ExportRates: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rates", abstract: "The rate table as of a date or import run.")

  @OptionGroup var filters: FilterOptions
  @OptionGroup var asOf: AsOfOptions
  @OptionGroup var target: ExportTarget
  @OptionGroup var store: StoreOptions

  func run() throws {
    try guarded {
      let (store, _, filter) = try store.open(filtering: filters)
      let snapshot = try asOf.snapshot(store)
      try target.run { sink in
        try RateExports.rates(store: store, filter: filter, at: snapshot, to: sink)
      }
    }
  }
}

struct ExportDiff: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff", abstract: "Price changes between two import runs or dates.")

  @OptionGroup var range: SnapshotRange
  @OptionGroup var filters: FilterOptions
  @OptionGroup var target: ExportTarget
  @OptionGroup var store: StoreOptions

  func run() throws {
    try guarded {
      let (store, _, filter) = try store.open(filtering: filters)
      let (from, to) = try range.snapshots(store)
      try target.run { sink in
        try RateExports.diff(store: store, from: from, to: to, filter: filter, sink: sink)
      }
    }
  }
}

struct ExportProjection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "projection",
    abstract: "Month-by-month projection of each profile's recommended offer (or every eligible offer), one row per cost line.",
    discussion: "Periods are calendar months (UTC) starting next month, or at --start. Amounts are exact, plus cents allocated so the rounded lines of a month add up to the rounded month total. See docs/exports.md.")

  @Argument(help: "Profile YAML files (one or many profiles each).") var profiles: [String]
  @OptionGroup var forecast: ForecastOptions
  @Flag(name: .customLong("all-offers"), help: "Every eligible offer, cheapest first, not only the recommended one.")
  var allOffers = false
  @Flag(help: "FOCUS 1.2-aligned forecast columns.") var focus = false
  @OptionGroup var asOf: AsOfOptions
  @OptionGroup var target: ExportTarget
  @OptionGroup var store: StoreOptions

  func run() throws {
    try guarded {
      let list = try loadProfiles(profiles)
      let (store, catalog) = try store.openWithCatalog()
      let snapshot = try asOf.snapshot(store)
      let engine = try EngineLoader.engine(store: store, catalog: catalog, snapshot: snapshot).engine
      try ArgumentChecks(store: store, catalog: catalog)
        .profiles(list, hasRates: { engine.book.offerCount(currency: $0) > 0 })
      let context = try ProjectionExports.context(catalog: catalog, store: store, snapshot: snapshot, start: forecast.first)
      let options = ProjectionExports.Options(months: forecast.months, allOffers: allOffers, focus: focus)
      var summary = ProjectionExports.Summary()
      try target.run { sink in
        summary = try ProjectionExports.write(engine: engine, profiles: list, options: options, context: context, to: sink)
      }
      for name in summary.profilesWithoutOffer {
        FileHandle.standardError.write(Data("warning: \(name): no eligible offer, no rows exported\n".utf8))
      }
    }
  }
}
