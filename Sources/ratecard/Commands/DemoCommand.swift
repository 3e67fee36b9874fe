import ArgumentParser
import CostEngine
import Foundation
import PriceSheets
import RateStore
import RatecardKit
import Reports
import Usage

/// The main job on the embedded default: the sample sheets (compiled into the binary from
/// `data/sheets`, or a `--data` folder) into a local SQLite file, then a recommendation for every
/// sample profile and the HTML report.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Import the bundled sample sheets into a local database, recommend for the sample profiles and write the HTML report.",
    discussion: """
      The sample sheets and profiles are compiled into the binary: without --data the demo writes \
      them into DB-data/ beside the database (DB's name without .sqlite), so it runs from any folder. \
      Then equivalent to: ratecard import DATA/sheets/aws DATA/sheets/azure, ratecard recommend \
      DATA/profiles/*.yaml, then ratecard report DATA/profiles/*.yaml --output DB.html.
      """)

  @Option(help: "A data folder holding sheets/ and profiles/ to use instead of the embedded sample.")
  var data: String?
  @Option(help: "The database to create or update.") var db: String = "ratecard-demo.sqlite"
  @Option(help: "Number of alternatives after each recommendation.") var top: Int = 3

  func validate() throws {
    guard let data else { return }
    var isDir: ObjCBool = false
    for sub in ["sheets", "profiles"] {
      let path = (data as NSString).appendingPathComponent(sub)
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
        throw ValidationError("no sample data: '\(path)' is not a folder (--data names the folder holding sheets/ and profiles/)")
      }
    }
  }

  func run() throws {
    try guarded {
      let data = try self.data ?? Self.writeEmbedded(beside: db)
      let sheets = ["aws", "azure"].map { (data as NSString).appendingPathComponent("sheets/\($0)") }
      let profileDir = (data as NSString).appendingPathComponent("profiles")
      let profiles = try FileManager.default.contentsOfDirectory(atPath: profileDir)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        .map { (profileDir as NSString).appendingPathComponent($0) }
      let (store, catalog) = try CatalogLoader.openStore(path: db, busyTimeout: 60, catalogFiles: [])
      let pipeline = ImportPipeline(store: store, resolver: catalog, fetcher: HTTPFetcher())
      let summaries = try pipeline.run(ImportRequest(sources: sheets))
      write("== Imported \(sheets.joined(separator: ", ")) into \(db)\n")
      try OutputFormat.table.formatter.render(RateViews.importSummary(summaries), to: write)
      let engine = try EngineLoader.engine(
        store: store, catalog: catalog, throughput: try ThroughputTables.load(path: nil)).engine
      let list = try loadProfiles(profiles)
      let recs = try engine.recommendAll(list, alternatives: top, includeExcluded: false)
      write("\n== Recommendations for \(profiles.joined(separator: ", "))\n")
      try OutputFormat.table.formatter.render(EngineViews.recommendations(recs, format: .table), to: write)
      RecommendationRollUp.lines(recs).forEach { write($0 + "\n") }
      let report = (db as NSString).deletingPathExtension + ".html"
      let written = try ReportFile.write(
        profiles: list, engine: engine, sources: try store.sourceStatus(),
        options: .init(alternatives: top), to: report)
      write("\n== Report: \(report) (\(written.profiles) profiles, \(written.models) models compared; open it in a browser)\n")
      write("\nNext: ratecard recommend \(profiles.first ?? "PROFILE") --db \(db) -o json   (every exclusion with its reasons)\n")
    }
  }

  private func write(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }

  /// Writes the embedded sample (``DemoData``) into `DB-data/` beside `db`, replacing the files of
  /// the same names, and returns that folder.
  static func writeEmbedded(beside db: String) throws -> String {
    let folder = (db as NSString).deletingPathExtension + "-data"
    for file in DemoData.files {
      let path = (folder as NSString).appendingPathComponent(file.path)
      guard let gzip = Data(base64Encoded: file.gzipBase64, options: .ignoreUnknownCharacters) else {
        throw ArgumentError.invalid("the embedded demo file \(file.path) is not valid base64")
      }
      let input = try UsageInput(data: gzip, uri: file.path)
      var bytes: [UInt8] = []
      while let chunk = try input.nextChunk() { bytes += chunk }
      do {
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
      } catch {
        throw ArgumentError.invalid("cannot write \(path): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
      }
    }
    return folder
  }
}
