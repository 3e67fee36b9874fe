import Foundation
import Pricing
import RateStore
import TestSupport
import Testing

@testable import Usage

/// The shared sample month (../shared/usage) against expected.json: every figure read from the
/// files and the stored price sheets, none written here.
@Suite("Usage: the shared sample month")
struct SharedUsageTests {
  let dir = TemporaryDirectory()

  struct Case: CustomTestStringConvertible, Sendable {
    let file: String
    let format: UsageFormat
    let provider: String
    var testDescription: String { (file as NSString).lastPathComponent }
  }

  static let billFiles: [Case] = [
    Case(file: SharedUsage.curFile, format: .awsCUR2, provider: "aws"),
    Case(file: SharedUsage.awsFocusFile, format: .awsFocus, provider: "aws"),
    Case(file: SharedUsage.eaFile, format: .azureEA, provider: "azure"),
    Case(file: SharedUsage.mcaFile, format: .azureMCA, provider: "azure"),
    Case(file: SharedUsage.azureFocusFile, format: .azureFocus, provider: "azure"),
  ]

  func importFile(_ path: String) throws -> (RateStore, UsageImportResult) {
    let store = try SharedUsage.store(in: dir)
    let results = try UsageImporter(store: store, resolveModel: TestCatalog.resolve).run(paths: [path])
    return (store, try #require(results.first))
  }

  @Test("each bill's format is detected from its content", arguments: billFiles)
  func detected(_ c: Case) throws {
    #expect(try UsageFormatDetector.detect(UsageInput(path: c.file)) == c.format)
  }

  @Test("each bill's token usage per usage type / meter, billed and list totals equal expected.json", arguments: billFiles)
  func tokenUsage(_ c: Case) throws {
    let (store, result) = try importFile(c.file)
    let section = SharedUsage.section(c.provider)
    let expectedRows = try #require(section["token_usage"] as? [[String: Any]])
    var filter = UsageFilter()
    filter.categories = [.token]
    let groups = UsageViews.groups(try store.usage(filter), by: .sku)
    #expect(groups.count == expectedRows.count)
    var expectedList: Decimal = 0
    for row in expectedRows {
      let key = (row["sku"] ?? row["meter_id"]) as? String ?? ""
      let g = try #require(groups.first { $0.sku == key }, "no group for \(key)")
      let tokens = SharedUsage.int(row["tokens"])
      #expect(g.tokens == tokens, "\(key)")
      #expect(g.billedCost == SharedUsage.decimal(row["billed"]), "\(key)")
      #expect(g.lines == Int(SharedUsage.int(row["lines"])), "\(key)")
      #expect(g.region == row["region"] as? String, "\(key)")
      #expect(g.sheetKey == (row["usage_type"] ?? row["meter_name"]) as? String, "\(key)")
      #expect(g.status == "matched", "\(key)")
      // The list price per the expected unit (1K / 1M tokens), from the stored sheet row.
      let unit = (row["unit"] as? String ?? "").lowercased()
      let perUnit: Decimal = unit.hasPrefix("1m") ? 1_000_000 : 1000
      let list = Decimal(tokens) / perUnit * SharedUsage.decimal(row["price"])
      #expect(g.listCost == list, "\(key): list \(g.listCost.map { "\($0)" } ?? "nil") vs \(list)")
      expectedList += list
    }
    let billed = SharedUsage.decimal(section["billed_token_cost"])
    #expect(result.summary.billedTokenTotal == billed)
    #expect(result.summary.listTotal == expectedList)
    #expect(result.summary.unmatchedLines == 0)
    #expect(result.summary.tokenLines == Int(SharedUsage.int(section["llm_token_lines"])))
    #expect(result.summary.month == "2026-10")
    #expect(result.summary.currency == "USD")
  }

  @Test("the CUR's lines that are not token usage are counted apart, none mixed into token cost")
  func curOtherLines() throws {
    let (_, result) = try importFile(SharedUsage.curFile)
    let s = result.summary
    let aws = SharedUsage.section("aws")
    #expect(s.linesRead == Int(SharedUsage.int(aws["cur_lines"])))
    #expect(s.otherLines.values.reduce(0, +) == Int(SharedUsage.int(aws["not_token_lines"])))
    #expect(s.otherLines[.nonToken] == 31)  // Guardrails
    #expect(s.otherLines[.otherService] == 62)  // EC2, S3
    #expect(s.otherLines[.tax] == 1)
    #expect(s.otherLines[.credit] == 1)
    #expect(s.otherLines[.discount] == 1)
    #expect(s.billed[.tax] == Decimal(string: "812.44"))
    #expect(s.billed[.credit] == -500)
  }

  @Test("the CUR and the FOCUS export of the same month give the same token usage")
  func curAndFocusAgree() throws {
    func usage(_ file: String) throws -> [String: (Int64, Decimal?)] {
      let (store, _) = try importFile(file)
      var filter = UsageFilter()
      filter.categories = [.token]
      var out: [String: (Int64, Decimal?)] = [:]
      for g in UsageViews.groups(try store.usage(filter), by: .sku) { out[g.sku ?? ""] = (g.tokens, g.billedCost) }
      try store.close()
      return out
    }
    let cur = try usage(SharedUsage.curFile)
    let focus = try usage(SharedUsage.awsFocusFile)
    #expect(cur.count == 11)
    #expect(Set(cur.keys) == Set(focus.keys))
    for (sku, v) in cur {
      #expect(focus[sku]?.0 == v.0, "\(sku)")
      #expect(focus[sku]?.1 == v.1, "\(sku)")
    }
  }

  @Test("the three Azure exports give the same token usage per meter")
  func azureExportsAgree() throws {
    var seen: [[String: Int64]] = []
    for file in [SharedUsage.eaFile, SharedUsage.mcaFile, SharedUsage.azureFocusFile] {
      let (store, _) = try importFile(file)
      var filter = UsageFilter()
      filter.categories = [.token]
      seen.append(
        Dictionary(uniqueKeysWithValues: UsageViews.groups(try store.usage(filter), by: .sku).map { ($0.sku ?? "", $0.tokens) }))
      try store.close()
    }
    #expect(seen[0].count == 7)
    #expect(seen[0] == seen[1])
    #expect(seen[0] == seen[2])
  }

  @Test("the invocation log gives the requests and tokens of expected.json per model id and region")
  func invocationLog() throws {
    let (store, result) = try importFile(SharedUsage.logFile)
    let totals = try #require(SharedUsage.section("aws")["invocation_log_totals"] as? [String: [String: Any]])
    let rows = try store.usage(UsageFilter())
    #expect(result.summary.requests == totals.values.map { Int(SharedUsage.int($0["requests"])) }.reduce(0, +))
    for (key, expected) in totals {
      let parts = key.split(separator: "|").map(String.init)
      let mine = rows.filter { $0.sku == parts[0] && $0.region == parts[1] }
      func tokens(_ meter: Meter) -> Int64 { mine.filter { $0.meter == meter.rawValue }.map(\.tokens).reduce(0, +) }
      #expect(mine.compactMap(\.requests).reduce(0, +) == SharedUsage.int(expected["requests"]), "\(key)")
      #expect(tokens(.input) == SharedUsage.int(expected["inputTokens"]), "\(key)")
      #expect(tokens(.output) == SharedUsage.int(expected["outputTokens"]), "\(key)")
      #expect(tokens(.cacheRead) == SharedUsage.int(expected["cacheReadInputTokens"]), "\(key)")
      // Matched through the catalogue to the model's standard rate in its region.
      #expect(mine.allSatisfy { $0.status == "matched" && $0.tier == "standard" }, "\(key)")
      #expect(mine.allSatisfy { $0.billedCost == nil }, "a log carries no cost")
    }
  }

  @Test("the same file again is unchanged; nothing is added")
  func sameFileUnchanged() throws {
    let store = try SharedUsage.store(in: dir)
    let importer = UsageImporter(store: store)
    _ = try importer.run(paths: [SharedUsage.eaFile])
    let count = try store.usageRowCount()
    let again = try importer.run(paths: [SharedUsage.eaFile])
    #expect(again.first?.status == .unchanged)
    #expect(try store.usageRowCount() == count)
    #expect(try store.usageImports().count == 2)
  }

  @Test("a re-export of the same month replaces that source's lines and names the replaced totals")
  func reExportReplaces() throws {
    let store = try SharedUsage.store(in: dir)
    let importer = UsageImporter(store: store)
    let first = try #require(try importer.run(paths: [SharedUsage.mcaFile]).first)
    // The revised export: the same file without its last line.
    let text = try String(contentsOfFile: SharedUsage.mcaFile, encoding: .utf8)
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let dropped = lines.removeLast()
    let revised = try dir.write("revised.csv", lines.joined(separator: "\n") + "\n")
    let second = try #require(try importer.run(paths: [revised]).first)
    #expect(second.status == .ok)
    #expect(second.replaced?.id == first.importId)
    #expect(second.replaced.flatMap { ExactDecimal.parse($0.billedTokenCost) } == first.summary.billedTokenTotal)
    #expect(second.summary.linesRead == first.summary.linesRead - 1)
    let rows = try store.usage(UsageFilter())
    #expect(rows.allSatisfy { $0.importId == second.importId })
    #expect(rows.map(\.lines).reduce(0, +) == second.summary.linesRead)
    let report = try OutputFormatCheck.table(UsageViews.importSummary([second]))
    #expect(report.contains("replaces import \(first.importId!)"), "\(dropped.prefix(20))")
  }
}

import Reports

enum OutputFormatCheck {
  static func table(_ report: Report) throws -> String { try OutputFormat.table.string(report) }
  static func json(_ report: Report) throws -> String { try OutputFormat.json.string(report) }
}
