import Foundation
import TestSupport
import Testing

/// `project` / `recommend --model` through the built binary on the demo sheets (issue 16): an
/// unknown model is refused like `compare`'s, the filtered answer is the engine's, a cached engine
/// serves both, and a selection leaving a profile no offer is an error, not an empty success.
@Suite("--model of project and recommend, end to end")
struct ModelFilterCLITests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("model.sqlite") }
  let supportBot = TestPaths.packageRoot.appendingPathComponent("data/profiles/support-bot.yaml").path
  static let sheets = ["aws", "azure"].map { TestPaths.packageRoot.appendingPathComponent("data/sheets/\($0)").path }

  func ratecard(_ args: [String], timings: Bool = false) throws -> ProcessResult {
    var env = ["HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path]
    if timings { env["RATECARD_TIMINGS"] = "1" }
    return try Run.process(TestPaths.ratecardBinary, args + ["--db", db], environment: env, currentDirectory: dir.url)
  }

  func imported() throws {
    let r = try ratecard(["import"] + Self.sheets + ["--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
  }

  func firstLine(_ r: ProcessResult) -> String {
    r.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
  }

  /// The recommendation records of a `recommend -o json` run.
  func records(_ r: ProcessResult) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
  }

  @Test("an unknown --model exits 64 with the closest spelling and the valid values, for recommend and project")
  func unknownModel() throws {
    try imported()
    for command in ["recommend", "project"] {
      let r = try ratecard([command, supportBot, "--model", "gpt-4o-2024-11-20", "--model", "gpt-4o-minii"])
      #expect(r.status == 64, "\(command): \(r.stderr)")
      #expect(firstLine(r) == "Error: unknown model 'gpt-4o-minii': did you mean openai/gpt-4o-mini-2024-07-18?", "\(command)")
      #expect(r.stderr.contains("valid model values: a canonical id or alias"))
      #expect(r.stdout.isEmpty)
    }
  }

  @Test("unfiltered, then filtered, then unfiltered against one cached database: each answer is its own")
  func filteredJSONAndCache() throws {
    try imported()
    let first = try ratecard(["recommend", supportBot, "-o", "json", "--no-excluded"], timings: true)
    #expect(first.status == 0, "\(first.stderr)")
    let all = try #require(try records(first).first)
    #expect((all["recommended"] as? [String: Any])?["model"] as? String == "openai/gpt-5-codex")

    let second = try ratecard(["recommend", supportBot, "--model", "gpt-4o-2024-11-20", "-o", "json", "--no-excluded"], timings: true)
    #expect(second.status == 0, "\(second.stderr)")
    // The engine came from the cache the first run stored.
    #expect(second.stderr.contains("rates=cached"), "\(second.stderr)")
    let only = try #require(try records(second).first)
    let best = try #require(only["recommended"] as? [String: Any])
    #expect(best["model"] as? String == "openai/gpt-4o-2024-11-20")
    #expect(best["region"] as? String == "germanywestcentral")
    #expect(best["scope"] as? String == "datazone")
    let alternatives = try #require(only["alternatives"] as? [[String: Any]])
    #expect(alternatives.count == 1 && alternatives.allSatisfy { $0["model"] as? String == "openai/gpt-4o-2024-11-20" })
    #expect(only["eligible"] as? Int == 4)
    #expect((all["eligible"] as? Int ?? 0) > 4)
    // The current deployment is the baseline of the saving, priced as without the filter.
    let current = try #require(only["current"] as? [String: Any])
    #expect("\(current["monthlyCost"] ?? "")" == "\((all["current"] as? [String: Any])?["monthlyCost"] ?? "-")")
    #expect("\(only["savingVsCurrent"] ?? "")" == "0")

    let third = try ratecard(["recommend", supportBot, "-o", "json", "--no-excluded"], timings: true)
    #expect(third.stderr.contains("rates=cached"))
    #expect(third.stdout == first.stdout)

    // project: the same rule.
    let project = try ratecard(["project", supportBot, "--model", "gpt-4o-2024-11-20", "--top", "2", "-o", "json", "--months", "1"])
    #expect(project.status == 0, "\(project.stderr)")
    let projected = try #require(try records(project).first)
    let offers = try #require(projected["offers"] as? [[String: Any]])
    #expect(offers.count == 2 && offers.allSatisfy { $0["model"] as? String == "openai/gpt-4o-2024-11-20" }, "\(offers)")
    #expect(offers.first?["monthlyCost"] as? String == best["monthlyCost"] as? String)
    #expect(projected["eligible"] as? Int == 4)
  }

  @Test("a --model leaving a profile no eligible offer prints the answer and exits 64 saying why")
  func noOfferLeft() throws {
    try imported()
    for command in ["recommend", "project"] {
      let r = try ratecard([command, supportBot, "--model", "gpt-4o-mini"])
      #expect(r.status == 64, "\(command): \(r.stderr)")
      #expect(
        firstLine(r).hasPrefix("Error: --model gpt-4o-mini leaves profile 'support-bot' no eligible offer: openai/gpt-4o-mini-2024-07-18: "),
        "\(command): \(firstLine(r))")
      #expect(firstLine(r).contains("no quality score ("))
      #expect(r.stdout.contains("current"), "\(command): the answer is still printed")
    }
  }
}
