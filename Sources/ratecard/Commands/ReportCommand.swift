import ArgumentParser
import CostEngine
import Foundation
import RateStore
import RatecardKit
import Reports
import Usage

/// `ratecard report`: one self-contained HTML page with charts for the given profiles.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "One self-contained HTML page with charts: recommendation, forecast, cost lines, parity, exclusions, cross-cloud prices.",
    discussion:
      "Inline CSS and SVG only (no script, font or image fetched): opens offline and as an e-mail attachment, prints to PDF. See docs/report.md."
  )

  @Argument(help: "Profile YAML files (one or many profiles each).") var profiles: [String] = []
  @Option(name: .customLong("output"), help: "The HTML file to write.") var output: String
  @Option(
    name: .customLong("usage-month"), help: "Add last month's actual cost (YYYY-MM); needs imported usage.")
  var usageMonth: String?
  @OptionGroup var forecast: ForecastOptions
  @Option(help: "Number of alternatives after each recommendation.") var top: Int = 3
  @Option(
    name: .customLong("throughput"),
    help: "Provisioned-throughput table (default: the built-in data/provisioned-throughput.yaml).")
  var throughput: String?
  @OptionGroup var store: StoreOptions

  func validate() throws {
    guard !profiles.isEmpty else { throw ValidationError("give at least one profile file") }
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    guard !output.isEmpty else { throw ValidationError("--output needs a file name") }
    if let month = usageMonth, !Self.isMonth(month) {
      throw ValidationError("--usage-month must be YYYY-MM (got '\(month)')")
    }
  }

  func run() throws {
    try usageGuarded {
      let path = RatecardPaths.database(store.db)
      let pending = try EngineLoader.start(
        path: path, busyTimeout: store.wait, catalogFiles: store.catalog, throughputPath: throughput)
      let list = try loadProfiles(profiles)
      let loaded = try pending.finish()
      let sources = try loaded.store.sourceStatus()
      guard !sources.isEmpty else { throw ReportError.noRates(database: path) }
      let usage = try usageMonth.map { try Self.usageSection(month: $0, store: loaded.store, engine: loaded.engine, top: top) }
      let written = try ReportFile.write(
        profiles: list, engine: loaded.engine, sources: sources,
        options: .init(months: forecast.months, start: forecast.first, alternatives: top), usage: usage, to: output)
      FileHandle.standardOutput.write(
        Data(
          "wrote \(output) (\(written.profiles) profile(s), \(written.models) model(s) compared\(usage.map { ", usage of \($0.month)" } ?? ""), \(written.bytes) bytes)\n"
            .utf8))
    }
  }

  /// The usage section for `month`: the token usage by app and by model (as `ratecard usage`), and
  /// each app's month at the best option (the same recommendations as `ratecard reprice --best
  /// --by app --month MONTH`). No usage imported for the month is a usage error naming the months
  /// that have some.
  static func usageSection(month: String, store: RateStore, engine: WorkloadEngine, top: Int) throws -> UsageSection {
    var filter = UsageFilter()
    filter.months = [month]
    filter.categories = [.token]
    let rows = try store.usage(filter)
    guard !rows.isEmpty else {
      let months = Set(try store.usageImports(limit: 10_000).filter { $0.status == .ok }.map(\.month)).sorted()
      throw ArgumentError.invalid(
        "no usage imported for --usage-month \(month)"
          + (months.isEmpty
            ? ": no usage is imported at all (ratecard usage import FILE)"
            : " (months with usage: \(months.joined(separator: ", ")); ratecard usage import FILE adds one)"))
    }
    func costs(_ by: UsageGrouping) -> [UsageSection.Cost] {
      UsageViews.groups(rows, by: by).map { g in
        UsageSection.Cost(
          label: (by == .app ? g.app : g.model ?? g.sheetKey) ?? "", provider: g.provider ?? "", currency: g.currency ?? "",
          tokens: g.tokens, billed: g.billedCost, list: g.listCost)
      }
    }
    let recs = try RepriceCommand.best(rows: rows, store: store, by: .app, constraints: nil, top: top) { engine }
    let best = recs.map { r in
      UsageSection.Best(
        name: r.profile.name, currency: r.profile.currency,
        actual: r.current.map { OfferSummary(role: .current, projection: $0) },
        best: r.recommended.map { OfferSummary(role: .recommended, projection: $0) },
        saving: r.savingVsCurrent, notes: r.currentNotes)
    }
    return UsageSection(month: month, byApp: costs(.app), byModel: costs(.model), best: best)
  }

  /// `YYYY-MM` with a month from 01 to 12.
  static func isMonth(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard b.count == 7, b[4] == UInt8(ascii: "-") else { return false }
    for (i, c) in b.enumerated() where i != 4 && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
      return false
    }
    return (1...12).contains(Int(text.suffix(2)) ?? 0)
  }
}
