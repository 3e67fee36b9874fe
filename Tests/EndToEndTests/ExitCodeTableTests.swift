import Foundation
import TestSupport
import Testing

/// docs/operations.md's exit-code table against the binary: each documented code is produced by
/// the case below (the mistakes suite checks 64, 65 and 66 case by case), and the table lists
/// exactly these codes.
@Suite("exit codes as documented")
struct ExitCodeTableTests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("codes.sqlite") }

  func ratecard(_ args: [String], db: String? = nil) throws -> ProcessResult {
    try Run.process(
      TestPaths.ratecardBinary, args + ["--db", db ?? self.db, "--quiet"].filter { $0 != "--quiet" || args.first == "import" },
      environment: ["HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path],
      currentDirectory: dir.url)
  }

  func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/\(name)").path
  }

  /// The codes the table in docs/operations.md lists, in order.
  static func documentedCodes() throws -> [Int32] {
    let text = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/operations.md"), encoding: .utf8)
    let section = try #require(text.components(separatedBy: "## Exit codes").dropFirst().first)
      .components(separatedBy: "\n## ")[0]
    return section.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      return cells.first.flatMap { Int32($0) }
    }
  }

  /// Each code's case: the command and the first line of stderr.
  @Test("every documented exit code is produced as the table says, and the table lists exactly these")
  func table() throws {
    var seen: [Int32: String] = [:]
    func check(_ code: Int32, _ args: [String], firstLine prefix: String, db: String? = nil) throws {
      let r = try ratecard(args, db: db)
      let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
      #expect(r.status == code, "\(args): \(r.stderr)")
      #expect(first.hasPrefix(prefix), "\(args): '\(first)'")
      seen[code] = prefix
    }
    try check(0, ["import", fixture("private-v1.csv")], firstLine: "")
    // 1: the database path is a folder.
    try FileManager.default.createDirectory(atPath: dir.path("folder.sqlite"), withIntermediateDirectories: true)
    try check(1, ["import", fixture("private-v1.csv")], firstLine: "Error: \(dir.path("folder.sqlite")): cannot open the database", db: dir.path("folder.sqlite"))
    #expect(try ratecard(["status", "--check"]).status == 0)
    let one = try dir.write(
      "one.csv",
      "provider,service,sku,model,region,scope,tier,meter,unit,price,currency,effective_date\n"
        + "aws,private,P-IN,Claude Sonnet 4.6 (Amazon Bedrock Edition),us-east-1,regional,standard,input,1M tokens,3.00,USD,2026-09-01\n")
    try check(3, ["import", one], firstLine: "Error: refused: ")
    try check(2, ["status", "--check"], firstLine: "unhealthy: ")
    // 4: an Azure page with an item type no reader knows (a skip that is not deliberate).
    let page = try dir.write(
      "azure-page.json",
      "{\"BillingCurrency\":\"USD\",\"Items\":[" + AzureItemJSON.item(meterId: "m-1") + ","
        + AzureItemJSON.item(meterId: "m-2", type: "SomethingNew") + "],\"NextPageLink\":null,\"Count\":2}")
    try check(4, ["import", page, "--strict"], firstLine: "Error: \(page): --strict: rows not imported: ")
    try check(64, ["rates", "--as-of", "2026-02-30"], firstLine: "Error: --as-of: '2026-02-30' is neither")
    try check(65, ["import", fixture("private-truncated.csv")], firstLine: "Error: \(fixture("private-truncated.csv"))")
    try check(66, ["rates"], firstLine: "Error: no database at ", db: dir.path("none.sqlite"))
    try check(69, ["import", "https://no-such-host.invalid/offers.json"], firstLine: "Error: https://no-such-host.invalid/offers.json: fetch failed: unknown host")
    // 75: another process holds the write lock (python3's sqlite3, as any SQLite client could).
    // It holds the lock until its standard input is closed.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = [
      "python3", "-c",
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()",
      db,
    ]
    let out = Pipe()
    let release = Pipe()
    holder.standardOutput = out
    holder.standardInput = release
    try holder.run()
    #expect(String(decoding: out.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("locked"))
    try check(75, ["import", fixture("private-v2.csv"), "--wait", "0.2"], firstLine: "Error: \(db): the database is locked")
    try release.fileHandleForWriting.close()
    holder.waitUntilExit()

    seen[0] = ""
    #expect(try Self.documentedCodes() == seen.keys.sorted())
  }
}
