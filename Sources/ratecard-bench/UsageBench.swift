import Foundation

/// Usage import (issue 18): a synthetic CUR 2.0 of 1,000,000 token lines made from the shared
/// sample's token lines, imported by `ratecard usage import` (lines per second, peak RSS), beside
/// DuckDB's `read_csv` + `GROUP BY` of the same file; then 4,000,000 lines, for flat memory.
struct UsageBench {
  let runner: Runner

  var sample: String { runner.shared + "/usage/aws/cur2-2026-10.csv.gz" }

  /// Python that writes `n` token lines of the sample CUR (its header, then its token lines over
  /// and over) to a plain CSV.
  static let generate = """
    import csv, gzip, sys
    src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lines = gzip.open(src, "rt", newline="").read().splitlines(keepends=True)
    cols = next(csv.reader([lines[0]]))
    unit, desc = cols.index("pricing_unit"), cols.index("line_item_line_item_description")
    def tokens(l):
        row = next(csv.reader([l]))
        return "token" in row[unit].lower() or "Tokens" in row[desc].split("|")[-1]
    header, body = lines[0], [l for l in lines[1:] if tokens(l)]
    with open(dst, "w", newline="") as out:
        out.write(header)
        block = "".join(body)
        for _ in range(n // len(body)):
            out.write(block)
        out.write("".join(body[: n % len(body)]))
    """

  /// DuckDB's reading of the same file: the usage types' token amounts and costs.
  static let duckdb = """
    import duckdb, sys
    duckdb.sql("SELECT line_item_usage_type, sum(line_item_usage_amount), sum(line_item_unblended_cost), count(*) "
               "FROM read_csv('%s', header=true, all_varchar=false) GROUP BY 1" % sys.argv[1]).fetchall()
    """

  func run() {
    let sizes = runner.quick ? [1000, 4000] : [1_000_000, 4_000_000]
    let db = runner.work + "/usage-sheets.sqlite"
    let offers = runner.sheets + "/aws/offers/v1.0/aws/"
    let sheets = [
      offers + "AmazonBedrock/20260911124408/us-east-1/index.json",
      offers + "AmazonBedrock/20260911124408/eu-central-1/index.json",
      offers + "AmazonBedrock/20260911124408/us-west-2/index.json",
      offers + "AmazonBedrockFoundationModels/20260911124410/us-east-1/index.json",
    ]
    removeDB(db)
    let imported = spawn([runner.ratecard, "import"] + sheets + ["--db", db, "--quiet"])
    guard imported.status == 0 else {
      report("usage_bench_skipped", "1", "", "(the sample's price sheets did not import: exit \(imported.status))")
      return
    }
    let hasDuckDB = spawn(["python3", "-c", "import duckdb"]).status == 0
    var rss: [Int: Int] = [:]
    for n in sizes {
      let file = runner.work + "/cur-\(n).csv"
      _ = spawn(["python3", "-c", Self.generate, sample, file, String(n)])
      let target = runner.work + "/usage-\(n).sqlite"
      // Each run imports into a fresh copy of the sheet store (a second import would be "unchanged").
      let runs = n == sizes[0] ? min(runner.runs, 3) : 1
      let m = median(runs, setup: { copyDB(db, to: target) }) {
        spawn([runner.ratecard, "usage", "import", file, "--db", target])
      }
      let label = n >= 1_000_000 ? "\(n / 1_000_000)m" : "\(n)"
      guard m.status == 0 else {
        report("usage_import_\(label)_failed", String(m.status), "exit status")
        continue
      }
      rss[n] = m.maxRSSBytes
      report("usage_import_\(label)_wall", fmt(m.seconds), "s", "(\(n) token lines, \(runner.size(file)) bytes, plain CSV)")
      report("usage_import_\(label)_lines_per_s", fmt(Double(n) / max(m.seconds, 1e-9), 0), "lines/s")
      report("usage_import_\(label)_peak_rss", fmt(Double(m.maxRSSBytes) / 1_048_576, 1), "MiB")
      if hasDuckDB {
        let d = median(runs) { spawn(["python3", "-c", Self.duckdb, file]) }
        report("duckdb_read_csv_group_by_\(label)_wall", fmt(d.seconds), "s", "(python3 duckdb, same file)")
        report("usage_import_vs_duckdb_\(label)", fmt(m.seconds / max(d.seconds, 1e-9), 2), "x", "(target <= 2)")
      } else if n == sizes[0] {
        report("duckdb_skipped", "1", "", "(python3 cannot import duckdb: pip install duckdb)")
      }
      try? FileManager.default.removeItem(atPath: file)
      removeDB(target)
    }
    if let a = rss[sizes[0]], let b = rss[sizes[1]] {
      report("usage_import_peak_rss_4x_vs_1x", fmt(Double(b) / Double(max(a, 1)), 2), "x", "(target: flat, ~1)")
    }
  }
}

func copyDB(_ source: String, to target: String) {
  removeDB(target)
  for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
    try? FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
  }
}
