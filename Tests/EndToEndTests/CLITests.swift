import Foundation
import TestSupport
import Testing

/// Runs the built `ratecard` binary as a user would, checking output and exit codes.
@Suite("ratecard binary end to end")
struct CLITests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("e2e.sqlite") }

  func ratecard(_ args: String..., env: [String: String] = [:]) throws -> ProcessResult {
    try Run.process(TestPaths.ratecardBinary, args, environment: env, currentDirectory: dir.url)
  }

  func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/\(name)").path
  }

  @Test("import, re-import, change, query, diff and a truncated file, with exit codes")
  func importAndQuery() throws {
    var r = try ratecard("import", fixture("private-v1.csv"), "--db", db, "-o", "json")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\"status\": \"ok\""))
    #expect(r.stdout.contains("\"added\": 5"))

    r = try ratecard("import", fixture("private-v1.csv"), "--db", db)
    #expect(r.status == 0)
    #expect(r.stdout.contains("unchanged"))

    r = try ratecard("import", fixture("private-v2.csv"), "--db", db, "--quiet")
    #expect(r.status == 0)

    // The database also comes from RATECARD_DB.
    r = try ratecard("rates", "--sku", "P-OUT", "-o", "json", env: ["RATECARD_DB": db])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(json.count == 1)
    #expect(json.first?["price"] as? String == "14.25")
    #expect(json.first?["sheetPrice"] as? String == "14.25")
    #expect(json.first?["sheetKey"] as? String == "P-OUT")
    let keys = Set(json.first?.keys.map { $0 } ?? [])
    #expect(
      keys.isSuperset(of: [
        "provider", "service", "sku", "sheetKey", "sheetModel", "model", "region", "scope", "tier",
        "meter", "variant", "commitment", "sheetUnit", "sheetPrice", "unit", "price", "currency",
        "effectiveFrom", "effectiveTo",
      ]))

    r = try ratecard("history", "--sku", "P-OUT", "--db", db, "-o", "csv")
    #expect(r.status == 0)
    #expect(r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)  // header + two versions

    r = try ratecard("diff", "--from", "1", "--to", "3", "--db", db)
    #expect(r.status == 0)
    #expect(r.stdout.contains("0 added, 1 changed, 0 withdrawn"))

    r = try ratecard("diff", "--from", "2026-09-15", "--to", "2026-10-15", "--db", db, "-o", "json")
    #expect(r.status == 0)
    #expect(r.stdout.contains("\"oldPrice\": \"15\""))
    #expect(r.stdout.contains("\"newPrice\": \"14.25\""))

    // A truncated file: clear error on stderr naming file and line, exit 65, nothing changed.
    let before = try ratecard("rates", "--db", db, "-o", "csv").stdout
    r = try ratecard("import", fixture("private-truncated.csv"), "--db", db)
    #expect(r.status == 65)
    #expect(r.stderr.contains("private-truncated.csv"))
    #expect(r.stderr.contains("line 3"))
    #expect(try ratecard("rates", "--db", db, "-o", "csv").stdout == before)

    r = try ratecard("status", "--db", db, "-o", "json")
    #expect(r.status == 0)
    #expect(r.stdout.contains("\"lastStatus\": \"failed\""))
  }

  @Test("argument errors exit 64; a missing source exits 65")
  func exitCodes() throws {
    var r = try ratecard("rates", "--scope", "planetary", "--db", db)
    #expect(r.status == 64)
    r = try ratecard("import", dir.path("nope.json"), "--db", db)
    #expect(r.status == 65)
    #expect(r.stderr.contains("nope.json"))
    // The demo on a --data folder without sheets/: a usage error that says what is missing, and
    // no database is created.
    let demoDB = dir.path("demo.sqlite")
    r = try ratecard("demo", "--data", dir.path("nothing"), "--db", demoDB)
    #expect(r.status == 64)
    #expect(r.stderr.contains("nothing/sheets") && r.stderr.contains("--data"))
    #expect(!FileManager.default.fileExists(atPath: demoDB))
  }

  @Test("the binary works when copied elsewhere and run from another directory")
  func copiedBinary() throws {
    let copy = dir.url.appendingPathComponent("bin/ratecard")
    try FileManager.default.createDirectory(
      at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: TestPaths.ratecardBinary, to: copy)
    let r = try Run.process(
      copy, ["import", fixture("private-v1.csv"), "--db", dir.path("copy.sqlite")],
      currentDirectory: URL(fileURLWithPath: "/"))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("ok"))
  }
}
