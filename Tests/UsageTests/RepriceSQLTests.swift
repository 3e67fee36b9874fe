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

  @Test(
    "the sample month's CUR in Spark local mode (text and typed columns): totals exactly as reprice -o json",
    .enabled(if: SQLEngines.spark, "Java or pyspark is absent: the Spark local-mode run is skipped"))
  func sampleSpark() throws {
    let db = try database(importing: SharedUsage.curFile)
    let whatIfs = try Self.sampleWhatIfs.map { try whatIf(db, $0, engines: [.spark]) }
    let results = try SQLEngines.run(.spark, whatIfs.map { ($0.folders[.spark]!, SharedUsage.curFile) })
    for (w, rows) in zip(whatIfs, results) { check(w, rows, "spark") }
    let typed = try SQLEngines.run(.spark, [(whatIfs[2].folders[.spark]!, SharedUsage.curFile)], typed: true)
    check(whatIfs[2], typed[0], "spark typed")
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

  @Test(
    "a price change inside the month, a missing target meter and a cache fallback: DuckDB and Spark give each day its price",
    .enabled(if: SQLEngines.duckdb, "duckdb is not installed (pip install duckdb)"))
  func history() throws {
    let (db, cur) = try historyBill()
    let engines: [SQLDialect] = SQLEngines.spark ? [.duckdb, .spark] : [.duckdb]
    let w = try whatIf(db, ["--to-region", "us-west-2", "--by", "month"], engines: engines)
    // 1,000,500 tokens on 10-10 at 2.00 and 1,000,000 on 10-20 at 3.00 (and 0.4 of a token, rounded away),
    // the cache read at plain input (2.00); the output has no price at us-west-2.
    #expect(w.json["repricedCost"] as? String == "7.001")
    #expect(w.unpricedTokens == 1_000_000)
    let map = try String(contentsOfFile: w.folders[.duckdb]! + "/price_map.csv", encoding: .utf8)
    #expect(map.contains("sku,E-IN,us-east-1,2026-10-15,9999-12-31,matched,"), "the map splits at the target's change")
    for engine in engines {
      let rows = try SQLEngines.run(engine, [(w.folders[engine]!, cur)])
      check(w, rows[0], engine.rawValue)
    }
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
}
