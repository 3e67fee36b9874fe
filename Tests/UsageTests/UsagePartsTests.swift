import Foundation
import RateStore
import TestSupport
import Testing

@testable import Usage

/// A large plain CSV export is read in two parts at once; the result must be the one-pass result.
@Suite("Usage: reading a file in two parts")
struct UsagePartsTests {
  let dir = TemporaryDirectory()

  /// The summary and rows of one import, as comparable text.
  func outcome(_ path: String, parallel: Bool, inParts: Bool = true) throws -> String {
    let store = try SharedUsage.store(in: dir)
    let importer = UsageImporter(
      store: store, resolveModel: TestCatalog.resolve, parallelThreshold: parallel ? 1 : UInt64.max)
    let index = try RateIndex(store: store, providers: Pricing.Provider.allCases)
    if parallel { #expect(try (importer.readInParts(path: path, format: nil, index: index) != nil) == inParts) }
    let file = try importer.read(path: path, format: nil, index: index)
    let s = file.summary
    let rows = file.rows.map { "\($0)" }.sorted().joined(separator: "\n")
    let billed = s.billed.map { "\($0.key.rawValue)=\($0.value)" }.sorted()
    let other = s.otherLines.map { "\($0.key.rawValue)=\($0.value)" }.sorted()
    return "\(s.linesRead) \(s.tokenLines) \(s.matchedLines) \(s.unmatchedLines) \(other) \(billed) "
      + "\(s.listTotal) \(s.tokens) \(s.unreconciledLines) \(s.sha256) \(s.sourceKey) \(s.month)\n" + rows
  }

  @Test(
    "the plain CSV samples (and the CUR unzipped) give the same rows and totals in two parts as in one pass",
    arguments: ["azure/cost-details-ea-2026-10.csv", "azure/cost-details-mca-2026-10.csv", "azure/focus12-2026-10.csv", "cur"])
  func sameResult(_ name: String) throws {
    var path = SharedUsage.path(name)
    if name == "cur" {
      path = dir.path("cur.csv")
      let r = try Run.process(URL(fileURLWithPath: "/bin/sh"), ["-c", "gzip -dc '\(SharedUsage.curFile)' > '\(path)'"])
      #expect(r.status == 0)
    }
    #expect(try outcome(path, parallel: true) == outcome(path, parallel: false))
  }

  @Test("a cut inside a quoted field (a tag cell with line breaks across the middle) is read in one pass")
  func cutInsideQuotedField() throws {
    let tags = "\"{\"\"user_app\"\":\"\"t\"\"}\""
    let plain = MiniCUR.line(day: "2026-10-01", sku: "S", amount: "1", rate: "1", cost: "1")
    #expect(plain.hasSuffix(tags))
    // JSON allows line breaks between its tokens: the cell spans 10,000 lines, the middle of the file.
    let spread = String(plain.dropLast(tags.count)) + "\"{" + String(repeating: "\n", count: 10_000) + tags.dropFirst(2)
    let path = try dir.write("cut.csv", MiniCUR.file([plain, spread, plain]))
    #expect(try outcome(path, parallel: true, inParts: false) == outcome(path, parallel: false))
  }

  @Test("a bad export gives the same error in two parts as in one pass", arguments: BadUsageInput.all)
  func sameError(_ input: BadUsageInput) throws {
    func message(_ threshold: UInt64) throws -> String {
      let store = try SharedUsage.emptyStore(in: dir)
      let importer = UsageImporter(store: store, parallelThreshold: threshold)
      do {
        _ = try importer.read(path: input.path, format: input.format, index: RateIndex(records: []))
        return "accepted"
      } catch {
        return (error as? LocalizedError)?.errorDescription ?? "\(error)"
      }
    }
    #expect(try message(1) == message(UInt64.max))
  }
}

import Pricing
