import ArgumentParser
import Foundation
import PriceSheets
import RateStore
import RatecardKit

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import price sheets (files, directories or https URLs) into the store.",
    discussion: """
      One command is one transaction: every source lands or none does. Re-importing an unchanged \
      sheet writes no rate. Exit codes: 0 ok, 1 failure, 3 refused by the large-change guard, \
      4 --strict and rows were skipped, 65 bad input, 69 source unreachable, 75 database busy.
      """)

  @Argument(help: "Files, directories or https URLs.") var sources: [String]
  @Option(name: .customLong("source-format"), help: "Format, when not detected: \(SheetFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var sourceFormat: SheetFormat?
  @Option(name: .long, help: "Only these regions (repeatable).") var region: [String] = []
  @Flag(name: .customLong("include-devtest"), help: "Import Azure DevTestConsumption items.") var includeDevTest = false
  @Flag(name: .customLong("allow-large-change"), help: "Accept an import that withdraws >30% or changes >50% of a source's rates.")
  var allowLargeChange = false
  @Flag(help: "Fail when any row is skipped or left unclassified.") var strict = false
  @Flag(help: "No progress on stderr.") var quiet = false
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      // The catalogue is built on a second thread while the store opens and the first source is
      // hashed and its parse started; the import waits for it before writing.
      let (store, catalog) = try self.store.openBuildingCatalog()
      let pipeline = ImportPipeline(
        store: store, catalog: catalog, prepare: CatalogLoader.syncStore(store), fetcher: HTTPFetcher())
      let showProgress = !quiet && isatty(2) == 1
      let request = ImportRequest(
        sources: sources, format: sourceFormat,
        options: ReadOptions(regions: region.isEmpty ? nil : Set(region), includeDevTest: includeDevTest),
        policy: ImportGuard(allowLargeChange: allowLargeChange), strict: strict)
      let summaries = try pipeline.run(request) { message in
        if showProgress { FileHandle.standardError.write(Data("… \(message)\n".utf8)) }
      }
      try output.print(RateViews.importSummary(summaries))
    }
  }
}
