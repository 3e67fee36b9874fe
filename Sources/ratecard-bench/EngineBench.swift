import Foundation

/// Engine figures: `recommend` latency for one profile and for a batch of generated profiles, the
/// cost of one (profile x offer) evaluation, and genai-prices' `calc_price` per call beside it.
///
/// The per-evaluation figure comes from the batch run itself: `ratecard recommend` prints its phase
/// timings to stderr when `RATECARD_TIMINGS=1` (load: profiles parsed beside the engine build; evaluation, output) and the
/// number of (profile x offer) pairs it decided (eligible + excluded, summed over the profiles).
/// ns per evaluation = evaluation phase wall x threads / pairs (CPU time, so the figure does not
/// flatter the parallel pass); the wall-clock figure is printed beside it.
struct EngineBench {
  let runner: Runner
  let db: String

  var count: Int { runner.quick ? 20 : 10_000 }

  func run() throws {
    let rc = runner.ratecard
    let one = runner.work + "/one-profile.yaml"
    try ProfileGenerator.write(count: 1, to: one)
    let many = runner.work + "/profiles.yaml"
    try ProfileGenerator.write(count: count, to: many)

    // 5a. One profile over every offer, including process start. The first run after an import
    // builds and stores the engine cache (cold); later runs read it (warm); `--as-of` a date
    // after every import reads the rate table without the cache (direct).
    let command = [rc, "recommend", one, "--db", db, "-o", "json"]
    let cold = spawn(command)
    let single = median(runner.runs) { spawn(command) }
    let direct = median(runner.runs) { spawn(command + ["--as-of", "2999-12-31"]) }
    guard cold.status == 0, single.status == 0, direct.status == 0 else {
      report("recommend_failed", String(max(cold.status, single.status, direct.status)), "exit status")
      exit(1)
    }
    report("recommend_1_profile_wall", fmt(single.seconds * 1000, 1), "ms", "(target <= 50; warm: engine cache read)")
    report("recommend_1_profile_cpu", fmt(single.cpuSeconds * 1000, 1), "ms", "(user + system time of that run)")
    report("recommend_1_profile_cold_wall", fmt(cold.seconds * 1000, 1), "ms", "(one run: first after the import, builds and stores the cache)")
    report("recommend_1_profile_direct_wall", fmt(direct.seconds * 1000, 1), "ms", "(--as-of: rate table read, no cache)")

    // 5b. The batch in one call (counts only for exclusions: the documented batch mode).
    let timings = runner.work + "/timings.txt"
    var phases: [String: Double] = [:]
    let batch = median(runner.runs) {
      let m = spawn(
        [rc, "recommend", many, "--db", db, "--no-excluded", "-o", "table"], stderrTo: timings,
        environment: ["RATECARD_TIMINGS=1"])
      let p = Self.phases((try? String(contentsOfFile: timings, encoding: .utf8)) ?? "")
      if phases.isEmpty || m.seconds < (phases["wall"] ?? .infinity) {
        phases = p
        phases["wall"] = m.seconds
      }
      return m
    }
    guard batch.status == 0 else {
      report("recommend_batch_failed", String(batch.status), "exit status")
      exit(1)
    }
    report("recommend_\(count)_profiles_wall", fmt(batch.seconds), "s", "(target <= 2, --no-excluded -o table)")
    report("recommend_\(count)_profiles_cpu", fmt(batch.cpuSeconds), "s", "(user + system time of that run, both cores)")
    for key in ["load_s", "evaluate_s", "output_s"] {
      let note = key == "load_s" ? "(phase of the fastest run: profiles parsed beside the engine build)" : "(phase of the fastest run)"
      if let v = phases[key] { report("recommend_batch_\(key.dropLast(2))", fmt(v), "s", note) }
    }
    guard let evaluate = phases["evaluate_s"], let pairs = phases["pairs"], pairs > 0 else {
      report("engine_ns_per_eval", "unknown", "", "(no RATECARD_TIMINGS output)")
      return
    }
    let threads = phases["threads"] ?? 1
    let nsWall = evaluate * 1e9 / pairs
    let nsCPU = nsWall * threads
    report("engine_pairs_evaluated", String(Int(pairs)), "", "(profiles x offers in their currency)")
    report("engine_ns_per_eval_wall", fmt(nsWall, 1), "ns", "(\(Int(threads)) threads)")
    report("engine_ns_per_eval_cpu", fmt(nsCPU, 1), "ns", "(wall x threads)")

    // 6. genai-prices calc_price per call, same token counts, a Bedrock model.
    let calls = runner.quick ? 200 : 20_000
    let out = runner.work + "/genai.txt"
    let py = spawn(["python3", "-c", Self.genaiPrices, String(calls)], stdoutTo: out)
    let text = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard py.status == 0, let perCallNs = Double(text) else {
      report("genai_prices_per_call", "unavailable", "", "(pip install genai-prices)")
      return
    }
    report("genai_prices_per_call", fmt(perCallNs, 0), "ns", "(calc_price, amazon.nova-pro-v1:0, \(calls) calls)")
    report("genai_prices_vs_engine_eval", fmt(perCallNs / nsCPU, 1), "x", "(target >= 20; our CPU ns)")
  }

  /// `key=value` pairs of the `timings` line.
  static func phases(_ stderr: String) -> [String: Double] {
    guard let line = stderr.split(separator: "\n").last(where: { $0.hasPrefix("timings ") }) else { return [:] }
    var out: [String: Double] = [:]
    for pair in line.split(separator: " ").dropFirst() {
      let kv = pair.split(separator: "=", maxSplits: 1)
      if kv.count == 2, let v = Double(kv[1]) { out[String(kv[0])] = v }
    }
    return out
  }

  /// Median of five timed loops of `calc_price`, ns per call (after a warm-up).
  static let genaiPrices = """
    import sys, time
    from genai_prices import calc_price, Usage
    n = int(sys.argv[1])
    u = Usage(input_tokens=1200, output_tokens=350)
    for _ in range(50): calc_price(u, model_ref='amazon.nova-pro-v1:0', provider_id='aws')
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n // 5): calc_price(u, model_ref='amazon.nova-pro-v1:0', provider_id='aws')
        runs.append((time.perf_counter() - t) / (n // 5))
    runs.sort()
    print(runs[2] * 1e9)
    """
}
