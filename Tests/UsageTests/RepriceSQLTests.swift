import Foundation
import Pricing
import TestSupport
import Testing

@testable import Usage

/// The SQL engines the tests run `reprice.sql` in, when present.
enum SQLEngines {
  static let scripts = TestPaths.packageRoot.appendingPathComponent("Tests/UsageTests/Fixtures/SQL")
  static let python = URL(fileURLWithPath: "/usr/bin/env")

  static func python(_ args: [String]) throws -> ProcessResult { try Run.process(python, ["python3"] + args) }

  static let duckdb: Bool = (try? python(["-c", "import duckdb"]).status) == 0
  static let java: Bool = (try? Run.process(python, ["java", "-version"]).status) == 0
  static let spark: Bool = java && (try? python(["-c", "import pyspark"]).status) == 0

  /// Runs the emitted SQL of each folder over its bill in one engine session: per job, the
  /// result's rows as column name to text.
  static func run(_ engine: SQLDialect, _ jobs: [(dir: String, cur: String)], typed: Bool = false) throws
    -> [[[String: String?]]]
  {
    let script = scripts.appendingPathComponent("run_reprice_sql.py").path
    let r = try python([script, engine.rawValue] + (typed ? ["--typed"] : []) + jobs.flatMap { [$0.dir, $0.cur] })
    #expect(r.status == 0, "\(engine) failed: \(r.stderr.suffix(3000))")
    let results = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    return results.map { result in
      let columns = result["columns"] as? [String] ?? []
      let rows = result["rows"] as? [[Any]] ?? []
      return rows.map { row in
        Dictionary(uniqueKeysWithValues: zip(columns, row.map { $0 as? String }))
      }
    }
  }

  /// The result's totals (summed over its groups, exactly).
  static func totals(_ rows: [[String: String?]]) -> (actual: Decimal, list: Decimal, repriced: Decimal, unpriced: Decimal) {
    func sum(_ c: String) -> Decimal { rows.map { ($0[c] ?? nil).flatMap(ExactDecimal.parse) ?? 0 }.reduce(0, +) }
    return (sum("actual_cost"), sum("list_cost"), sum("repriced_cost"), sum("unpriced_tokens"))
  }
}

/// `ratecard reprice --emit-sql`, run in DuckDB and Spark local mode: the same totals as
/// `ratecard reprice -o json` on the same bill, to the last digit.
@Suite("Reprice as SQL: DuckDB and Spark give ratecard reprice's totals", .serialized)
struct RepriceSQLTests {
  let dir = TemporaryDirectory()

  func ratecard(_ args: [String]) throws -> ProcessResult {
    try Run.process(TestPaths.ratecardBinary, args, environment: ["HOME": dir.path("home")], currentDirectory: dir.url)
  }

  /// A store with the sample sheets and `cur` imported.
  func database(importing cur: String) throws -> String {
    let store = try SharedUsage.store(in: dir)
    let path = store.path
    try store.close()
    let r = try ratecard(["usage", "import", cur, "--db", path])
    #expect(r.status == 0, "\(r.stderr)")
    return path
  }

  /// A what-if: `ratecard reprice -o json`'s totals, and the folders its `--emit-sql` wrote per engine.
  struct WhatIf {
    var args: [String]
    var json: [String: Any]
    var unpricedTokens: Int
    var folders: [SQLDialect: String] = [:]
  }

