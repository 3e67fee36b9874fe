import Foundation
import TestSupport
import Testing

/// `ratecard recommend --explain` and `--no-fallback`, and `project`'s current row, through the
/// built binary on the demo sheets.
@Suite("recommend explains itself, end to end")
struct RecommendCLITests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("demo.sqlite") }
  let data = TestPaths.packageRoot.appendingPathComponent("data").path

  func ratecard(_ args: [String]) throws -> ProcessResult {
    try Run.process(TestPaths.ratecardBinary, args, environment: ["XDG_CONFIG_HOME": dir.url.path], currentDirectory: dir.url)
  }

  @Test("--explain names each offer of the model with its verdict; --no-fallback ranks only fully priced offers; project shows current")
  func explainAndNoFallback() throws {
    #expect(try ratecard(["demo", "--data", data, "--db", db]).status == 0)
    let workloads = data + "/profiles/workloads.yaml"
    let r = try ratecard(["recommend", workloads, "--db", db, "--explain", "gpt-oss-120b", "--no-fallback", "-o", "json", "--no-excluded"])
    #expect(r.status == 0, "\(r.stderr)")
    let recs = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let chat = try #require(recs.first { $0["profile"] as? String == "internal-chat" })
    let explain = try #require(chat["explain"] as? [String: Any])
    #expect(explain["model"] as? String == "openai/gpt-oss-120b")
    let offers = try #require(explain["offers"] as? [[String: Any]])
    #expect(!offers.isEmpty)
    // internal-chat caches 30% of its input and no gpt-oss offer prices a cache read: with
    // --no-fallback every one of them is excluded, and the explanation says why.
    #expect(offers.allSatisfy { ($0["reasons"] as? [String])?.contains { $0.hasPrefix("priced by fallback (--no-fallback)") } == true })
    if let best = chat["recommended"] as? [String: Any] {
      #expect(best["pricedByFallback"] as? Bool == false)
      #expect((best["parity"] as? [[String: Any]])?.first?["rule"] as? String == "models")
    }
    let table = try ratecard(["recommend", workloads, "--db", db, "--why", "gpt-oss-120b", "--no-excluded"])
    #expect(table.status == 0)
    #expect(table.stdout.contains("explain openai/gpt-oss-120b: chosen (recommended"))
    #expect(table.stdout.contains("parity: LMArena text Elo (style control) "))
    let unknown = try ratecard(["recommend", workloads, "--db", db, "--explain", "no-such-model"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("--explain: unknown model 'no-such-model'"))
    let project = try ratecard(["project", workloads, "--db", db, "--top", "1"])
    #expect(project.status == 0)
    #expect(project.stdout.contains("internal-chat      current  aws       meta/llama-3.3-70b-instruct"))
  }
}
