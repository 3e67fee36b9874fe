import ArgumentParser
import Foundation
import RateStore
import RatecardKit

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Finance exports as RFC 4180 CSV (see docs/exports.md).",
    subcommands: [ExportRates.self, ExportDiff.self])
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
  @Option(name: .customLong("as-of"), help: "A date (YYYY-MM-DD) or an import run id.") var asOf: String?
  @OptionGroup var target: ExportTarget
  @OptionGroup var store: StoreOptions

  func run() throws {
    try guarded {
      let (store, catalog) = try store.openWithCatalog()
      let snapshot = try asOf.map(Snapshot.parse) ?? .current
      try target.run { sink in
        try RateExports.rates(store: store, filter: filters.filter(catalog), at: snapshot, to: sink)
      }
    }
  }
}

struct ExportDiff: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff", abstract: "Price changes between two import runs or dates.")

  @Option(help: "An import run id or a date.") var from: String
  @Option(help: "An import run id or a date (default: now).") var to: String?
  @OptionGroup var filters: FilterOptions
  @OptionGroup var target: ExportTarget
  @OptionGroup var store: StoreOptions

  func run() throws {
    try guarded {
      let (store, catalog) = try store.openWithCatalog()
      let from = try Snapshot.parse(from)
      let to = try to.map(Snapshot.parse) ?? .current
      try target.run { sink in
        try RateExports.diff(store: store, from: from, to: to, filter: filters.filter(catalog), sink: sink)
      }
    }
  }
}
