import Foundation
import Reports
import Testing

@Suite("Forecast billing periods are calendar months in UTC")
struct FinancePeriodTests {
  @Test("parse YYYY-MM, reject anything else")
  func parse() {
    #expect(FinancePeriod("2027-01") == FinancePeriod(year: 2027, month: 1))
    for bad in ["2027-13", "2027-1", "27-01", "2027/01", "2027-00", "", "2027-01-01", "２０２７-01"] {
      #expect(FinancePeriod(bad) == nil, "\(bad)")
    }
  }

  @Test("the default start is the month after today, across a year end")
  func following() throws {
    let dec31 = try #require(ISO8601DateFormatter().date(from: "2026-12-31T23:59:59Z"))
    #expect(FinancePeriod.following(dec31) == FinancePeriod(year: 2027, month: 1))
    let nov1 = try #require(ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z"))
    #expect(FinancePeriod.following(nov1) == FinancePeriod(year: 2026, month: 12))
  }

  @Test("ISO 8601 bounds: first and last day, exclusive end instant; leap years")
  func bounds() throws {
    let feb = try #require(FinancePeriod("2028-02"))
    #expect(feb.firstDay == "2028-02-01")
    #expect(feb.lastDay == "2028-02-29")
    #expect(feb.start == "2028-02-01T00:00:00Z")
    #expect(feb.endExclusive == "2028-03-01T00:00:00Z")
    #expect(try #require(FinancePeriod("2100-02")).lastDay == "2100-02-28")
    #expect(try #require(FinancePeriod("2026-11")).adding(months: 14).text == "2028-01")
    #expect(try #require(FinancePeriod("2026-12")).endExclusive == "2027-01-01T00:00:00Z")
  }
}
