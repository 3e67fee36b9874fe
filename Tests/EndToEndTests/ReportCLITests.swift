import Foundation
import TestSupport
import Testing

/// `ratecard report` from the built binary on the demo sheets and the sample profiles: the page
/// carries every recommended cost of `recommend -o json`, has its charts, refers to nothing
/// outside itself, and renders in headless Chromium.
@Suite("ratecard report end to end")
struct ReportCLITests {
  /// One import of the demo sheets and one report, shared by the tests of the suite.
  struct Prepared: Sendable {
    var db: String
    var report: String
    var html: String
    var dir: String
  }

  static let dir = TemporaryDirectory()
  static let data = TestPaths.packageRoot.appendingPathComponent("data")
  static let profiles = ["support-bot.yaml", "workloads.yaml"].map {
    data.appendingPathComponent("profiles/\($0)").path
  }

  static func ratecard(_ args: [String]) throws -> ProcessResult {
    try Run.process(
      TestPaths.ratecardBinary, args,
      environment: ["HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path],
      currentDirectory: dir.url)
  }

  static let prepared: Result<Prepared, any Error> = Result {
    let db = dir.path("report.sqlite")
    let sheets = ["aws", "azure"].map { data.appendingPathComponent("sheets/\($0)").path }
    let imported = try ratecard(["import"] + sheets + ["--db", db, "--quiet"])
    guard imported.status == 0 else { throw Failure("import failed: \(imported.stderr)") }
    let report = dir.path("report.html")
    let r = try ratecard(["report"] + profiles + ["--output", report, "--db", db])
    guard r.status == 0 else { throw Failure("report failed (\(r.status)): \(r.stderr)") }
    guard r.stdout.contains("wrote \(report)") else { throw Failure("no 'wrote' line: \(r.stdout)") }
    return Prepared(
      db: db, report: report, html: try String(contentsOfFile: report, encoding: .utf8), dir: dir.url.path)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
  }

  /// `12445.2675` -> `USD 12,445.27`: the stated rule (cents, half away from zero, thousands
  /// separated), written here independently of the library.
  static func people(_ exact: String, _ currency: String) -> String {
    var value = Decimal(string: exact, locale: Locale(identifier: "en_US_POSIX"))!
    var rounded = Decimal()
    NSDecimalRound(&rounded, &value, 2, .plain)
    let negative = rounded < 0
    let cents = NSDecimalNumber(decimal: (negative ? -rounded : rounded) * 100).int64Value
    var whole = String(cents / 100)
    var groups: [String] = []
    while whole.count > 3 {
      groups.insert(String(whole.suffix(3)), at: 0)
      whole.removeLast(3)
    }
    groups.insert(whole, at: 0)
    let fraction = String(format: "%02lld", cents % 100)
    return "\(currency) \(negative ? "-" : "")\(groups.joined(separator: ",")).\(fraction)"
  }

  @Test("the report holds every recommended cost of recommend -o json, its charts and the sheet dates")
  func content() throws {
    let p = try Self.prepared.get()
    let html = p.html
    let r = try Self.ratecard(["recommend"] + Self.profiles + ["--db", p.db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let recs = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(recs.count == 3)
    var checked = 0
    for rec in recs {
      let name = try #require(rec["profile"] as? String)
      #expect(html.contains("id=\"p-\(name)\""), "section of \(name)")
      var offers: [[String: Any]] = []
      if let best = rec["recommended"] as? [String: Any] { offers.append(best) }
      offers += rec["alternatives"] as? [[String: Any]] ?? []
      if let current = rec["current"] as? [String: Any] { offers.append(current) }
      #expect(!offers.isEmpty, "\(name): no offer")
      for o in offers {
        let cost = try #require(o["monthlyCost"] as? String)
        let currency = try #require(o["currency"] as? String)
        #expect(
          html.contains("data-exact=\"\(cost)\">\(Self.people(cost, currency))<"),
          "\(name): \(cost) \(currency)")
        checked += 1
      }
      if let best = rec["recommended"] as? [String: Any] {
        for line in best["lines"] as? [[String: Any]] ?? [] {
          let cost = try #require(line["cost"] as? String)
          let sku = try #require(line["sku"] as? String)
          #expect(html.contains("data-exact=\"\(cost)\""), "\(name): line \(sku)")
          #expect(html.contains(">\(sku)<"), "\(name): SKU \(sku)")
        }
      }
      if let saving = rec["savingVsCurrent"] as? String {
        // Called out as a saving, or (negative: the current offer is cheaper) as the extra cost.
        let shown = saving.hasPrefix("-") ? String(saving.dropFirst()) : saving
        #expect(
          html.contains("<strong data-exact=\"\(shown)\">\(Self.people(shown, "USD"))</strong>"),
          "\(name): saving \(saving)")
      }
    }
    #expect(checked >= 10)
    // Charts: per profile a cost bar chart and a forecast line chart; one comparison per model.
    let charts = html.components(separatedBy: "<svg class=\"chart\"").count - 1
    #expect(charts >= 2 * recs.count + 1)
    #expect(html.components(separatedBy: "<polyline").count - 1 >= recs.count)
    #expect(html.contains("Cross-cloud"))
    for position in ["parity", "premium"] { #expect(html.contains("<g class=\"bar \(position)\">")) }
    // The footer: every sheet version from status, and the ratecard version.
    let status = try Self.ratecard(["status", "--db", p.db, "-o", "json"])
    let sources = try #require(
      try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
    for s in sources {
      if let v = s["sheetVersion"] as? String { #expect(html.contains(">\(v)<")) }
      #expect(html.contains(try #require(s["source"] as? String)))
    }
    let version = try Self.ratecard(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!version.isEmpty && html.contains("ratecard \(version)"))
  }

  @Test("report --start --months labels the forecast with the calendar months project -o json gives as period")
  func forecastMonths() throws {
    let p = try Self.prepared.get()
    let report = Self.dir.path("months.html")
    let r = try Self.ratecard(["report", Self.profiles[0], "--output", report, "--db", p.db, "--start", "2027-11", "--months", "3"])
    #expect(r.status == 0, "\(r.stderr)")
    let html = try String(contentsOfFile: report, encoding: .utf8)
    let project = try Self.ratecard(["project", Self.profiles[0], "--db", p.db, "--start", "2027-11", "--months", "3", "--top", "1", "-o", "json"])
    #expect(project.status == 0, "\(project.stderr)")
    let records = try #require(try JSONSerialization.jsonObject(with: Data(project.stdout.utf8)) as? [[String: Any]])
    let forecast = try #require(((records.first?["offers"] as? [[String: Any]])?.first?["forecast"]) as? [[String: Any]])
    let periods = forecast.compactMap { $0["period"] as? String }
    #expect(periods == ["2027-11", "2027-12", "2028-01"])
    for period in periods { #expect(html.contains("<th class=\"num\">\(period)</th>"), "\(period)") }
    #expect(!html.contains(">M1<"))
    let bad = try Self.ratecard(["report", Self.profiles[0], "--output", report, "--db", p.db, "--start", "2027-13"])
    #expect(bad.status == 64)
    #expect(bad.stderr.hasPrefix("Error: --start must be a month YYYY-MM, got '2027-13'"), "\(bad.stderr)")
  }

  @Test("no external reference: no script, no http(s) in src, href or url(), no link, img or import")
  func selfContained() throws {
    let html = try Self.prepared.get().html.lowercased()
    #expect(!html.contains("<script"))
    for tag in ["<link", "<img", "<iframe", "<object", "<embed", "@import", "@font-face"] {
      #expect(!html.contains(tag), "\(tag)")
    }
    let external = try Regex(#"(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//"#)
    #expect(html.firstMatch(of: external) == nil)
    // Internal anchors only.
    for match in html.matches(of: try Regex(#"href="([^"]*)""#)) {
      #expect(String(html[match.range]).hasPrefix("href=\"#"))
    }
  }

  @Test(
    "--usage-month without usage of that month is a clear error (exit 64); bad months and empty stores too")
  func errors() throws {
    let p = try Self.prepared.get()
    let out = Self.dir.path("usage.html")
    var r = try Self.ratecard([
      "report", Self.profiles[0], "--usage-month", "2026-11", "--output", out, "--db", p.db,
    ])
    #expect(r.status == 64)
    #expect(r.stderr.contains("no usage imported"))
    #expect(!FileManager.default.fileExists(atPath: out))
    r = try Self.ratecard([
      "report", Self.profiles[0], "--usage-month", "2026-13", "--output", out, "--db", p.db,
    ])
    #expect(r.status == 64)
    #expect(r.stderr.contains("YYYY-MM"))
    r = try Self.ratecard(["report", Self.profiles[0], "--db", p.db])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--output"))
    // A folder that does not exist: an error naming it.
    r = try Self.ratecard([
      "report", Self.profiles[0], "--output", Self.dir.path("no/such/folder.html"), "--db", p.db,
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("the folder '\(Self.dir.path("no/such"))' does not exist"))
    // An empty database: an error naming it, no page.
    r = try Self.ratecard([
      "report", Self.profiles[0], "--output", out, "--db", Self.dir.path("empty.sqlite"),
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("no price sheet imported"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  static let chromium: String? = [
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium",
  ]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(
    "headless Chromium renders the report to a PNG and a PDF without a rendering error",
    .enabled(
      if: chromium != nil,
      "Debian's chromium is not installed (.ci/run installs it): the report is not rendered"))
  func chromiumRenders() throws {
    let p = try Self.prepared.get()
    let browser = URL(fileURLWithPath: try #require(Self.chromium))
    let profileDir = Self.dir.path("chromium-profile")
    let common = [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--user-data-dir=\(profileDir)", "--hide-scrollbars",
    ]
    let url = URL(fileURLWithPath: p.report).absoluteString
    let png = Self.dir.path("report.png")
    let pdf = Self.dir.path("report.pdf")
    for (args, file, magic) in [
      (["--screenshot=\(png)", "--window-size=1200,2000"], png, [UInt8]([0x89, 0x50, 0x4E, 0x47])),
      (["--print-to-pdf=\(pdf)", "--no-pdf-header-footer"], pdf, Array("%PDF".utf8)),
    ] {
      let r = try Run.process(browser, common + args + [url], environment: ["HOME": p.dir])
      #expect(r.status == 0, "chromium exit \(r.status): \(r.stderr)")
      let data = try #require(
        FileManager.default.contents(atPath: file), "chromium wrote no \(file): \(r.stderr)")
      #expect(data.count > 20_000, "\(file): only \(data.count) bytes")
      #expect(Array(data.prefix(magic.count)) == magic)
      // Lines that mean the page did not render as written (a missing file, a blocked or failed
      // load, a script error, a crash); chromium's usual headless noise (D-Bus, GPU) is not one.
      for bad in [
        "net::ERR_", "Page load failed", "Failed to load", "Uncaught", "Check failed", "crashed",
        "Not allowed to load",
      ] {
        #expect(!r.stderr.contains(bad), "\(bad) in chromium's stderr: \(r.stderr)")
      }
    }
    // The print styles start each profile, the cross-cloud part and the sources on a new page:
    // at least 3 profiles + 2 pages (the page tree's largest /Count).
    let pdfText = String(decoding: try #require(FileManager.default.contents(atPath: pdf)), as: UTF8.self)
    let pages =
      pdfText.matches(of: try Regex(#"/Count (\d+)"#)).compactMap {
        Int(String(pdfText[$0.range].dropFirst(7)))
      }.max() ?? 0
    #expect(pages >= 5, "\(pages) PDF pages")
  }

  @Test("ratecard demo ends by writing the report next to its database and printing its path")
  func demo() throws {
    let db = Self.dir.path("demo/ratecard-demo.sqlite")
    try FileManager.default.createDirectory(atPath: Self.dir.path("demo"), withIntermediateDirectories: true)
    let r = try Self.ratecard(["demo", "--data", Self.data.path, "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    let report = Self.dir.path("demo/ratecard-demo.html")
    #expect(r.stdout.contains("== Report: \(report) (3 profiles"))
    let html = try String(contentsOfFile: report, encoding: .utf8)
    #expect(
      html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg class=\"chart\"")
        && html.hasSuffix("</html>\n"))
    for name in ["support-bot", "nightly-summaries", "internal-chat"] {
      #expect(html.contains("id=\"p-\(name)\""))
    }
  }
}
