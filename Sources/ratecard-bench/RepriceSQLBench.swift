import Foundation

/// Re-pricing at scale (issue 21): a synthetic CUR 2.0 month of 1,000,000 and 10,000,000 lines
/// (Tests/UsageTests/Fixtures/SQL/synthetic_cur.py, generated on the fly), re-priced at the
/// standard tier by ratecard alone (`usage import` then `reprice -o json`), and by the SQL that
/// `reprice --emit-sql` writes, in DuckDB and in Spark local mode (run_reprice_sql.py): wall time
/// and peak memory of each, and whether the totals agree. An engine that is absent is skipped with
/// a line saying so.
struct RepriceSQLBench {
  let runner: Runner
  /// The folder holding synthetic_cur.py and run_reprice_sql.py.
  let scripts: String
  let sizes: [Int]
  /// False with --quick: Spark's start alone takes longer than the quick run.
  var spark = true

  var sample: String { runner.shared + "/usage/aws/cur2-2026-10.csv.gz" }

  func run() {
    let generator = scripts + "/synthetic_cur.py"
    let sql = scripts + "/run_reprice_sql.py"
    guard FileManager.default.fileExists(atPath: generator), FileManager.default.fileExists(atPath: sql) else {
      report("reprice_sql_bench_skipped", "1", "", "(no \(generator): run from the package root or give --scripts)")
      return
    }
    let db = runner.work + "/reprice-sheets.sqlite"
    let offers = runner.sheets + "/aws/offers/v1.0/aws/"
    let sheets = [
      offers + "AmazonBedrock/20260911124408/us-east-1/index.json",
      offers + "AmazonBedrock/20260911124408/eu-central-1/index.json",
      offers + "AmazonBedrock/20260911124408/us-west-2/index.json",
      offers + "AmazonBedrockFoundationModels/20260911124410/us-east-1/index.json",
    ]
    removeDB(db)
    guard spawn([runner.ratecard, "import"] + sheets + ["--db", db, "--quiet"]).status == 0 else {
      report("reprice_sql_bench_skipped", "1", "", "(the sample's price sheets did not import)")
      return
    }
    let hasDuckDB = spawn(["python3", "-c", "import duckdb"]).status == 0
    let hasJava = spawn(["java", "-version"]).status == 0
    let hasSpark = spark && hasJava && spawn(["python3", "-c", "import pyspark"]).status == 0
    if !hasDuckDB { report("reprice_duckdb_skipped", "1", "", "(python3 cannot import duckdb: pip install duckdb)") }
    if !hasSpark {
      let why = !spark ? "(--quick)" : hasJava ? "(python3 cannot import pyspark: pip install pyspark)" : "(no Java)"
      report("reprice_spark_skipped", "1", "", why)
    }
    let whatIf = ["--to-tier", "standard"]
    for n in sizes {
      let label = n >= 1_000_000 ? "\(n / 1_000_000)m" : "\(n)"
      let file = runner.work + "/reprice-cur-\(label).csv"
      _ = spawn(["python3", generator, sample, String(n), file])
      let target = runner.work + "/reprice-\(label).sqlite"
      copyDB(db, to: target)
      let imported = spawn([runner.ratecard, "usage", "import", file, "--db", target])
      let json = runner.work + "/reprice-\(label).json"
      let priced = spawn([runner.ratecard, "reprice", "--db", target, "-o", "json"] + whatIf, stdoutTo: json)
      guard imported.status == 0, priced.status == 0 else {
        report("reprice_\(label)_failed", "\(imported.status)/\(priced.status)", "exit status")
        continue
      }
      let wall = imported.seconds + priced.seconds
      let rss = max(imported.maxRSSBytes, priced.maxRSSBytes)
      report("reprice_ratecard_\(label)_wall", fmt(wall), "s", "(\(n) lines, \(runner.size(file)) bytes: usage import \(fmt(imported.seconds)) s + reprice \(fmt(priced.seconds)) s)")
      report("reprice_ratecard_\(label)_peak_rss", fmt(Double(rss) / 1_048_576, 1), "MiB")
      let expected = Self.totals(json: priced.stdout)
      for (engine, present) in [("duckdb", hasDuckDB), ("spark", hasSpark)] where present {
        let out = runner.work + "/sql-\(engine)-\(label)"
        _ = spawn([runner.ratecard, "reprice", "--db", target, "--emit-sql", engine, "--output", out] + whatIf)
        let err = runner.work + "/sql-\(engine)-\(label).err"
        let m = spawn(["python3", sql, engine, out, file], stdoutTo: out + "/result.json", stderrTo: err)
        guard m.status == 0 else {
          report("reprice_\(engine)_\(label)_failed", String(m.status), "exit status", "(\(err))")
          continue
        }
        // Spark's memory is the JVM's (a child of python3): its VmHWM, as the runner prints it.
        let jvm = ((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").split(separator: "\n")
          .first { $0.hasPrefix("jvm_peak_rss_kb ") }.flatMap { Int($0.split(separator: " ")[1]) }.map { $0 * 1024 } ?? 0
        let agree = Self.totals(sqlResult: m.stdout) == expected && expected != nil
        report("reprice_\(engine)_\(label)_wall", fmt(m.seconds), "s", "(python3 \(engine), same file, engine start included)")
        report(
          "reprice_\(engine)_\(label)_peak_rss", fmt(Double(max(m.maxRSSBytes, jvm)) / 1_048_576, 1), "MiB",
          engine == "spark" ? "(the JVM's peak; python3 \(fmt(Double(m.maxRSSBytes) / 1_048_576, 1)) MiB)" : "")
        report("reprice_\(engine)_\(label)_totals_equal", agree ? "1" : "0", "", "(actual, list, re-priced, unpriced tokens vs reprice -o json)")
      }
      try? FileManager.default.removeItem(atPath: file)
      removeDB(target)
    }
  }

  /// The JSON's totals as exact text: actual, list, re-priced cost and unpriced tokens.
  static func totals(json: String) -> [String]? {
    guard let list = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]], let r = list.first
    else { return nil }
    let unpriced = (r["unpriced"] as? [[String: Any]] ?? []).map { ($0["tokens"] as? Int) ?? 0 }.reduce(0, +)
    return [r["actualCost"] as? String ?? "", r["listCost"] as? String ?? "", r["repricedCost"] as? String ?? "", String(unpriced)]
  }

  /// The SQL result's totals (summed over its groups, exactly, trailing zeros dropped).
  static func totals(sqlResult: String) -> [String]? {
    guard let jobs = try? JSONSerialization.jsonObject(with: Data(sqlResult.utf8)) as? [[String: Any]],
      let job = jobs.first, let columns = job["columns"] as? [String], let rows = job["rows"] as? [[Any]]
    else { return nil }
    return ["actual_cost", "list_cost", "repriced_cost", "unpriced_tokens"].map { c in
      guard let i = columns.firstIndex(of: c) else { return "" }
      let sum = rows.compactMap { ($0[i] as? String).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } }
        .reduce(Decimal(0), +)
      return "\(sum)"
    }
  }
}
