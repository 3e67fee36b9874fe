import CSV
import Foundation
import TestSupport
import Testing

/// Runs `ratecard export` from the built binary: the same bytes under a comma-decimal locale as
/// under C, `--output` equal to standard output, and the projection's month totals equal to what
/// `ratecard project` reports.
@Suite("ratecard export end to end")
struct ExportCLITests {
  let dir = TemporaryDirectory()
  var db: String { dir.path("export.sqlite") }

  static let cLocale = ["LANG": "C", "LC_ALL": "C"]
  /// German: `,` as decimal separator, `.` for thousands. libc may lack the locale (the variables
  /// are set anyway); Foundation takes Locale.current from them with its own ICU data.
  static let germanLocale = [
    "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "LC_NUMERIC": "de_DE.UTF-8", "LC_MONETARY": "de_DE.UTF-8",
  ]

  static let profile = """
    name: e2e-forecast
    requests_per_day: 1234
    input_tokens: 1111
    output_tokens: 377
    cached_input_share: 0.2
    batch_share: 0.3
    growth_per_month: 0.045
    discounts: {aws: 0.07, azure: 0.125}
    """

  func ratecard(_ args: [String], env: [String: String] = cLocale) throws -> ProcessResult {
    var environment = env
    environment["HOME"] = dir.url.path
    environment["XDG_CONFIG_HOME"] = dir.url.path
    environment["XDG_DATA_HOME"] = dir.url.path
    return try Run.process(TestPaths.ratecardBinary, args + ["--db", db], environment: environment, currentDirectory: dir.url)
  }

