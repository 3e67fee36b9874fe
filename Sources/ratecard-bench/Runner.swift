import Foundation

/// The benchmark steps, each printing its figures.
struct Runner {
  let ratecard: String
  let shared: String
  let work: String
  let runs: Int
  let quick: Bool
  /// Steps 1-7 only (import, queries, engine): no usage import, no re-pricing figures.
  var coreOnly = false

  var sheets: String { shared + "/pricesheets" }
  var bedrock: String { sheets + "/aws/offers/v1.0/aws/AmazonBedrock/current/index.json" }

  /// The full shared set: the three AWS offers and the Azure dump.
  var inputs: [String] {
    if quick { return [sheets + "/aws/offers/v1.0/aws/AmazonBedrockService/current/index.json"] }
    return [
      bedrock,
      sheets + "/aws/offers/v1.0/aws/AmazonBedrockFoundationModels/current/index.json",
      sheets + "/aws/offers/v1.0/aws/AmazonBedrockService/current/index.json",
      sheets + "/azure/retail-prices",
    ]
  }

  /// Every file behind `inputs` (directories expanded), for sizes and the Python floor.
  var inputFiles: [String] {
    inputs.flatMap { path -> [String] in
      var isDir: ObjCBool = false
      FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
      guard isDir.boolValue else { return [path] }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.filter { $0.hasSuffix(".json") }.sorted().map { path + "/" + $0 }
    }
  }

