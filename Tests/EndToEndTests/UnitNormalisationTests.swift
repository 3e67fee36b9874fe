import Foundation
import TestSupport
import Testing

/// Every token price is per 1M tokens, training tokens included (the sheet's `1K tokens` kept
/// beside it as `sheetUnit` and `sheetPrice`); images per image; time per the sheet's time unit
/// (docs/formats-aws.md, docs/formats-azure.md), in `rates -o json` and in the `rates` table.
@Suite("unit normalisation end to end")
struct UnitNormalisationTests {
  let dir = TemporaryDirectory()

  /// A store with every shared sheet: the AWS offer index and the Azure Retail Prices pages.
  func sharedStore() throws -> String {
    let db = dir.path("shared.sqlite")
    let sheets = [TestPaths.pricesheet("aws/offers/v1.0/aws/index.json"), TestPaths.pricesheet("azure/retail-prices")]
    let imported = try Run.process(TestPaths.ratecardBinary, ["import"] + sheets + ["--db", db, "--quiet"])
    #expect(imported.status == 0, "\(imported.stderr)")
    return db
  }

  func rates(_ args: [String], db: String) throws -> ProcessResult {
    let r = try Run.process(TestPaths.ratecardBinary, ["rates", "--db", db] + args)
    #expect(r.status == 0, "\(r.stderr)")
    return r
  }