  func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/\(name)").path
  }

  /// Two imports (a price change between them) and a profile file.
  func prepare() throws -> String {
    #expect(try ratecard(["import", fixture("private-v1.csv"), "--quiet"]).status == 0)
    #expect(try ratecard(["import", fixture("private-v2.csv"), "--quiet"]).status == 0)
    return try dir.write("profile.yaml", Self.profile)
  }

  static func parse(_ text: String) throws -> (header: [String], rows: [[String: String]]) {
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    let header = reader.headerRow ?? []
    var rows: [[String: String]] = []
    while let row = reader.next() {
      rows.append(Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
    }
    return (header, rows)
  }

  static func number(_ text: String?) -> Decimal? {
    guard let text, text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  @Test("every export gives the same bytes under de_DE.UTF-8 as under C, and --output the same as stdout")
  func localeIndependent() throws {
    // The locale the child gets is a comma-decimal one in Foundation's data.
    #expect(Locale(identifier: "de_DE").decimalSeparator == ",")
    // Make the comma locale real for libc too: compile de_DE.UTF-8 into a private LOCPATH (no
    // install needed) and check that the child's environment reports "," as decimal point.
    var german = Self.germanLocale
    let localeDir = dir.url.appendingPathComponent("locales").path
    try FileManager.default.createDirectory(atPath: localeDir, withIntermediateDirectories: true)
    let made = try Run.process(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["localedef", "-i", "de_DE", "-f", "UTF-8", localeDir + "/de_DE.UTF-8"])
    if made.status == 0 {
      german["LOCPATH"] = localeDir
      let probe = try Run.process(
        URL(fileURLWithPath: "/usr/bin/env"), ["locale", "-k", "decimal_point"], environment: german)
      #expect(probe.stdout.contains("decimal_point=\",\""), "locale probe: \(probe.stdout) \(probe.stderr)")
    }
    let profile = try prepare()
    // Rates and diff: standard output under both locales. Projections: standard output under C
    // against `--output FILE` under de_DE (the same bytes also show that the file is the stream).
    let exports: [(args: [String], toFile: Bool)] = [
      (["export", "rates"], false),
      (["export", "diff", "--from", "1", "--to", "2"], false),
      (["export", "projection", profile, "--months", "3", "--start", "2027-01", "--all-offers"], true),
      (["export", "projection", profile, "--months", "3", "--start", "2027-01", "--all-offers", "--focus"], true),
    ]
    for (args, toFile) in exports {
      let c = try ratecard(args)
      #expect(c.status == 0, "\(args): \(c.stderr)")
      let germanBytes: Data
      if toFile {
        let out = dir.path("out-\(UUID().uuidString).csv")
        let de = try ratecard(args + ["--output", out], env: german)
        #expect(de.status == 0 && de.stdout.isEmpty, "\(args): \(de.stderr)")
        germanBytes = try Data(contentsOf: URL(fileURLWithPath: out))
      } else {
        let de = try ratecard(args, env: german)
        #expect(de.status == 0, "\(args): \(de.stderr)")
        germanBytes = Data(de.stdout.utf8)
      }
      #expect(Data(c.stdout.utf8) == germanBytes, "\(args)")
      let parsed = try Self.parse(c.stdout)
      #expect(!parsed.rows.isEmpty, "\(args)")
      #expect(c.stdout.hasSuffix("\r\n"))
      // Amounts print with `.`; a `,` inside a number would have split or quoted the field.
      for row in parsed.rows {
        for key in ["price", "newPrice", "cost", "costRounded", "BilledCost", "PricingQuantity"] where row[key] != nil && row[key] != "" {
          #expect(Self.number(row[key]) != nil, "\(args) \(key)=\(row[key] ?? "")")
        }
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).allSatisfy { !$0.contains(".partial-") })
  }

  @Test("projection export: rows and month totals agree with `ratecard project`")
  func projectionMatchesProject() throws {
    let profile = try prepare()
    let months = 4
    let json = try ratecard(["project", profile, "--months", "\(months)", "--top", "50", "-o", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    let offers = try #require(items.first?["offers"] as? [[String: Any]])
    #expect(offers.count == 2)
    for focus in [false, true] {
      let r = try ratecard(
        ["export", "projection", profile, "--months", "\(months)", "--start", "2027-01", "--all-offers"]
          + (focus ? ["--focus"] : []))
      #expect(r.status == 0, "\(r.stderr)")
      let csv = try Self.parse(r.stdout)
      let lineCount = offers.reduce(0) { $0 + (($1["lines"] as? [Any])?.count ?? 0) }
      #expect(csv.rows.count == lineCount * months)
      let (rankKey, monthKey, costKey, roundedKey, modelKey) = focus
        ? ("x_Rank", "x_ForecastMonth", "BilledCost", "x_BilledCostRounded", "x_CanonicalModel")
        : ("rank", "month", "cost", "costRounded", "model")
      for (i, offer) in offers.enumerated() {
        let forecast = try #require(offer["forecast"] as? [[String: Any]])
        for m in 1...months {
          let rows = csv.rows.filter { $0[rankKey] == String(i + 1) && $0[monthKey] == String(m) }
          #expect(rows.allSatisfy { $0[modelKey] == offer["model"] as? String })
          let expected = try #require(Self.number(forecast[m - 1]["monthlyCost"] as? String))
          let exact = rows.reduce(Decimal(0)) { $0 + (Self.number($1[costKey]) ?? -1_000_000) }
          let rounded = rows.reduce(Decimal(0)) { $0 + (Self.number($1[roundedKey]) ?? -1_000_000) }
          #expect(abs(exact - expected) < Decimal(string: "1e-20")!)
          var e = expected
          var cents = Decimal()
          NSDecimalRound(&cents, &e, 2, .plain)
          #expect(rounded == cents, "offer \(i + 1) month \(m)")
        }
      }
    }
  }

  @Test("bad --start and --months exit 64; a profile without offers warns and writes the header only")
  func argumentErrors() throws {
    let profile = try prepare()
    #expect(try ratecard(["export", "projection", profile, "--start", "2027-13"]).status == 64)
    #expect(try ratecard(["export", "projection", profile, "--months", "0"]).status == 64)
    // A region nothing knows is a profile error; a need no offer meets leaves the profile without offers.
    let mars = try dir.write("mars.yaml", "name: mars\nrequests_per_month: 10\ninput_tokens: 1\noutput_tokens: 1\nwhere: {regions: [mars-north-1]}\n")
    #expect(try ratecard(["export", "projection", mars, "--start", "2027-01"]).status == 65)
    let nowhere = try dir.write("nowhere.yaml", "name: nowhere\nrequests_per_month: 10\ninput_tokens: 1\noutput_tokens: 1\nneeds: {min_context: 900000000000}\n")
    let r = try ratecard(["export", "projection", nowhere, "--start", "2027-01"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("nowhere: no eligible offer"))
    #expect(try Self.parse(r.stdout).rows.isEmpty)
    #expect(r.stdout.hasPrefix("profile,rank,month,"))
  }
}
