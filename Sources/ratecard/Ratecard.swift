import ArgumentParser
import Foundation
import RatecardKit

/// The `ratecard` command line: argument parsing and printing only; the work is in RatecardKit.
@main
struct Ratecard: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ratecard",
    abstract: "LLM price sheets from AWS Bedrock and Azure Foundry in one SQLite store, with history.",
    discussion: "Database: --db, else $RATECARD_DB, else $XDG_DATA_HOME/ratecard/ratecard.sqlite.",
    version: RatecardVersion.current,
    subcommands: [
      ImportCommand.self, StatusCommand.self, RatesCommand.self, HistoryCommand.self,
      DiffCommand.self, ProjectCommand.self, RecommendCommand.self, CompareCommand.self,
      ModelsCommand.self, CatalogCommand.self, ExportCommand.self, ReportCommand.self, DemoCommand.self,
      UsageCommand.self, RepriceCommand.self,
    ]
  )
}