  func whatIf(_ db: String, _ args: [String], engines: [SQLDialect]) throws -> WhatIf {
    // `--by` groups the SQL's result only; the JSON has the totals.
    var plain = args
    if let i = plain.firstIndex(of: "--by") { plain.removeSubrange(i...(i + 1)) }
    let r = try ratecard(["reprice", "--db", db] + plain + ["-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let results = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(results.count == 1, "one currency")
    let json = try #require(results.first)
    let unpriced = (json["unpriced"] as? [[String: Any]] ?? []).map { $0["tokens"] as? Int ?? 0 }.reduce(0, +)
    var w = WhatIf(args: args, json: json, unpricedTokens: unpriced)
    for engine in engines {
      let out = dir.path("sql-\(engine.rawValue)-\(UUID().uuidString)")
      let e = try ratecard(["reprice", "--db", db] + args + ["--emit-sql", engine.rawValue, "--output", out])
      #expect(e.status == 0, "\(e.stderr)")
      w.folders[engine] = out
    }
    return w
  }

  /// The engine's totals equal the JSON's, compared as exact decimal text.
  func check(_ w: WhatIf, _ rows: [[String: String?]], _ label: String) {
    let t = SQLEngines.totals(rows)
    #expect(t.actual.exactText == w.json["actualCost"] as? String, "\(label) \(w.args): actual cost")
    #expect(t.list.exactText == w.json["listCost"] as? String, "\(label) \(w.args): list cost")
    #expect(t.repriced.exactText == w.json["repricedCost"] as? String, "\(label) \(w.args): re-priced cost")
    #expect(t.unpriced == Decimal(w.unpricedTokens), "\(label) \(w.args): unpriced tokens")
    #expect(!rows.isEmpty, "\(label) \(w.args): no rows")
  }

  static let sampleWhatIfs: [[String]] = [
    // expected.json's first what-if: the AWS gpt-oss-120b month on Azure eastus2 Global Standard.
    ["--model", "gpt-oss-120b", "--to-provider", "azure", "--to-region", "eastus2", "--to-scope", "global"],
    // The whole month on Azure: partial (models Azure does not sell), by model.
    ["--to-provider", "azure", "--to-region", "eastus2", "--to-scope", "global", "--by", "model"],
    // The Llama batch month at on-demand prices, by month.
    ["--to-tier", "standard", "--by", "month"],
    ["--to-scope", "global", "--tag", "app=rag-eu"],
  ]

  @Test(
    "the sample month's CUR in DuckDB (text and typed columns): four what-ifs, totals exactly as reprice -o json",
    .enabled(if: SQLEngines.duckdb, "duckdb is not installed (pip install duckdb): the DuckDB run is skipped"))
  func sampleDuckDB() throws {
    let db = try database(importing: SharedUsage.curFile)
    let whatIfs = try Self.sampleWhatIfs.map { try whatIf(db, $0, engines: [.duckdb]) }
    #expect((whatIfs[1].json["partial"] as? Bool) == true)
    #expect(whatIfs[1].unpricedTokens > 0)
    let expected = SharedUsage.decimal((SharedUsage.expected["reprice"] as? [[String: Any]])?[0]["cost"])
    #expect(ExactDecimal.parse(whatIfs[0].json["repricedCost"] as? String ?? "") == expected)
    for typed in [false, true] {
      let results = try SQLEngines.run(.duckdb, whatIfs.map { ($0.folders[.duckdb]!, SharedUsage.curFile) }, typed: typed)
      for (w, rows) in zip(whatIfs, results) { check(w, rows, typed ? "duckdb typed" : "duckdb") }
    }
  }

  /// A bill on the private Nova Pro rates (``RepriceTests/privateStore(in:)``): the us-west-2
  /// input price changes on 2026-10-15, us-west-2 has no output price, and a cache read falls back
  /// to plain input; with an EC2 line, a tax line and an odd unit that are not token usage.
  func historyBill() throws -> (db: String, cur: String) {
    let store = try RepriceTests().privateStore(in: dir)
    let db = store.path
    try store.close()
    let header = RepriceSQL.curColumns.joined(separator: ",") + ",bill_payer_account_id"
    func line(_ day: String, _ type: String, _ code: String, _ unit: String, _ sku: String, _ amount: String, _ cost: String)
      -> String
    {
      [
        "\(day)T00:00:00Z", type, code, code, "AWS", "", unit, "desc", "us-east-1", sku, "USE1-\(sku)", "111",
        "\"{\"\"user_app\"\":\"\"t\"\"}\"", "USD", amount, cost, "999",
      ].joined(separator: ",")
    }
    let lines = [
      line("2026-10-10", "Usage", "AmazonBedrock", "1K tokens", "E-IN", "1000.5", "1.0005"),
      line("2026-10-20", "Usage", "AmazonBedrock", "1K tokens", "E-IN", "1000", "1"),
      line("2026-10-20", "DiscountedUsage", "AmazonBedrock", " 1k Tokens ", "E-IN", "0.0004", "0.0000004"),
      line("2026-10-10", "Usage", "AmazonBedrock", "1M tokens", "E-OUT", "1", "4"),
      line("2026-10-10", "Usage", "AmazonBedrock", "tokens", "E-CR", "1000000", "0.25"),
      line("2026-10-10", "Usage", "AmazonEC2", "Hrs", "EC2", "24", "9.5"),
      line("2026-10-10", "Tax", "AmazonBedrock", "", "", "", "0.5"),
      line("2026-10-11", "Usage", "AmazonBedrock", "1K text units", "E-IN", "10", "0.01"),
    ]
    let cur = try dir.write("history-cur.csv", ([header] + lines).joined(separator: "\n") + "\n")
    let r = try ratecard(["usage", "import", cur, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    return (db, cur)
  }

  /// The history what-if, with its own expectations checked.
  func historyWhatIf(_ engines: [SQLDialect]) throws -> (WhatIf, String) {
    let (db, cur) = try historyBill()
    let w = try whatIf(db, ["--to-region", "us-west-2", "--by", "month"], engines: engines)
    // 1,000,500 tokens on 10-10 at 2.00 and 1,000,000 on 10-20 at 3.00 (and 0.4 of a token, rounded away),
    // the cache read at plain input (2.00); the output has no price at us-west-2.
    #expect(w.json["repricedCost"] as? String == "7.001")
    #expect(w.unpricedTokens == 1_000_000)
    let map = try String(contentsOfFile: w.folders[engines[0]]! + "/price_map.csv", encoding: .utf8)
    #expect(map.contains("sku,E-IN,us-east-1,2026-10-15,9999-12-31,matched,"), "the map splits at the target's change")
    return (w, cur)
  }

  @Test(
    "a price change inside the month, a missing target meter and a cache fallback: DuckDB gives each day its price",
    .enabled(if: SQLEngines.duckdb, "duckdb is not installed (pip install duckdb)"))
  func history() throws {
    let (w, cur) = try historyWhatIf([.duckdb])
    check(w, try SQLEngines.run(.duckdb, [(w.folders[.duckdb]!, cur)])[0], "duckdb")
  }

  /// The FOCUS and cost details exports of the sample month, each imported into one store: per
  /// export, a what-if on its usage alone (`--source`), and the table its SQL reads it as.
  func tableWhatIfs(_ engines: [SQLDialect]) throws -> [(w: WhatIf, bill: String)] {
    let store = try SharedUsage.store(in: dir)
    let db = store.path
    try store.close()
    let files = [SharedUsage.awsFocusFile, SharedUsage.azureFocusFile, SharedUsage.eaFile, SharedUsage.mcaFile]
    let r = try ratecard(["usage", "import"] + files + ["--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    let cases: [(source: String, table: String, file: String, args: [String])] = [
      ("aws-focus", "focus", SharedUsage.awsFocusFile, ["--to-tier", "standard", "--by", "model"]),
      ("azure-focus", "focus", SharedUsage.azureFocusFile, ["--to-scope", "global"]),
      ("azure-ea", "costdetails", SharedUsage.eaFile, ["--to-scope", "global", "--by", "month"]),
      ("azure-mca", "costdetails", SharedUsage.mcaFile, ["--to-provider", "aws", "--to-region", "us-east-1", "--to-scope", "regional", "--by", "model"]),
    ]
    // A table that holds two formats needs to be told which.
    let ambiguous = try ratecard(["reprice", "--db", db, "--source-table", "costdetails", "--emit-sql", "duckdb", "--output", dir.path("x")])
    #expect(ambiguous.status == 64 && ambiguous.stderr.contains("--source"), "\(ambiguous.stderr)")
    return try cases.map { c in
      let w = try whatIf(db, ["--source", c.source, "--source-table", c.table] + c.args, engines: engines)
      return (w, "\(c.table)=\(c.file)")
    }
  }

  @Test(
    "the FOCUS (AWS, Azure) and cost details (EA, MCA) exports in DuckDB, text and typed: totals exactly as reprice -o json",
    .enabled(if: SQLEngines.duckdb, "duckdb is not installed (pip install duckdb)"))
  func tablesDuckDB() throws {
    let whatIfs = try tableWhatIfs([.duckdb])
    #expect(whatIfs.allSatisfy { ExactDecimal.parse($0.w.json["repricedCost"] as? String ?? "") ?? 0 > 0 })
    // The Azure month on AWS: gpt-oss-120b is priced there, gpt-4o is not.
    #expect((whatIfs[3].w.json["partial"] as? Bool) == true)
    #expect(whatIfs[3].w.unpricedTokens > 0)
    for typed in [false, true] {
      let jobs = whatIfs.map { ($0.w.folders[.duckdb]!, typed ? $0.bill.replacingOccurrences(of: "=", with: ":typed=") : $0.bill) }
      for (w, rows) in zip(whatIfs.map(\.w), try SQLEngines.run(.duckdb, jobs)) { check(w, rows, typed ? "duckdb typed" : "duckdb") }
    }
  }

  /// A bill of Nova Pro lines (Fixtures/SQL/cross-region-cur.csv) on the private rates plus a EUR
  /// sheet in eu-west-3: lines in us-west-2 and eu-west-3 whose SKU has rates only in us-east-1
  /// (re-priced in the line's region, as reprice does), one in eu-west-1 where Nova Pro has no
  /// rate at all; what-ifs without a target region, with --fx, and at eu-west-3 with --fx.
  func crossRegionWhatIfs(_ engines: [SQLDialect]) throws -> (whatIfs: [WhatIf], bill: String) {
    let store = try RepriceTests().privateStore(in: dir)
    let db = store.path
    try store.close()
    let fixtures = SQLEngines.scripts
    let eur = try ratecard(["import", fixtures.appendingPathComponent("eur-sheet.csv").path, "--db", db, "--quiet"])
    #expect(eur.status == 0, "\(eur.stderr)")
    let bill = fixtures.appendingPathComponent("cross-region-cur.csv").path
    let r = try ratecard(["usage", "import", bill, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    let whatIfs = try [
      ["--by", "month"],
      ["--fx", "EUR=0.87"],
      ["--to-region", "eu-west-3", "--fx", "EUR=0.87", "--fx", "GBP=0.79", "--by", "month"],
    ].map { try whatIf(db, $0 + ["--tag", "app=x"], engines: engines) }  // the fixture's lines only
    return (whatIfs, bill)
  }

  @Test(
    "a SKU with rates only in another region, and --fx: DuckDB re-prices each line in its own region and converts as reprice does",
    .enabled(if: SQLEngines.duckdb, "duckdb is not installed (pip install duckdb)"))
  func crossRegionAndFx() throws {
    let (whatIfs, bill) = try crossRegionWhatIfs([.duckdb])
    // Without --to-region: us-east-1 1M at 1.00, us-west-2 1M at 2.00 (10-10) and 0.5M at 3.00
    // (10-20), the privateStore's own us-east-1 lines, eu-west-3 priced only in EUR (refused),
    // eu-west-1 without any Nova Pro rate.
    let plain = whatIfs[0]
    let reasons = (plain.json["unpriced"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
    #expect(reasons.contains { $0.contains("--fx EUR=RATE") }, "eu-west-3: priced only in EUR")
    #expect(reasons.contains { $0.contains("eu-west-1") }, "eu-west-1: no Nova Pro rate")
    let lines = plain.json["lines"] as? [[String: Any]] ?? []
    #expect(lines.contains { ($0["toRegion"] as? String) == "us-west-2" }, "us-west-2 lines priced in us-west-2")
    // With --fx EUR=0.87 the eu-west-3 line is converted: 2M x (0.00000086 / 0.87, to 18 decimals).
    let perToken = ExactDecimal.round(Decimal(string: "0.00000086")! / Decimal(string: "0.87")!, scale: 18)
    let fx = ExactDecimal.parse(whatIfs[1].json["repricedCost"] as? String ?? "") ?? 0
    let plainCost = ExactDecimal.parse(plain.json["repricedCost"] as? String ?? "") ?? 0
    #expect(fx - plainCost == 2_000_000 * perToken)
    let map = try String(contentsOfFile: whatIfs[2].folders[.duckdb]! + "/price_map.csv", encoding: .utf8)
    #expect(map.contains(",EUR,0.87,\(perToken.exactText),"), "the map carries the rate and the converted price")
    let results = try SQLEngines.run(.duckdb, whatIfs.map { ($0.folders[.duckdb]!, bill) })
    for (w, rows) in zip(whatIfs, results) { check(w, rows, "duckdb") }
  }

  @Test(
    "Spark local mode, one session: the sample CUR (text, typed), FOCUS and cost details, the history and cross-region bills",
    .enabled(if: SQLEngines.spark, "Java or pyspark is absent: the Spark local-mode run is skipped"))
  func spark() throws {
    let db = try database(importing: SharedUsage.curFile)
    let sample = try Self.sampleWhatIfs.map { try whatIf(db, $0, engines: [.spark]) }
    var jobs: [(w: WhatIf, bill: String, label: String)] = sample.map { ($0, SharedUsage.curFile, "spark") }
    jobs.append((sample[2], "cur:typed=" + SharedUsage.curFile, "spark typed"))
    jobs += try tableWhatIfs([.spark]).map { ($0.w, $0.bill, "spark") }
    let (history, historyCur) = try historyWhatIf([.spark])
    jobs.append((history, historyCur, "spark"))
    let cross = try crossRegionWhatIfs([.spark])
    jobs += cross.whatIfs.map { ($0, cross.bill, "spark") }
    let results = try SQLEngines.run(.spark, jobs.map { ($0.w.folders[.spark]!, $0.bill) })
    #expect(results.count == jobs.count)
    for (job, rows) in zip(jobs, results) { check(job.w, rows, job.label) }
  }

  /// A synthetic CUR month of 1,000,000 lines from the sample's lines, written once per test run.
  static let synthetic: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ratecard-cur-1m-\(getpid()).csv").path
    if FileManager.default.fileExists(atPath: path) { return path }
    let script = SQLEngines.scripts.appendingPathComponent("synthetic_cur.py").path
    let r = try? SQLEngines.python([script, SharedUsage.curFile, "1000000", path])
    if r?.status != 0 { Issue.record("the synthetic CUR was not written: \(r?.stderr ?? "")") }
    return path
  }()

  @Test(
    "a synthetic CUR of 1,000,000 lines: DuckDB and Spark local mode give reprice -o json's totals exactly",
    .enabled(if: SQLEngines.duckdb, "duckdb is not installed (pip install duckdb)"))
  func million() throws {
    let cur = Self.synthetic
    defer { try? FileManager.default.removeItem(atPath: cur) }
    let db = try database(importing: cur)
    let engines: [SQLDialect] = SQLEngines.spark ? [.duckdb, .spark] : [.duckdb]
    let w = try whatIf(db, ["--to-tier", "standard", "--to-scope", "global", "--by", "app"], engines: engines)
    for engine in engines {
      let rows = try SQLEngines.run(engine, [(w.folders[engine]!, cur)])
      check(w, rows[0], engine.rawValue)
      #expect(rows[0].count == 8, "eight apps (one of them none)")
    }
    if !SQLEngines.spark { print("Spark skipped: Java or pyspark is absent") }
    #expect(SQLEngines.spark || !SQLEngines.java, "Java is here: pyspark must run (pip install pyspark)")
  }

  @Test("the SQL's token-unit rule is the readers' rule: a unit is a token unit in SQL exactly when TokenUnits says so")
  func unitRuleFromOneTable() throws {
    let regex = try Regex(RepriceSQL.unitRegex)
    for unit in ["1K tokens", "1M Tokens", "1000 Tokens", "tokens", " 1k token ", "k tokens", "0 tokens", "1 K tokens",
      "1K text units", "Units", "1234567890 tokens", "1ktokens", "Hrs"]
    {
      let sql = (try? regex.wholeMatch(in: unit.lowercased())) != nil
      let swift = TokenUnits.blockSize(unit) != nil
      // The SQL also requires a block above zero (checked apart): "0 tokens" matches the pattern only.
      #expect(sql == swift || unit == "0 tokens", "\(unit): SQL \(sql), readers \(swift)")
    }
  }

  @Test("Azure's block units (the word tokens optional): the SQL's pattern is TokenUnits' rule")
  func azureUnitRule() throws {
    let regex = try Regex(RepriceSQL.unitRegex(requireWord: false))
    for unit in ["1K", "1M", "1K Tokens", "1M tokens", "1000", "10K", "tokens", "", "k", "Units", "1 Hour", "1/Hour",
      "0", "1234567890", "1 k"]
    {
      let sql = (try? regex.wholeMatch(in: unit.lowercased())) != nil
      let swift = TokenUnits.blockSize(unit, requireWord: false) != nil
      #expect(sql == swift || unit == "0", "\(unit): SQL \(sql), readers \(swift)")
    }
  }
}
