import Foundation

/// `ratecard-bench`: measures ratecard against its floor (Python's json.load) and its targets,
/// printing one line per figure: `name value unit [target ...]`. Build in release:
///   swift build -c release && .build/release/ratecard-bench --shared ../shared
/// `--quick` runs every step once on tiny generated inputs (the smoke test uses it); `--usage-only`
/// runs only the usage import figures; `--core-only` stops after the engine figures (no usage import,
/// no re-pricing); `--reprice-sql-only [--reprice-sizes N,M] [--scripts DIR]` only the
/// re-pricing figures (ratecard alone, DuckDB and Spark local mode).
@main
struct Bench {
  static func main() throws {
    var args = Array(CommandLine.arguments.dropFirst())
    func option(_ name: String) -> String? {
      guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
      let v = args[i + 1]
      args.removeSubrange(i...(i + 1))
      return v
    }
    if let n = option("--write-profiles").flatMap(Int.init), let path = args.first {
      // `--write-profiles N PATH`: only write the generated profiles (for profiling by hand).
      try ProfileGenerator.write(count: n, to: path)
      return
    }
    let quick = args.contains("--quick")
    let shared = option("--shared") ?? "../shared"
    let runs = Int(option("--runs") ?? "") ?? (quick ? 1 : 5)
    let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    let ratecard = option("--ratecard") ?? binDir + "/ratecard"
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("ratecard-bench-\(getpid())").path
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    var bench = Runner(ratecard: ratecard, shared: shared, work: work, runs: runs, quick: quick)
    bench.coreOnly = args.contains("--core-only")
    if args.contains("--reprice-sql-only") {
      // Only the re-pricing figures (issue 21): ratecard alone, DuckDB and Spark local mode.
      let sizes = (option("--reprice-sizes") ?? "1000000,10000000").split(separator: ",").compactMap { Int($0) }
      let scripts = option("--scripts") ?? "Tests/UsageTests/Fixtures/SQL"
      RepriceSQLBench(runner: bench, scripts: scripts, sizes: quick ? [1000] : sizes, spark: !quick).run()
      return
    }
    if args.contains("--usage-only") {
      // Only the usage import figures (issue 18).
      UsageBench(runner: bench).run()
      return
    }
    try bench.run()
  }
}

/// Prints one figure per line.
func report(_ name: String, _ value: String, _ unit: String, _ note: String = "") {
  let line = [name, value, unit, note].filter { !$0.isEmpty }.joined(separator: " ") + "\n"
  FileHandle.standardOutput.write(Data(line.utf8))
}

func fmt(_ v: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", v) }
