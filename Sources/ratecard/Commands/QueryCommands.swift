import ArgumentParser
import Foundation
import RateStore
import RatecardKit

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Each source's last import (run id), sheet version, rate count and age.",
    discussion: """
      With --check, exits 2 when a source is stale (no successful import within --max-age hours) \
      or its last import failed or was refused: for monitoring (see docs/operations.md).
      """)

  @Option(name: .customLong("max-age"), help: "A source whose last successful import is older than this many hours is stale.")
  var maxAge: Int = 48
  @Flag(help: "Exit 2 when any source is stale or its last import failed or was refused.")
  var check = false
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard maxAge >= 1 else { throw ValidationError("--max-age must be at least 1 hour") }
  }

  func run() throws {
    try guarded {
      let store = try store.open()
      let sources = try store.sourceStatus()
      try output.print(RateViews.status(sources, now: Date(), maxAgeHours: maxAge))
      if check {
        let health = RateViews.health(sources, now: Date(), maxAgeHours: maxAge)
        guard health.isEmpty else {
          health.forEach { note("unhealthy: \($0)") }
          throw ExitCode(ExitStatus.unhealthy.rawValue)
        }
        if sources.isEmpty {
          note("unhealthy: no source was ever imported")
          throw ExitCode(ExitStatus.unhealthy.rawValue)
        }
      }
    }
  }
}

struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "Import runs, newest first: id, batch (one import command), time, source, status and counts.",
    discussion: """
      --as-of, --from and --to take a run id (the state right after that run) or batch:N (right \
      after the whole import command N).
      """)

  @Option(help: "At most this many runs.") var limit: Int = 20
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
  }

  func run() throws {
    try guarded {
      let store = try store.open()
      try output.print(RateViews.runs(try store.runListing(limit: limit)))
    }
  }
}

struct ForgetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forget",
    abstract: "Leave a source without current rates (a mistyped path, a retired feed) out of `status`.",
    discussion: """
      SOURCE is as `ratecard status` names it. Its import runs stay (history and `runs` keep them); \
      importing it again brings it back. A source with current rates is not forgotten.
      """)

  @Argument(help: "The source, as in the first column of `ratecard status`.") var source: String
  @OptionGroup var store: StoreOptions

  func run() throws {
    try guarded {
      let store = try store.open()
      switch try store.forgetSource(source) {
      case .forgotten(let runs):
        print("forgot \(source) (\(runs) import run(s) kept in `ratecard runs`)")
      case .unknown(let known):
        throw ArgumentError.unknownValue(what: "source", value: source, valid: known)
      case .hasRates(let n):
        throw ArgumentError.invalid("\(source) has \(n) current rate(s): it is not forgotten (import a sheet that replaces them first)")
      }
    }
  }
}

struct RatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rates", abstract: "List rates, current or as of a date or import run.")

  @OptionGroup var filters: FilterOptions
  @OptionGroup var asOf: AsOfOptions
  @OptionGroup var limit: LimitOption
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, _, filter) = try store.open(filtering: filters)
      let snapshot = try asOf.snapshot(store)
      try output.print(RateViews.rates(try store.rates(filter, at: snapshot, limit: limit.limit)))
    }
  }
}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Every version of the matching rates, with their dates.")

  @OptionGroup var filters: FilterOptions
  @OptionGroup var limit: LimitOption
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, _, filter) = try store.open(filtering: filters)
      let versions = try store.history(filter)
      try output.print(RateViews.history(limit.limit.map { Array(versions.prefix($0)) } ?? versions))
    }
  }
}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff", abstract: "Rates added, changed and withdrawn between two import runs, batches or dates.",
    discussion: "With --limit, the footer still counts every change.")

  @OptionGroup var range: SnapshotRange
  @OptionGroup var filters: FilterOptions
  @OptionGroup var limit: LimitOption
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, _, filter) = try store.open(filtering: filters)
      let (from, to) = try range.snapshots(store)
      let changes = try store.diff(from: from, to: to, filter: filter)
      try output.print(RateViews.diff(changes, limit: limit.limit))
    }
  }
}
