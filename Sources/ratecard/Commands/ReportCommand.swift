import ArgumentParser
import CostEngine
import Foundation
import RateStore
import RatecardKit
import Reports

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
  @Option(help: "Months of forecast.") var months: Int = 12
  @Option(help: "Number of alternatives after each recommendation.") var top: Int = 3
  @Option(
    name: .customLong("throughput"),
    help: "Provisioned-throughput table (default: the built-in data/provisioned-throughput.yaml).")
  var throughput: String?
  @OptionGroup var store: StoreOptions

  func validate() throws {
    guard !profiles.isEmpty else { throw ValidationError("give at least one profile file") }
    guard months >= 1, months <= 120 else { throw ValidationError("--months must be between 1 and 120") }
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    guard !output.isEmpty else { throw ValidationError("--output needs a file name") }
  }

  func run() throws {
    if let month = usageMonth {
      // Actual usage (issue 18) is not in this version: say so rather than leave the section out.
      let valid = Self.isMonth(month)
      let message =
        valid
        ? "no usage imported for --usage-month \(month): this version of ratecard cannot import actual usage yet; leave out --usage-month for the forecast report"
        : "--usage-month must be YYYY-MM (got '\(month)')"
      FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
      throw ExitCode(64)
    }
    try guarded {
      let path = RatecardPaths.database(store.db)
      let pending = try EngineLoader.start(
        path: path, busyTimeout: store.wait, catalogFiles: store.catalog, throughputPath: throughput)
      let list = try loadProfiles(profiles)
      let loaded = try pending.finish()
      let sources = try RateStore(path: path, busyTimeout: store.wait).sourceStatus()
      guard !sources.isEmpty else { throw ReportError.noRates(database: path) }
      let written = try ReportFile.write(
        profiles: list, engine: loaded.engine, sources: sources,
        options: .init(months: months, alternatives: top), to: output)
      FileHandle.standardOutput.write(
        Data(
          "wrote \(output) (\(written.profiles) profile(s), \(written.models) model(s) compared, \(written.bytes) bytes)\n"
            .utf8))
    }
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
