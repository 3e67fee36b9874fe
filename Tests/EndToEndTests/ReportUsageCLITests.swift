import Foundation
import TestSupport
import Testing

/// `ratecard report --usage-month` on the sample month of ../shared/usage (the AWS CUR and the
/// Azure EA export of 2026-10) priced from the shared sheets of its regions: the usage section
/// shows each app's billed and list cost as `ratecard usage --by app` does, and each app's month
/// at the best option as `ratecard reprice --best --by app` answers, with its charts.
@Suite("ratecard report --usage-month end to end")
struct ReportUsageCLITests {
  let dir = TemporaryDirectory()

  func ratecard(_ args: [String]) throws -> ProcessResult {
    try Run.process(
      TestPaths.ratecardBinary, args,
      environment: ["HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path],
      currentDirectory: dir.url)
  }

  func records(_ r: ProcessResult) throws -> [[String: Any]] {
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
  }

  @Test("the usage section: cost by app and model, the best option per app as reprice --best, charts; a month without usage exits 64")
  func usageSection() throws {
    let db = dir.path("usage.sqlite")
    let aws = "aws/offers/v1.0/aws/"
    let sheets = [
      aws + "AmazonBedrock/20260911124408/us-east-1/index.json",
      aws + "AmazonBedrock/20260911124408/eu-central-1/index.json",
      aws + "AmazonBedrock/20260911124408/us-west-2/index.json",
      aws + "AmazonBedrockFoundationModels/20260911124410/us-east-1/index.json",
      "azure/retail-prices",
    ].map(TestPaths.pricesheet)
    var r = try ratecard(["import"] + sheets + ["--db", db, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let profiles = ["support-bot.yaml", "workloads.yaml"].map {
      TestPaths.packageRoot.appendingPathComponent("data/profiles/\($0)").path
    }
    let out = dir.path("usage.html")

    // Before any usage is imported: a usage error, no page.
    r = try ratecard(["report"] + profiles + ["--usage-month", "2026-10", "--output", out, "--db", db])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: no usage imported for --usage-month 2026-10: no usage is imported at all"))
    #expect(!FileManager.default.fileExists(atPath: out))

    let usage = TestPaths.shared.appendingPathComponent("usage")
    r = try ratecard([
      "usage", "import", usage.appendingPathComponent("aws/cur2-2026-10.csv.gz").path,
      usage.appendingPathComponent("azure/cost-details-ea-2026-10.csv").path, "--db", db,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    // The usage table: whole tokens and lines with thousands separators, money in cents,
    // right-aligned (JSON keeps the exact amounts, checked below against the page).
    let table = try ratecard(["usage", "--by", "app", "--month", "2026-10", "--db", db]).stdout
    let nightly = try #require(table.split(separator: "\n").first { $0.hasPrefix("aws       nightly-summaries") })
    #expect(nightly.contains("  3,075,423,804  ") && nightly.contains("  1,107.15  ") && !nightly.contains("1107.15256944"))

    // Another month: the error names the months that have usage.
    r = try ratecard(["report"] + profiles + ["--usage-month", "2026-09", "--output", out, "--db", db])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: no usage imported for --usage-month 2026-09 (months with usage: 2026-10;"))
    #expect(!FileManager.default.fileExists(atPath: out))

    r = try ratecard(["report"] + profiles + ["--usage-month", "2026-10", "--output", out, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("usage of 2026-10"))
    let html = try String(contentsOfFile: out, encoding: .utf8)
    let a = try #require(html.range(of: "<section class=\"usage\" id=\"usage\">"))
    let b = try #require(html.range(of: "</section>", range: a.upperBound..<html.endIndex))
    let section = String(html[a.lowerBound..<b.upperBound])
    #expect(section.contains("<h2>Actual usage, 2026-10</h2>"))
    // Two charts: billed cost by app, actual against the best option.
    #expect(section.components(separatedBy: "<svg class=\"chart\"").count - 1 == 2)

    // By app, as `ratecard usage --by app`: every app's billed and list cost.
    let apps = try records(try ratecard(["usage", "--by", "app", "--month", "2026-10", "--db", db, "-o", "json"]))
    #expect(apps.count >= 5)
    for app in apps {
      let name = try #require(app["app"] as? String)
      let currency = try #require(app["currency"] as? String)
      #expect(section.contains("<td>\(name)</td>"), "app \(name)")
      for key in ["billedCost", "listCost"] {
        if let cost = app[key] as? String {
          #expect(section.contains("data-exact=\"\(cost)\">\(ReportCLITests.people(cost, currency))<"), "\(name) \(key) \(cost)")
        }
      }
    }

    // At the best option, as `ratecard reprice --best --by app`: every recommendation, its
    // actual (current) cost and the saving.
    let best = try records(try ratecard(["reprice", "--best", "--by", "app", "--month", "2026-10", "--db", db, "-o", "json"]))
    #expect(best.count >= 5)
    var savings = 0
    for rec in best {
      let name = try #require(rec["profile"] as? String)
      for key in ["recommended", "current"] {
        let o = try #require(rec[key] as? [String: Any], "\(name) \(key)")
        let cost = try #require(o["monthlyCost"] as? String)
        let currency = try #require(o["currency"] as? String)
        #expect(section.contains("data-exact=\"\(cost)\">\(ReportCLITests.people(cost, currency))<"), "\(name) \(key) \(cost)")
      }
      if let saving = rec["savingVsCurrent"] as? String, saving != "0" {
        #expect(section.contains("data-exact=\"\(saving)\">"), "\(name) saving \(saving)")
        savings += 1
      }
    }
    #expect(savings >= 1)
  }
}
