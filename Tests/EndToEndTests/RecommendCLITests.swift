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

  @Test("a run that read the engine cache leaves SQLite's log open with no data in it: the database file alone answers the same, from its cache")
  func logLeftByReadingRun() throws {
    #expect(try ratecard(["demo", "--data", data, "--db", db]).status == 0)
    let fm = FileManager.default
    // demo imported and stored the engine cache, then closed: its log was checkpointed away.
    #expect(!fm.fileExists(atPath: db + "-wal"))
    let workloads = data + "/profiles/workloads.yaml"
    let warm = try Run.process(
      TestPaths.ratecardBinary, ["recommend", workloads, "--db", db, "-o", "json"],
      environment: ["XDG_CONFIG_HOME": dir.url.path, "RATECARD_TIMINGS": "1"], currentDirectory: dir.url)
    #expect(warm.status == 0, "\(warm.stderr)")
    #expect(warm.stderr.contains("rates=cached"), "\(warm.stderr)")
    #expect(fm.fileExists(atPath: db + "-wal"))
    // The database file copied without its log: the same answer, still from the cache.
    let copy = dir.path("copy.sqlite")
    try fm.copyItem(atPath: db, toPath: copy)
    let fromCopy = try Run.process(
      TestPaths.ratecardBinary, ["recommend", workloads, "--db", copy, "-o", "json"],
      environment: ["XDG_CONFIG_HOME": dir.url.path, "RATECARD_TIMINGS": "1"], currentDirectory: dir.url)
    #expect(fromCopy.status == 0, "\(fromCopy.stderr)")
    #expect(fromCopy.stderr.contains("rates=cached"), "\(fromCopy.stderr)")
    #expect(fromCopy.stdout == warm.stdout)
    // A run that did not read the cache (--as-of reads the rate table, and may follow a
    // re-resolution of the rates) closes the database: no log is left behind it.
    let asOf = dir.path("as-of.sqlite")
    try fm.copyItem(atPath: db, toPath: asOf)
    let direct = try ratecard(["recommend", workloads, "--db", asOf, "--as-of", "2999-12-31", "-o", "json"])
    #expect(direct.status == 0, "\(direct.stderr)")
    #expect(!fm.fileExists(atPath: asOf + "-wal"))
  }

  @Test("the roll-up under a table of several profiles sums the JSON's exact amounts, then rounds to cents")
  func rollUpLine() throws {
    #expect(try ratecard(["demo", "--data", data, "--db", db]).status == 0)
    let files = [data + "/profiles/support-bot.yaml", data + "/profiles/workloads.yaml"]
    let json = try ratecard(["recommend"] + files + ["--db", db, "-o", "json", "--no-excluded"])
    #expect(json.status == 0, "\(json.stderr)")
    let recs = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    var total = Decimal(0), saving = Decimal(0), withCurrent = 0
    for r in recs {
      let best = try #require(r["recommended"] as? [String: Any])
      let cost = try #require(best["monthlyCost"] as? String)
      total += try #require(Decimal(string: cost))
      if r["current"] is [String: Any] {
        withCurrent += 1
        let text = try #require(r["savingVsCurrent"] as? String)
        saving += try #require(Decimal(string: text))
      }
    }
    #expect(withCurrent == 2)
    let table = try ratecard(["recommend"] + files + ["--db", db, "--no-excluded"])
    #expect(table.status == 0)
    let last = table.stdout.split(separator: "\n").last.map(String.init)
    #expect(
      last
        == "total for \(recs.count) profiles: \(Self.cents(total)) USD/month recommended; saving \(Self.cents(saving)) USD/month vs current over 2 profile(s)"
    )
  }

  /// Cents, half away from zero, with thousands separators: computed here apart from the product's formatter.
  static func cents(_ value: Decimal) -> String {
    var v = value, r = Decimal()
    NSDecimalRound(&r, &v, 2, .plain)
    let text = "\(r)"
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(parts[0]), frac = parts.count > 1 ? String(parts[1]) : ""
    var grouped = ""
    for (i, ch) in whole.reversed().enumerated() {
      if i > 0, i % 3 == 0, ch != "-" { grouped.append(",") }
      grouped.append(ch)
    }
    return String(grouped.reversed()) + "." + (frac + "00").prefix(2)
  }
}
