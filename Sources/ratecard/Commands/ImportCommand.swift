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
      sheet writes no rate. The command is one import batch (`ratecard runs`; --as-of batch:N). \
      Progress and retries go to stderr unless --quiet. Exit codes: 0 ok, 1 failure, 3 refused by \
      the large-change guard, 4 --strict and rows were skipped, 64 bad argument, 65 bad input, \
      69 source unreachable, 75 database busy.
      """)

  @Argument(help: "Files, directories or https URLs.") var sources: [String]
  @Option(name: .customLong("source-format"), help: "The format, when it is not detected from the content.")
  var sourceFormat: SheetFormat?
  @Option(name: .long, help: "Only these regions (repeatable).") var region: [String] = []
  @Flag(name: .customLong("include-devtest"), help: "Import Azure DevTestConsumption items.") var includeDevTest = false
  @Flag(name: .customLong("allow-large-change"), help: "Accept an import that withdraws >30% or changes >50% of a source's rates.")
  var allowLargeChange = false
  @Flag(help: ArgumentHelp("Fail when any row is left unclassified or skipped for a reason other than a deliberate one (deliberate: a region not selected, a duplicate item, a DevTest item, a superseded legacy listing, a term type not imported).")) var strict = false
  @Flag(help: "No progress or retries on stderr.") var quiet = false
  @Option(
    name: .customLong("retry-time"),
    help: "Seconds one live document may spend on retries of 429, 5xx and passing network errors (an unknown host, a TLS failure or another 4xx fail at once).")
  var retryTime: Double = 120

  func validate() throws {
    guard retryTime >= 0 else { throw ValidationError("--retry-time must not be negative") }
  }
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      // The catalogue is built on a second thread while the store opens and the first source is
      // hashed and its parse started; the import waits for it before writing.
      let (store, catalog) = try self.store.openBuildingCatalog()
      var policy = HTTPFetcher.Policy()
      policy.maxRetryTime = retryTime
      let fetcher = HTTPFetcher(policy: policy)
      if !quiet { fetcher.onEvent = { note("… \($0)") } }
      let pipeline = ImportPipeline(
        store: store, catalog: catalog, prepare: CatalogLoader.syncStore(store), fetcher: fetcher)
      if !region.isEmpty {
        // An unknown region would import nothing: refuse it before anything is read.
        try ArgumentChecks(catalog: catalog.value(), openStore: { store }).regions(region)
      }
      let showProgress = !quiet
      let request = ImportRequest(
        sources: sources, format: sourceFormat,
        options: ReadOptions(regions: region.isEmpty ? nil : Set(region.map { $0.lowercased() }), includeDevTest: includeDevTest),
        policy: ImportGuard(allowLargeChange: allowLargeChange), strict: strict)
      let summaries = try pipeline.run(request) { message in
        if showProgress { note("… \(message)") }
      }
      let batch = try summaries.compactMap(\.runId).first.flatMap { try store.batchId(ofRun: $0) }
      try output.print(RateViews.importSummary(summaries, batch: batch))
    }
  }
}
