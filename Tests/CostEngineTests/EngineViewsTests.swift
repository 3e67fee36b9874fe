import CostEngine
import Foundation
import Pricing
import RatecardKit
import Reports
import Testing

@Suite("recommend output shapes")
struct EngineViewsTests {
  @Test("recommend -o json: one object per profile with the documented keys, amounts as decimal strings")
  func jsonShape() throws {
    let p = try parseOne(GoldenTests.supportBot + "\nwhere: {providers: [azure]}\ncurrent: {provider: aws, model: nova-pro-v1, region: us-east-1, scope: regional}\n")
    let rec = try engine().recommend(p, alternatives: 2)
    let text = try OutputFormat.json.string(EngineViews.recommendations([rec], format: .json))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(json.count == 1)
    let obj = json[0]
    #expect(obj["profile"] as? String == "support-bot")
    let best = try #require(obj["recommended"] as? [String: Any])
    for key in ["provider", "model", "region", "scope", "tiers", "monthlyCost", "currency", "lines"] {
      #expect(best[key] != nil, "recommended.\(key)")
    }
    // Amounts are exact decimal strings, equal to the engine's values.
    #expect(best["monthlyCost"] as? String == rec.recommended?.monthlyCost.exactText)
    let lines = try #require(best["lines"] as? [[String: Any]])
    #expect(lines.allSatisfy { $0["cost"] is String && $0["quantity"] is String && $0["sku"] is String && $0["sheetKey"] is String })
    #expect((obj["alternatives"] as? [[String: Any]])?.count == 2)
    #expect(obj["savingVsCurrent"] as? String == rec.savingVsCurrent?.exactText)
    let excluded = try #require(obj["excluded"] as? [[String: Any]])
    #expect(!excluded.isEmpty)
    #expect(excluded.allSatisfy { Set($0.keys) == ["provider", "model", "region", "scope", "endpoint", "reasons"] })
  }

  @Test("tables round to cents, half away from zero; CSV rows are cost lines with exact amounts")
  func tableAndCSV() throws {
    let p = try parseOne(GoldenTests.supportBot)
    let pr = try projection(engine(), p, .azure, "openai/gpt-4o-2024-11-20", "eastus2", .global)
    let start = try #require(FinancePeriod("2026-12"))
    let table = try OutputFormat.table.string(EngineViews.projections([.init(profile: p, eligible: 1, offers: [pr], current: nil, currentNotes: [])], months: 2, start: start, format: .table))
    // Columns by calendar month (across the year end), then the 2-month total; month 2 with no
    // growth = the same 13,533.75, right-aligned with thousands separators.
    let lines = table.split(separator: "\n")
    #expect(lines[0].contains("  2026-12  ") && lines[0].contains("  2027-01  ") && lines[0].contains("total 2 months"))
    #expect(lines[2].contains("  13,533.75  13,533.75  ") && lines[2].contains("  27,067.50  USD"))
    let csv = try OutputFormat.csv.string(EngineViews.projections([.init(profile: p, eligible: 1, offers: [pr], current: nil, currentNotes: [])], months: 1, start: start, format: .csv))
    let rows = csv.split(separator: "\r\n")
    #expect(rows.count == pr.lines.count + 1)
    #expect(rows.contains { $0.contains("59319c39") && $0.contains("1822.5") })
  }
}
