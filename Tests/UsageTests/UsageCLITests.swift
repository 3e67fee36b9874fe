import Foundation
import Pricing
import TestSupport
import Testing

/// `ratecard usage ...` run as a user would, on a copy of the sheet store.
@Suite("Usage: the ratecard binary")
struct UsageCLITests {
  let dir = TemporaryDirectory()

  func ratecard(_ args: [String]) throws -> ProcessResult {
    try Run.process(TestPaths.ratecardBinary, args, environment: ["HOME": dir.path("home")], currentDirectory: dir.url)
  }

  func database() throws -> String {
    let store = try SharedUsage.store(in: dir)
    let path = store.path
    try store.close()
    return path
  }

  @Test("usage import, then usage -o json with the documented row fields, and usage unmatched")
  func importAndList() throws {
    let db = try database()
    var r = try ratecard(["usage", "import", SharedUsage.curFile, "--db", db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(summary.first?["status"] as? String == "ok")
    #expect(summary.first?["billedTotal"] as? String == "16632.748371265")
    #expect(summary.first?["listTotal"] as? String == "16632.748371265")
    #expect(summary.first?["matched"] as? Int == 341)

    r = try ratecard(["usage", "--db", db, "--month", "2026-10", "--provider", "aws", "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 11)
    let keys = [
      "provider", "region", "sheetKey", "sku", "model", "meter", "tier", "scope", "tokens", "requests", "billedCost",
      "listCost", "currency", "lines",
    ]
    for row in rows { for k in keys { #expect(row.keys.contains(k), "\(k)") } }
    let llama = try #require(rows.first { $0["sku"] as? String == "LDYSQMDRP9MQB2TV" })
    #expect(llama["tokens"] as? Int == 2_643_518_451)
    #expect(llama["billedCost"] as? String == "951.66664236")
    #expect(llama["tier"] as? String == "batch")

    r = try ratecard(["usage", "--db", db, "--by", "app", "--tag", "app=rag-eu", "-o", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(whereSeparator: \.isNewline).count == 2)  // header and one app

    r = try ratecard(["usage", "unmatched", "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("every token line is matched"))
  }

  @Test("usage the sheets do not cover (us-west-2 on the demo sheets) still gives profiles recommend reads, and reprice --best answers")
  func profileOfUnmatchedUsage() throws {
    let db = dir.path("demo.sqlite")
    let sheets = TestPaths.packageRoot.appendingPathComponent("data/sheets")
    var r = try ratecard([
      "import", sheets.appendingPathComponent("aws").path, sheets.appendingPathComponent("azure").path, "--db", db, "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    r = try ratecard(["usage", "import", SharedUsage.curFile, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    r = try ratecard(["usage", "profile", "--by", "app", "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("scopes: []"))
    let profiles = try dir.write("unmatched.yaml", r.stdout)
    r = try ratecard(["recommend", profiles, "--db", db, "--no-excluded", "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    r = try ratecard(["reprice", "--best", "--by", "app", "--month", "2026-10", "--db", db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test("a bad export exits 65 naming file, line and column; a bad --month exits 64")
  func badInput() throws {
    let db = try database()
    let bad = BadUsageInput.folder.appendingPathComponent("cur-negative-quantity.csv").path
    var r = try ratecard(["usage", "import", bad, "--db", db])
    #expect(r.status == 65)
    #expect(r.stderr.contains("cur-negative-quantity.csv: line 4, column line_item_usage_amount"), "\(r.stderr)")
    r = try ratecard(["usage", "--db", db, "--month", "2026-13"])
    #expect(r.status == 64)
  }

  @Test("usage profile, then recommend on its output: each profile's current costs what its usage cost at list price")
  func profileThenRecommend() throws {
    let db = try database()
    var r = try ratecard(["usage", "import", SharedUsage.curFile, SharedUsage.eaFile, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    r = try ratecard(["usage", "profile", "--by", "app", "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("# source: \(SharedUsage.curFile)"))
    let profiles = try dir.write("profiles.yaml", r.stdout)
    r = try ratecard(["recommend", profiles, "--db", db, "-o", "json", "--no-excluded"])
    #expect(r.status == 0, "\(r.stderr)")
    let results = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    r = try ratecard(["usage", "--by", "app", "--db", db, "-o", "json"])
    let apps = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(apps.count == 6)
    for app in apps {
      let name = try #require(app["app"] as? String)
      let mine = results.filter { ($0["profile"] as? String).map { $0 == name || $0.hasPrefix(name + " ") } ?? false }
      #expect(!mine.isEmpty, "no profile for \(name)")
      // The engine prints up to 38 significant digits and more (a rounded share's tail).
      let current = mine.map {
        (($0["current"] as? [String: Any])?["monthlyCost"] as? String).flatMap {
          Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))
        } ?? -1
      }
      let list = try #require((app["listCost"] as? String).flatMap(ExactDecimal.parse))
      // Shares are written with 12 decimals: equal to the cent (exactly where no share is needed).
      #expect(ExactDecimal.round(current.reduce(0, +), scale: 2) == ExactDecimal.round(list, scale: 2), "\(name)")
    }
  }

  @Test("export reprice writes one FOCUS-aligned record per usage row; the x_RepricedCost column sums to the what-if")
  func exportReprice() throws {
    let db = try database()
    var r = try ratecard(["usage", "import", SharedUsage.eaFile, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    let out = dir.path("reprice.csv")
    r = try ratecard([
      "export", "reprice", "--model", "gpt-4o-2024-11-20", "--scope", "datazone", "--tier", "standard",
      "--to-scope", "global", "--db", db, "--output", out,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    #expect(header.first == "BillingCurrency")
    #expect(header.contains("x_TargetSkuMeter"))
    let column = try #require(header.firstIndex(of: "x_RepricedCost"))
    // No cell before x_RepricedCost holds a comma except the quoted Tags; read the column from the end.
    let fromEnd = header.count - column
    var total: Decimal = 0
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      total += ExactDecimal.parse(cells[cells.count - fromEnd]) ?? -1_000_000
    }
    #expect(lines.count - 1 == 93)  // 31 days x 3 meters
    let expected = (SharedUsage.expected["reprice"] as? [[String: Any]])?[1]["cost"]
    #expect(total == SharedUsage.decimal(expected))
  }

  @Test("reprice --best: the engine on the actual usage, constrained by a profile file; current is the usage's list cost")
  func best() throws {
    let db = try database()
    var r = try ratecard(["usage", "import", SharedUsage.curFile, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    let constraints = try dir.write(
      "eu.yaml",
      """
      name: constraints
      requests_per_month: 1
      input_tokens: 1
      output_tokens: 1
      where:
        providers: [aws, azure]
        geographies: [eu]
      parity:
        models: [amazon/nova-pro-v1]
      """)
    r = try ratecard([
      "reprice", "--best", "--tag", "app=rag-eu", "--constraints", constraints, "--db", db, "-o", "json", "--top", "1",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let recs = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(recs.count == 1)
    let rec = try #require(recs.first)
    let current = try #require(rec["current"] as? [String: Any])
    let cost = (current["monthlyCost"] as? String).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    #expect(cost.map { ExactDecimal.round($0, scale: 2) } == Decimal(string: "1391.93"))
    let recommended = try #require(rec["recommended"] as? [String: Any])
    #expect(recommended["model"] as? String == "amazon/nova-pro-v1")
    #expect(["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-west-2", "eu-central-2"].contains(recommended["region"] as? String ?? ""))
  }
}
