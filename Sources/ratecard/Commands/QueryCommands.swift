import ArgumentParser
import Foundation
import RateStore
import RatecardKit

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Each source's last import, sheet version, rate count and age.")

  @Option(name: .customLong("max-age"), help: "Warn when a source's last successful import is older than this many hours.")
  var maxAge: Int = 48
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let store = try store.open()
      try output.print(RateViews.status(try store.sourceStatus(), now: Date(), maxAgeHours: maxAge))
    }
  }
}

struct RatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rates", abstract: "List rates, current or as of a date or import run.")

  @OptionGroup var filters: FilterOptions
  @Option(name: .customLong("as-of"), help: "A date (YYYY-MM-DD, end of that day) or an import run id.")
  var asOf: String?
  @Option(help: "At most this many rows.") var limit: Int?
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, catalog) = try store.openWithCatalog()
      let snapshot = try asOf.map(Snapshot.parse) ?? .current
      try output.print(RateViews.rates(try store.rates(filters.filter(catalog), at: snapshot, limit: limit)))
    }
  }
}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Every version of the matching rates, with their dates.")

  @OptionGroup var filters: FilterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, catalog) = try store.openWithCatalog()
      try output.print(RateViews.history(try store.history(filters.filter(catalog))))
    }
  }
}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff", abstract: "Rates added, changed and withdrawn between two import runs or dates.")

  @OptionGroup var range: SnapshotRange
  @OptionGroup var filters: FilterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, catalog) = try store.openWithCatalog()
      let (from, to) = try range.snapshots()
      let changes = try store.diff(from: from, to: to, filter: filters.filter(catalog))
      try output.print(RateViews.diff(changes))
    }
  }
}
