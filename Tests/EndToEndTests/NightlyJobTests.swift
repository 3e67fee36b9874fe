import Foundation
import TestSupport
import Testing

/// What a nightly job sees: the version, run and batch ids, `runs`, `status --check`, `forget`.
@Suite("ratecard nightly job end to end")
struct NightlyJobTests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("nightly.sqlite") }

  func ratecard(_ args: String...) throws -> ProcessResult {
    try Run.process(
      TestPaths.ratecardBinary, args + ["--db", db],
      environment: ["HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path],
      currentDirectory: dir.url)
  }

  func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/\(name)").path
  }

  func json(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }

  @Test("--version prints the version; the import summary names it with the batch")
  func version() throws {
    let v = try Run.process(TestPaths.ratecardBinary, ["--version"])
    #expect(v.status == 0)
    let version = v.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." }, "\(version)")
    let r = try ratecard("import", fixture("private-v1.csv"), "--quiet")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("batch 1 (ratecard \(version)): --as-of batch:1"))
  }

  @Test("one import command is one batch: runs lists ids and batches; --as-of and diff name a batch")
  func runsAndBatches() throws {
    // Batch 1: two sources (runs 1 and 2); batch 2: the first source changed (run 4; the
    // unchanged one is recorded first, run 3).
    var r = try ratecard("import", fixture("private-v1.csv"), TestPaths.packageRoot.appendingPathComponent("data/sheets/aws/AmazonBedrock-eu-central-1.json").path, "--quiet")
    #expect(r.status == 0, "\(r.stderr)")
    r = try ratecard("import", fixture("private-v2.csv"), TestPaths.packageRoot.appendingPathComponent("data/sheets/aws/AmazonBedrock-eu-central-1.json").path, "--quiet", "-o", "json")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try json(r.stdout).compactMap { $0["run"] as? Int } == [4, 3])
    #expect(try json(r.stdout).allSatisfy { $0["batch"] as? Int == 2 && ($0["ratecardVersion"] as? String)?.isEmpty == false })

    r = try ratecard("runs", "-o", "json")
    #expect(r.status == 0, "\(r.stderr)")
    let runs = try json(r.stdout)
    #expect(runs.compactMap { $0["id"] as? Int } == [4, 3, 2, 1])
    #expect(runs.compactMap { $0["batch"] as? Int } == [2, 2, 1, 1])
    #expect(runs.compactMap { $0["status"] as? String } == ["ok", "unchanged", "ok", "ok"])
    r = try ratecard("runs")
    #expect(r.stdout.hasPrefix("id  batch  finishedAt"), "\(r.stdout)")

    r = try ratecard("diff", "--from", "batch:1", "--to", "batch:2")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("0 added, 1 changed, 0 withdrawn"), "\(r.stdout)")
    let before = try ratecard("rates", "--sku", "P-OUT", "--as-of", "batch:1", "-o", "json")
    #expect(try json(before.stdout).first?["price"] as? String == "15")
    let after = try ratecard("rates", "--sku", "P-OUT", "--as-of", "batch:2", "-o", "json")
    #expect(try json(after.stdout).first?["price"] as? String == "14.25")
    // A date names the effective date by default; --date-basis imported names the import time
    // (both imports ran today, after the sheets' effective dates in September and October 2026).
    let effective = try ratecard("rates", "--sku", "P-OUT", "--as-of", "2026-09-15", "-o", "json")
    #expect(try json(effective.stdout).first?["price"] as? String == "15")
    let importedBy = try ratecard("rates", "--sku", "P-OUT", "--as-of", "2026-09-15", "--date-basis", "imported", "-o", "json")
    #expect(try json(importedBy.stdout).isEmpty)
    let importedNow = try ratecard("rates", "--sku", "P-OUT", "--as-of", "9999-12-31", "--date-basis", "imported", "-o", "json")
    #expect(try json(importedNow.stdout).first?["price"] as? String == "14.25")
  }

  @Test("status shows run ids; status --check exits 2 after a failed import and 0 once it is forgotten")
  func statusCheck() throws {
    #expect(try ratecard("import", fixture("private-v1.csv"), "--quiet").status == 0)
    var r = try ratecard("status", "--check")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("source") && r.stdout.contains("lastRun"))

    let truncated = fixture("private-truncated.csv")
    #expect(try ratecard("import", truncated, "--quiet").status == 65)
    r = try ratecard("status", "--check")
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("unhealthy: \(truncated): stale (last successful import never"), "\(r.stderr)")
    #expect(r.stderr.contains("unhealthy: \(truncated): last import (run 2) failed\n"), "\(r.stderr)")

    r = try ratecard("forget", truncated)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try ratecard("status", "--check").status == 0)
    #expect(!(try ratecard("status").stdout.contains("private-truncated")))
    // The runs stay.
    #expect(try ratecard("runs").stdout.contains("private-truncated"))
    // A source with current rates is not forgotten; an unknown one is a usage error.
    let rated = try json(try ratecard("status", "-o", "json").stdout).first?["source"] as? String ?? ""
    r = try ratecard("forget", rated)
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: \(rated) has 5 current rate(s): it is not forgotten"), "\(r.stderr)")
    r = try ratecard("forget", "no-such-source")
    #expect(r.status == 64 && r.stderr.hasPrefix("Error: unknown source 'no-such-source'"))
  }

  @Test("status --check on a store that never imported anything is unhealthy")
  func checkEmpty() throws {
    #expect(try ratecard("import", dir.path("missing.csv"), "--quiet").status == 65)
    let r = try ratecard("status", "--check")
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("unhealthy: no source was ever imported"))
  }

  @Test("a failed import of a source that imported before is recorded under its logical source")
  func failureUnderLogicalSource() throws {
    let sheet = dir.path("prices.csv")
    try FileManager.default.copyItem(atPath: fixture("private-v1.csv"), toPath: sheet)
    #expect(try ratecard("import", sheet, "--quiet").status == 0)
    let source = try json(try ratecard("status", "-o", "json").stdout).first?["source"] as? String ?? ""
    #expect(source.hasPrefix("ratecard-csv|"), "\(source)")
    // The same path, now truncated: the failure shows against the source it would have updated.
    try FileManager.default.removeItem(atPath: sheet)
    try FileManager.default.copyItem(atPath: fixture("private-truncated.csv"), toPath: sheet)
    #expect(try ratecard("import", sheet, "--quiet").status == 65)
    let status = try json(try ratecard("status", "-o", "json").stdout)
    #expect(status.count == 1)
    #expect(status.first?["source"] as? String == source)
    #expect(status.first?["lastStatus"] as? String == "failed")
    #expect(status.first?["lastRun"] as? Int == 2)
    let r = try ratecard("status", "--check")
    #expect(r.status == 2)
    #expect(r.stderr == "unhealthy: \(source): last import (run 2) failed\n")
  }
}
