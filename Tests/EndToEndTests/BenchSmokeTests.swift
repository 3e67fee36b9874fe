import Foundation
import TestSupport
import Testing

/// The benchmark is not part of the suite (it takes minutes in release); this runs it once with
/// `--quick` (the small AmazonBedrockService offer, 20 profiles, one run per figure) so it keeps
/// working: every step must print its figure as a number.
@Suite("ratecard-bench --quick")
struct BenchSmokeTests {
  static var benchBinary: URL {
    TestPaths.ratecardBinary.deletingLastPathComponent().appendingPathComponent("ratecard-bench")
  }

  @Test("every step prints a numeric figure on a tiny input")
  func quickRun() throws {
    let bench = Self.benchBinary
    try #require(FileManager.default.isExecutableFile(atPath: bench.path), "build ratecard-bench first")
    let r = try Run.process(
      bench,
      ["--quick", "--shared", TestPaths.shared.path, "--ratecard", TestPaths.ratecardBinary.path],
      currentDirectory: TestPaths.packageRoot)
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    var figures: [String: String] = [:]
    for line in r.stdout.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count >= 2 { figures[String(parts[0])] = String(parts[1]) }
    }
    let numeric = [
      "import_full_wall", "import_full_peak_rss", "peak_rss_vs_largest_input", "python_json_load_wall",
      "import_vs_python_json_load", "python_json_load_peak_rss", "import_full_sys",
      "python_json_load_sys", "reimport_unchanged_wall", "import_1x_wall", "import_10x_wall",
      "import_10x_vs_1x", "rates_model_wall", "history_model_wall", "recommend_1_profile_wall",
      "recommend_20_profiles_wall", "recommend_batch_evaluate", "engine_pairs_evaluated",
      "engine_ns_per_eval_wall", "engine_ns_per_eval_cpu", "process_floor_wall", "process_floor_peak_rss",
      "import_full_rss_above_floor", "recommend_1_profile_cold_wall", "recommend_1_profile_direct_wall",
      "usage_import_1000_wall", "usage_import_1000_lines_per_s", "usage_import_1000_peak_rss",
      "usage_import_4000_wall", "usage_import_peak_rss_4x_vs_1x",
    ]
    for name in numeric {
      let value = try #require(figures[name], "missing figure \(name) in:\n\(r.stdout)")
      #expect(Double(value) != nil, "\(name) = \(value) is not a number")
    }
    #expect(figures["reimport_rates_identical"] == "yes")
    #expect(Double(figures["engine_pairs_evaluated"] ?? "") ?? 0 > 0)
  }
}
