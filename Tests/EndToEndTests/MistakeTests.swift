import Foundation
import TestSupport
import Testing

/// Every mistake of issue 16, made with the built binary: each ends in the documented exit code
/// and a first line of stderr that says what was wrong, never in an empty answer with exit 0.
@Suite("ratecard mistakes end to end")
struct MistakeTests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("mistakes.sqlite") }

  /// The real sample sheets: one AWS offer (eu-central-1) and the Azure sample pages.
  static let sheets = ["AmazonBedrock-eu-central-1.json"].map {
    TestPaths.packageRoot.appendingPathComponent("data/sheets/aws/\($0)").path
  } + [TestPaths.packageRoot.appendingPathComponent("data/sheets/azure").path]

  func ratecard(_ args: [String], db: String? = nil) throws -> ProcessResult {
    try Run.process(
      TestPaths.ratecardBinary, args + ["--db", db ?? self.db],
      environment: ["HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path],
      currentDirectory: dir.url)
  }

  func imported() throws {
    let r = try ratecard(["import"] + Self.sheets + ["--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
  }

  func profile(_ name: String, _ extra: String = "", profileName: String = "p") throws -> String {
    try dir.write(
      name, "name: \(profileName)\nrequests_per_month: 100000\ninput_tokens: 1000\noutput_tokens: 200\n" + extra)
  }

  /// The first line of stderr, and a check of the status.
  func expectFails(
    _ args: [String], status: Int32, firstLine prefix: String, db: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let r = try ratecard(args, db: db)
    let first = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    #expect(r.status == status, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
    #expect(first.hasPrefix(prefix), "\(args): first line '\(first)'", sourceLocation: sourceLocation)
  }

  @Test("--as-of a run that does not exist, impossible dates and a reversed range exit 64")
  func snapshots() throws {
    try imported()
    try expectFails(["rates", "--as-of", "999"], status: 64, firstLine: "Error: no import run 999 in the store (runs are numbered 1 to 2")
    try expectFails(["rates", "--as-of", "batch:9"], status: 64, firstLine: "Error: no import batch:9 in the store")
    try expectFails(["rates", "--as-of", "2026-02-30"], status: 64, firstLine: "Error: --as-of: '2026-02-30' is neither an import run id")
    try expectFails(["rates", "--as-of", "2026-13-01"], status: 64, firstLine: "Error: --as-of: '2026-13-01' is neither an import run id")
    try expectFails(["recommend", try profile("a.yaml"), "--as-of", "999"], status: 64, firstLine: "Error: no import run 999 in the store")
    try expectFails(
      ["diff", "--from", "2026-10-01", "--to", "2026-09-01"], status: 64,
      firstLine: "Error: --from 2026-10-01 is after --to 2026-09-01")
    try expectFails(["diff", "--from", "2", "--to", "1"], status: 64, firstLine: "Error: --from 2 is after --to 1")
    try expectFails(["diff", "--from", "2026-02-30"], status: 64, firstLine: "Error: --from: '2026-02-30' is neither")
  }

  @Test("an unknown model, region, geography or currency names the valid values with a close spelling")
  func unknownValues() throws {
    try imported()
    try expectFails(["compare", "gpt-oss-12b"], status: 64, firstLine: "Error: unknown model 'gpt-oss-12b': did you mean openai/gpt-oss-120b?")
    try expectFails(["rates", "--model", "gpt-oss-120bb"], status: 64, firstLine: "Error: unknown model 'gpt-oss-120bb': did you mean openai/gpt-oss-120b?")
    try expectFails(["rates", "--region", "westeurop"], status: 64, firstLine: "Error: unknown region 'westeurop': did you mean westeurope?")
    try expectFails(
      ["compare", "gpt-oss-120b", "--geography", "euu"], status: 64, firstLine: "Error: unknown geography 'euu': did you mean eu?")
    try expectFails(["rates", "--currency", "GBP"], status: 64, firstLine: "Error: no rates in GBP (stored: USD)")
    try expectFails(["models", "--currency", "gbp"], status: 64, firstLine: "Error: no rates in GBP (stored: USD)")
    try expectFails(["compare", "gpt-oss-120b", "--currency", "GBP"], status: 64, firstLine: "Error: no rates in GBP (stored: USD)")
    try expectFails(["compare", "gpt-oss-120b", "--region", "westeurop"], status: 64, firstLine: "Error: unknown region 'westeurop': did you mean westeurope?")
    // compare's filters: only the rows asked for.
    let filtered = try ratecard(["compare", "gpt-oss-120b", "--provider", "azure", "--scope", "datazone", "-o", "json"])
    #expect(filtered.status == 0, "\(filtered.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
    #expect(!rows.isEmpty && rows.allSatisfy { $0["provider"] as? String == "azure" && $0["scope"] as? String == "datazone" }, "\(rows)")
    // project and recommend narrow the providers.
    let projected = try ratecard(["project", try profile("pp.yaml"), "--provider", "aws", "--top", "3", "-o", "csv"])
    #expect(projected.status == 0, "\(projected.stderr)")
    let providers = Set(projected.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[2] })
    #expect(providers == ["aws"], "\(providers)")
    // The second line lists the valid values.
    let r = try ratecard(["rates", "--region", "westeurop"])
    #expect(r.stderr.contains("valid region values: ") && r.stderr.contains("eu-central-1"))
  }

  @Test("import --region with a mistyped region imports nothing and says so (exit 64)")
  func importRegion() throws {
    try expectFails(
      ["import", Self.sheets[0], "--region", "eu-centrl-1"], status: 64,
      firstLine: "Error: unknown region 'eu-centrl-1': did you mean eu-central-1?")
    let runs = try ratecard(["runs", "-o", "json"])
    #expect(runs.status == 0 && runs.stdout == "[]\n", "\(runs.stdout)")
  }

  @Test("what a profile names that the catalogue or the store lacks is a profile error at its position (exit 65)")
  func profileValues() throws {
    try imported()
    try expectFails(
      ["recommend", try profile("r.yaml", "where:\n  regions: [westeurop]\n")], status: 65,
      firstLine: "Error: \(dir.path("r.yaml")):6:13: where.regions: unknown region 'westeurop': did you mean westeurope?")
    try expectFails(
      ["project", try profile("g.yaml", "where:\n  geographies: [euu]\n")], status: 65,
      firstLine: "Error: \(dir.path("g.yaml")):6:17: where.geographies: unknown geography 'euu': did you mean eu?")
    try expectFails(
      ["recommend", try profile("c.yaml", "currency: GBP\n")], status: 65,
      firstLine: "Error: \(dir.path("c.yaml")):5:11: currency: no rates in GBP (stored: USD)")
    try expectFails(
      ["compare", "gpt-oss-120b", "--profile", try profile("c2.yaml", "currency: EUR\n")], status: 65,
      firstLine: "Error: \(dir.path("c2.yaml")):5:11: currency: no rates in EUR (stored: USD)")
  }

  @Test("a read command on a database that does not exist creates nothing and says so (exit 66)")
  func missingDatabase() throws {
    let missing = dir.path("nowhere/ratecard.sqlite")
    let a = try profile("a.yaml")
    for args in [
      ["rates"], ["status"], ["runs"], ["history"], ["diff", "--from", "1"], ["recommend", a], ["project", a],
      ["compare", "gpt-oss-120b"], ["models"], ["catalog", "unmatched"], ["export", "rates"],
    ] {
      try expectFails(args, status: 66, firstLine: "Error: no database at \(missing): nothing imported yet", db: missing)
    }
    #expect(!FileManager.default.fileExists(atPath: dir.path("nowhere")))
  }

  @Test("a store without rates: recommend, project, compare and models --offered say so (exit 66)")
  func emptyStore() throws {
    // An import of a path that does not exist creates the database and records nothing.
    try expectFails(["import", dir.path("nope.json"), "--quiet"], status: 65, firstLine: "Error: \(dir.path("nope.json")): no such file")
    #expect(FileManager.default.fileExists(atPath: db))
    let a = try profile("a.yaml")
    for args in [["recommend", a], ["project", a], ["compare", "gpt-oss-120b"], ["models", "--offered"]] {
      try expectFails(args, status: 66, firstLine: "Error: no rates imported in \(db): run `ratecard import")
    }
    // A profile mistake is still reported first.
    try expectFails(
      ["recommend", try profile("m.yaml", "parity:\n  models: [no-such-model]\n")], status: 65,
      firstLine: "Error: \(dir.path("m.yaml")):6:11: parity.models: unknown model 'no-such-model'")
  }

  @Test("profile files: missing, empty, the same name in two files")
  func profileFiles() throws {
    try imported()
    let missing = dir.path("missing.yaml")
    try expectFails(["recommend", missing], status: 65, firstLine: "Error: cannot read \(missing): no such file")
    let empty = try dir.write("empty.yaml", "")
    try expectFails(["recommend", empty], status: 65, firstLine: "Error: cannot read \(empty): no profile in the file")
    let comments = try dir.write("comments.yaml", "# nothing yet\n---\n")
    try expectFails(["project", comments], status: 65, firstLine: "Error: cannot read \(comments): no profile in the file")
    let a = try profile("a.yaml")
    let b = try profile("b.yaml")
    try expectFails(
      ["recommend", a, b], status: 65, firstLine: "Error: \(b):1:1: profile name 'p' already used at \(a):1:1")
  }

  @Test("--output into a folder that does not exist (exit 64, nothing written)")
  func outputFolder() throws {
    try imported()
    let target = dir.path("no/such/rates.csv")
    try expectFails(
      ["export", "rates", "--output", target], status: 64, firstLine: "Error: cannot write \(target): no such folder \(dir.path("no/such"))")
    #expect(!FileManager.default.fileExists(atPath: dir.path("no")))
  }

  @Test("a mistyped subcommand gets 'did you mean' (exit 64)")
  func subcommands() throws {
    try expectFails(["recomend", "x.yaml"], status: 64, firstLine: "Error: `ratecard` has no command 'recomend': did you mean `recommend`?")
    try expectFails(["export", "rate"], status: 64, firstLine: "Error: `ratecard export` has no command 'rate': did you mean `rates`?")
    try expectFails(["rates", "--scope", "planetary"], status: 64, firstLine: "Error: The value 'planetary' is invalid for '--scope")
  }

  @Test("an import of a path that does not exist is not recorded as a source")
  func missingPathNotRecorded() throws {
    try imported()
    try expectFails(["import", dir.path("typo.json"), "--quiet"], status: 65, firstLine: "Error: \(dir.path("typo.json")): no such file")
    let status = try ratecard(["status", "-o", "json"])
    #expect(status.status == 0)
    #expect(!status.stdout.contains("typo.json"))
  }
}
