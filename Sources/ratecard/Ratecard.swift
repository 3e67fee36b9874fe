import ArgumentParser
import Foundation
import RatecardKit

/// The `ratecard` command line: argument parsing and printing only; the work is in RatecardKit.
@main
struct Ratecard: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ratecard",
    abstract: "LLM price sheets from AWS Bedrock and Azure Foundry in one SQLite store, with history.",
    discussion: """
      Database: --db, else $RATECARD_DB, else $XDG_DATA_HOME/ratecard/ratecard.sqlite. \
      Exit codes: docs/operations.md (64 bad argument, 65 bad input file, 66 no database or no rates).
      """,
    version: RatecardVersion.current,
    subcommands: [
      ImportCommand.self, StatusCommand.self, RunsCommand.self, ForgetCommand.self, RatesCommand.self,
      HistoryCommand.self, DiffCommand.self, ProjectCommand.self, RecommendCommand.self, CompareCommand.self,
      ModelsCommand.self, CatalogCommand.self, ExportCommand.self, ReportCommand.self, DemoCommand.self,
      UsageCommand.self, RepriceCommand.self,
    ]
  )

  /// Parses and runs, first turning a mistyped subcommand into "did you mean ...?" (exit 64).
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let message = SubcommandSpelling.check(arguments, under: Ratecard.self) {
      FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    }
    main(arguments)
  }
}

/// "did you mean `recommend`?" for a word in a subcommand's place that names no subcommand.
enum SubcommandSpelling {
  static func check(_ arguments: [String], under root: any ParsableCommand.Type) -> String? {
    var command = root
    var path: [String] = []
    for word in arguments {
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
      let names = subcommands.map { $0.configuration.commandName ?? "\($0)".lowercased() }
      if let i = names.firstIndex(of: word) {
        command = subcommands[i]
        path.append(word)
        continue
      }
      let at = (["ratecard"] + path).joined(separator: " ")
      let hint = Spelling.closest(to: word, in: names).map { ": did you mean `\($0)`?" } ?? ""
      return "`\(at)` has no command '\(word)'\(hint)\ncommands: \(names.joined(separator: ", ")) (`\(at) --help`)"
    }
    return nil
  }
}
