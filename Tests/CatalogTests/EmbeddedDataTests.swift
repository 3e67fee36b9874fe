@testable import Catalog
import Foundation
import Testing

@Suite struct EmbeddedDataTests {
  @Test func embeddedCopyEqualsDataFiles() throws {
    let embedded = CatalogSource.embedded
    let dataDir = CatalogTestData.root.appendingPathComponent("data")
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: dataDir.path)
      .filter { $0.hasSuffix(".csv") }.sorted()
    #expect(embedded.map { String($0.name.dropFirst("data/".count)) }.sorted() == onDisk)
    for source in embedded {
      let file = try String(
        contentsOf: CatalogTestData.root.appendingPathComponent(source.name), encoding: .utf8)
      #expect(source.text == file, "\(source.name) differs from the embedded copy: run scripts/embed-data.py")
    }
  }

  /// The hash written by scripts/embed-data.py is the one computed from the embedded texts, and a
  /// catalogue with user files still hashes its texts.
  @Test func embeddedContentHashMatchesTheTexts() throws {
    let embedded = CatalogSource.embedded
    #expect(EmbeddedData.contentHash == ModelCatalog.hash(of: embedded), "run scripts/embed-data.py")
    #expect(ModelCatalog.isEmbeddedOnly(embedded))
    #expect(try ModelCatalog.embedded().contentHash == EmbeddedData.contentHash)
    let user = CatalogSource(name: "extra.csv", text: "model_id,benchmark,score,scale\n", isUser: true)
    #expect(!ModelCatalog.isEmbeddedOnly(embedded + [user]))
    var relabelled = embedded
    relabelled[0].isUser = true
    #expect(!ModelCatalog.isEmbeddedOnly(relabelled))
    #expect(ModelCatalog.hash(of: relabelled) != EmbeddedData.contentHash)
  }

  @Test func sharedModelFilesAreCarriedUnchanged() throws {
    for name in ["models.csv", "aliases.csv", "quality.csv"] {
      let shared = try Data(contentsOf: CatalogTestData.shared.appendingPathComponent("models/" + name))
      let ours = try Data(contentsOf: CatalogTestData.root.appendingPathComponent("data/" + name))
      #expect(shared == ours, "data/\(name) differs from ../shared/models/\(name)")
    }
  }

  @Test func embeddedCatalogueLoadsWithEveryTable() throws {
    let catalog = try ModelCatalog.embedded()
    #expect(catalog.models.count == 212 + 58)
    #expect(catalog.aliases.count == 555 + 115)
    #expect(catalog.scores.count == 574)
    #expect(catalog.regions.count == 124)
    #expect(catalog.model("openai/gpt-oss-120b")?.openWeights == true)
  }

  /// A binary copied away from its build folder (and run from another directory) still knows the
  /// catalogue: the data is compiled in.
  @Test func copiedBinaryStillHasTheCatalogue() throws {
    let built = CatalogTestData.root.appendingPathComponent(".build/debug/ratecard")
    try #require(FileManager.default.isExecutableFile(atPath: built.path), "build ratecard first")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ratecard-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent("ratecard")
    try FileManager.default.copyItem(at: built, to: copy)
    let process = Process()
    process.executableURL = copy
    process.currentDirectoryURL = dir
    process.arguments = [
      "catalog", "resolve", "gpt-oss-120B", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", "-o", "csv",
    ]
    process.environment = [
      "HOME": dir.path, "XDG_CONFIG_HOME": dir.appendingPathComponent("config").path,
      "RATECARD_DB": dir.appendingPathComponent("db.sqlite").path,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0)
    #expect(text.contains("gpt-oss-120B,openai/gpt-oss-120b,chat"))
    #expect(text.contains("Claude Sonnet 4.6 (Amazon Bedrock Edition),anthropic/claude-sonnet-4.6,chat"))
  }
}