  func json(_ r: ProcessResult) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
  }

  static func dec(_ any: Any?) -> Decimal? {
    (any as? String).flatMap { Decimal(string: $0.replacingOccurrences(of: ",", with: ""), locale: Locale(identifier: "en_US_POSIX")) }
  }

  /// The rows of a table: each cell cut at the extent of its column's dashes.
  static func table(_ text: String) -> [[String: String]] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    guard lines.count > 2 else { return [] }
    var extents: [Range<Int>] = []
    var start: Int?
    for (i, c) in (lines[1] + [" "]).enumerated() {
      if c == "-" { start = start ?? i } else if let s = start { extents.append(s..<i); start = nil }
    }
    func cell(_ line: [Character], _ r: Range<Int>, last: Bool) -> String {
      guard r.lowerBound < line.count else { return "" }
      let end = last ? line.count : min(r.upperBound, line.count)
      return String(line[r.lowerBound..<end]).trimmingCharacters(in: .whitespaces)
    }
    let names = extents.enumerated().map { cell(lines[0], $0.element, last: $0.offset == extents.count - 1) }
    return lines.dropFirst(2).filter { !$0.isEmpty && $0.first != " " }.map { line in
      var row: [String: String] = [:]
      for (k, r) in extents.enumerated() { row[names[k]] = cell(line, r, last: k == extents.count - 1) }
      return row
    }
  }

  @Test("every shared rate: token prices per 1M tokens (training too), images per image, time per the sheet's time unit")
  func everySharedRate() throws {
    let db = try sharedStore()
    let rows = try json(try rates(["-o", "json"], db: db))
    #expect(rows.count > 30_000)
    let tokenMeters: Set<String> = ["input", "output", "cache_read", "cache_write"]
    var seen: [String: Int] = [:]
    for row in rows {
      let sheetUnit = row["sheetUnit"] as? String ?? ""
      let unit = row["unit"] as? String ?? ""
      let meter = row["meter"] as? String ?? ""
      let variant = row["variant"] as? String ?? ""
      let key = row["sheetKey"] as? String ?? ""
      let tier = row["tier"] as? String ?? ""
      let (price, sheetPrice) = (Self.dec(row["price"]), Self.dec(row["sheetPrice"]))
      let what = "\(row["provider"] ?? "") \(key) \(sheetUnit) -> \(unit)"
      // Tokens: a token meter, a sheet unit in tokens, or an Azure training meter sold per 1K/1M.
      let training = variant.split(separator: ",").contains("training") && !sheetUnit.lowercased().contains("hour")
      if tokenMeters.contains(meter) || sheetUnit.lowercased().contains("token") || training {
        let factor: Decimal? = ["1K tokens": 1000, "1K": 1000, "1M tokens": 1, "1M": 1, "Units": 1, "1": 1_000_000][sheetUnit]
        #expect(unit == "1M tokens", "\(what)")
        #expect(factor != nil && price == sheetPrice.map { $0 * factor! }, "\(what): \(row["sheetPrice"] ?? "") -> \(row["price"] ?? "")")
        seen[training ? "training tokens" : "tokens", default: 0] += 1
      } else if key.hasSuffix("Images") || sheetUnit == "image" {
        // Per image: AWS sells per image, Azure per block of images (`100`).
        let block = sheetUnit == "image" ? 1 : Decimal(string: sheetUnit)
        #expect(unit == "image", "\(what)")
        #expect(block != nil && price == sheetPrice.map { $0 / block! }, "\(what)")
        seen["images", default: 0] += 1
      } else if ["hour", "second", "1 Hour", "1/Hour", "1 Second", "1/Month"].contains(sheetUnit) {
        // Time stays in the sheet's time unit, price unchanged; an Azure reservation is priced per
        // its term although its unitOfMeasure says 1/Hour.
        let expected: String
        if tier == "reserved" && sheetUnit == "1/Hour" {
          expected = ["1 month": "month", "1 year": "year"][row["commitment"] as? String ?? ""] ?? "?"
        } else {
          expected = ["hour": "hour", "1 Hour": "hour", "1/Hour": "hour", "second": "second", "1 Second": "second", "1/Month": "month"][sheetUnit]!
        }
        #expect(unit == expected, "\(what)")
        #expect(price == sheetPrice, "\(what)")
        seen["time \(expected)", default: 0] += 1
      }
      #expect(!unit.lowercased().hasSuffix("images") && !unit.lowercased().hasPrefix("1k tokens"), "\(what)")
    }
    // Every kind is present (the checks above ran on real rows).
    for kind in ["tokens", "training tokens", "images", "time hour", "time second", "time month", "time year"] {
      #expect(seen[kind, default: 0] > 0, "no \(kind) row: \(seen)")
    }
  }

  @Test("the rates table shows the same normalised unit and price as the JSON, row for row")
  func tableMatchesJSON() throws {
    let db = try sharedStore()
    for filter in [["--provider", "azure", "--meter", "other"], ["--provider", "aws", "--meter", "other"], ["--tier", "provisioned"]] {
      let rows = try json(try rates(filter + ["-o", "json"], db: db))
      let table = Self.table(try rates(filter, db: db).stdout)
      #expect(rows.count > 40 && table.count == rows.count, "\(filter): \(table.count) table rows, \(rows.count) JSON rows")
      for (t, j) in zip(table, rows) {
        #expect(t["unit"] == j["unit"] as? String, "\(filter): \(t) vs \(j)")
        #expect(Self.dec(t["price"]) == Self.dec(j["price"]), "\(filter): \(t) vs \(j)")
      }
      let units = Set(table.compactMap { $0["unit"] })
      #expect(!units.contains { $0.hasSuffix("images") || $0 == "1K tokens" || $0 == "1K" || $0 == "100" }, "\(units)")
    }
  }

  @Test("AWS training tokens (meter other) are per 1M tokens, from the real AmazonBedrock offer")
  func trainingTokens() throws {
    let db = dir.path("units.sqlite")
    let sheet = TestPaths.pricesheet("aws/offers/v1.0/aws/AmazonBedrock/current/index.json")
    let imported = try Run.process(TestPaths.ratecardBinary, ["import", sheet, "--db", db, "--quiet"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let r = try Run.process(
      TestPaths.ratecardBinary, ["rates", "--sku", "043XNDRNSVWNL2CR", "--db", db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let training = try #require(rows.first { $0["sheetKey"] as? String == "USW2-Llama3-2-90B-customization-training" })
    #expect(training["variant"] as? String == "training")
    #expect(training["sheetUnit"] as? String == "1K tokens")
    #expect(training["sheetPrice"] as? String == "0.0079000000")
    #expect(training["unit"] as? String == "1M tokens")
    #expect(training["price"] as? String == "7.9")
  }

  @Test("Azure image meters sold per 100 images are per image, the sheet's block kept beside")
  func azureImages() throws {
    let db = dir.path("images.sqlite")
    let page = TestPaths.pricesheet("azure/retail-prices/page-0001.json")
    let imported = try Run.process(TestPaths.ratecardBinary, ["import", page, "--db", db, "--quiet"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let r = try Run.process(TestPaths.ratecardBinary, ["rates", "--db", db, "-o", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let images = rows.filter { ($0["sheetKey"] as? String)?.hasSuffix("Images") == true }
    #expect(!images.isEmpty)
    #expect(images.allSatisfy { $0["unit"] as? String == "image" })
    #expect(!rows.contains { ($0["unit"] as? String)?.hasSuffix("images") == true })
    let dalle = try #require(images.first { ($0["sheetKey"] as? String)?.hasPrefix("Image-Dall-E-3 HD LowRes-regnl EP") == true && $0["region"] as? String == "eastus" })
    #expect(dalle["sheetUnit"] as? String == "100")
    #expect(dalle["price"] as? String == "0.088")
  }
}