  func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
  }

  func run() throws {
    report("machine_cores", String(ProcessInfo.processInfo.activeProcessorCount), "")
    report("runs_per_figure", String(runs), "(median)")
    let linkage = spawn(["ldd", ratecard], stdoutTo: work + "/ldd.txt").stdout.contains("libswiftCore") ? "dynamic" : "static"
    report("ratecard_binary", ratecard, "", "(Swift runtime linked \(linkage))")
    // The process floor: `ratecard --help` starts the runtime and exits (no database, no catalogue).
    let floor = median(runs) { spawn([ratecard, "--help"]) }
    report("process_floor_wall", fmt(floor.seconds * 1000, 1), "ms", "(ratecard --help)")
    report("process_floor_peak_rss", fmt(Double(floor.maxRSSBytes) / 1_048_576, 1), "MiB", "(ratecard --help)")
    let db = work + "/full.sqlite"
    let importArgs = [ratecard, "import"] + inputs + ["--db", db, "--quiet", "--allow-large-change"]

    // 1. Full import into a new database.
    let full = median(runs, setup: { removeDB(db) }) { spawn(importArgs) }
    guard full.status == 0 else {
      report("import_failed", String(full.status), "exit status")
      exit(1)
    }
    let totalBytes = inputFiles.map(size).reduce(0, +)
    let largest = inputFiles.map(size).max() ?? 0
    report("input_bytes", String(totalBytes), "bytes", "(\(inputFiles.count) files)")
    report("import_full_wall", fmt(full.seconds), "s")
    report("import_full_cpu", fmt(full.cpuSeconds), "s", "(user + system time of that run)")
    report("import_full_peak_rss", fmt(Double(full.maxRSSBytes) / 1_048_576, 1), "MiB")
    report("largest_input_file", fmt(Double(largest) / 1_048_576, 1), "MiB")
    report("peak_rss_vs_largest_input", fmt(Double(full.maxRSSBytes) / Double(max(1, largest)), 2), "x", "(target <= 3)")
    let aboveFloor = max(0, full.maxRSSBytes - floor.maxRSSBytes)
    report("import_full_rss_above_floor", fmt(Double(aboveFloor) / 1_048_576, 1), "MiB", "(peak RSS minus process_floor_peak_rss)")
    report("rss_above_floor_vs_largest_input", fmt(Double(aboveFloor) / Double(max(1, largest)), 2), "x")

    // 2. The parse floor: Python's json.load over the same bytes.
    let py = median(runs) {
      spawn(["python3", "-c", "import json,sys\nfor f in sys.argv[1:]:\n  json.load(open(f,'rb'))"] + inputFiles)
    }
    report("python_json_load_wall", fmt(py.seconds), "s")
    report("python_json_load_cpu", fmt(py.cpuSeconds), "s", "(user + system time of that run)")
    report("import_vs_python_json_load", fmt(full.seconds / max(py.seconds, 1e-9), 2), "x", "(target <= 1.5)")
    // Kernel time of the median runs: when page faults turn slow on this machine, both grow
    // several-fold and the ratio above is not to be trusted (docs/performance.md).
    report("import_full_sys", fmt(full.systemSeconds), "s", "(kernel time of the median run)")
    report("python_json_load_sys", fmt(py.systemSeconds), "s", "(kernel time of the median run)")
    // The floor's own memory, against the same RSS target.
    report("python_json_load_peak_rss", fmt(Double(py.maxRSSBytes) / 1_048_576, 1), "MiB")
    report("python_peak_rss_vs_largest_input", fmt(Double(py.maxRSSBytes) / Double(max(1, largest)), 2), "x")

    // 3. Re-import of the unchanged sheets (database already holds them).
    let before = spawn([ratecard, "rates", "--db", db, "-o", "csv", "--limit", "1000000000"], stdoutTo: work + "/before.csv")
    let re = median(runs) { spawn(importArgs) }
    let after = spawn([ratecard, "rates", "--db", db, "-o", "csv", "--limit", "1000000000"], stdoutTo: work + "/after.csv")
    report("reimport_unchanged_wall", fmt(re.seconds), "s", "(target <= 0.3)")
    report("reimport_rates_identical", before.stdout == after.stdout ? "yes" : "NO", "")

    // 4. Scaling: the AmazonBedrock offer and a synthetic 10x copy (more SKUs, same shape).
    let base = quick ? inputs[0] : bedrock
    let big = work + "/bedrock-10x.json"
    _ = spawn(["python3", "-c", Self.multiply, base, big, "10"])
    let dbA = work + "/one.sqlite"
    let dbB = work + "/ten.sqlite"
    let one = median(runs, setup: { removeDB(dbA) }) {
      spawn([ratecard, "import", base, "--db", dbA, "--quiet"])
    }
    let ten = median(runs, setup: { removeDB(dbB) }) {
      spawn([ratecard, "import", big, "--db", dbB, "--quiet"])
    }
    report("import_1x_wall", fmt(one.seconds), "s", "(\(size(base)) bytes)")
    report("import_10x_wall", fmt(ten.seconds), "s", "(\(size(big)) bytes)")
    report("import_10x_vs_1x", fmt(ten.seconds / max(one.seconds, 1e-9), 2), "x", "(target <= 12)")
    report("import_10x_peak_rss", fmt(Double(ten.maxRSSBytes) / 1_048_576, 1), "MiB")

    // 7. Query latency on the full database.
    let model = quick ? "Claude Sonnet 4" : "Nova Pro"
    let rates = median(runs) { spawn([ratecard, "rates", "--model", model, "--db", db, "-o", "json"]) }
    report("rates_model_wall", fmt(rates.seconds), "s", "(--model '\(model)')")
    let history = median(runs) { spawn([ratecard, "history", "--model", model, "--db", db, "-o", "json"]) }
    report("history_model_wall", fmt(history.seconds), "s")
    try EngineBench(runner: self, db: db).run()
    guard !coreOnly else { return }
    UsageBench(runner: self).run()
    RepriceSQLBench(
      runner: self, scripts: "Tests/UsageTests/Fixtures/SQL", sizes: quick ? [1000] : [1_000_000, 10_000_000], spark: !quick
    ).run()
  }

  /// Python that writes a copy of an AWS offer with `n` times the SKUs (suffixing SKU codes).
  static let multiply = """
    import json, sys
    src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    o = json.load(open(src))
    products, terms = {}, {}
    for k in range(n):
        for sku, p in o["products"].items():
            s = sku + ("" if k == 0 else "X%d" % k)
            q = dict(p); q["sku"] = s; products[s] = q
        for sku, t in o["terms"]["OnDemand"].items():
            s = sku + ("" if k == 0 else "X%d" % k)
            terms[s] = json.loads(json.dumps(t).replace(sku, s))
    o["products"] = products; o["terms"]["OnDemand"] = terms
    json.dump(o, open(dst, "w"), indent=2, separators=(",", " : "))
    """
}

func removeDB(_ path: String) {
  for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
