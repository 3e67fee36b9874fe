import Foundation
import Testing

@testable import Pricing

@Suite("ISO dates")
struct ISODateTests {
  @Test(
    "normalises sheet dates to one canonical UTC form",
    arguments: [
      ("2026-07-01", "2026-07-01T00:00:00Z"), ("2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z"),
      ("2025-12-01T00:00:00.000Z", "2025-12-01T00:00:00Z"),
    ])
  func normalises(text: String, expected: String) {
    #expect(ISODate.normalize(text) == expected)
  }

  @Test("rejects non-dates", arguments: ["2026-13-01", "yesterday", "", "2026/07/01"])
  func rejects(text: String) {
    #expect(ISODate.normalize(text) == nil)
  }

  @Test("dates read from their bytes are the dates the ISO 8601 format style reads; printed alike")
  func isoDatesAgree() {
    var texts = [
      "2026-07-01", "2026-07-01T00:00:00Z", "2026-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
      "2025-02-29T12:00:00Z", "2026-02-30", "2026-02-31T00:00:00Z", "2026-04-31T00:00:00Z",
      "2026-07-01T00:00:00+02:00", "2026-07-01T00:00:00-05:30", "2026-07-01T00:00:00+00:00",
      "2026-07-01T00:00:00-00:00", "1970-01-01T00:00:00Z", "1970-01-01T00:30:00+01:00",
      "1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2026-07-01T24:00:00Z", "2026-07-01T23:60:00Z",
      "2026-07-01T23:59:60Z", "2026-07-01T00:00:00.5Z", "2026-07-01T00:00:00.123+02:00",
      "2026-07-01t00:00:00z", "2026-07-01 00:00:00Z", "2026-7-1T0:0:0Z", "2026-07-01T00:00Z",
      "2026-07-01T00:00:00", "2026-07-01T00:00:00+0200", "2026-07-01T00:00:00+23:59",
      "2026-07-01T00:00:00+24:00", "2026-13-01", "2026-00-10", "2026-07-00", "yesterday", "",
      "+2026-07-01T00:00:00Z", "2026-07-01T00:00:00ZZ", "２０２６-07-01",
    ]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let seconds = Int.random(in: 0..<253_402_300_800, using: &rng)
      let (y, m, d) = ISODate.civil(days: seconds / 86_400)
      let s = seconds % 86_400
      func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
      let base = "\(String(repeating: "0", count: 4 - String(y).count))\(y)-\(two(m))-\(two(d))"
      texts.append(base)
      texts.append(base + "T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z")
      texts.append(base + "T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))+\(two(Int.random(in: 0...14, using: &rng))):\(two([0, 30, 45].randomElement(using: &rng)!))")
    }
    var fast = 0
    for text in texts {
      #expect(ISODate.parse(text) == ISODate.formatStyleParse(text), "\(text)")
      if ISODate.canonicalSeconds(text) != nil { fast += 1 }
    }
    #expect(fast > 1_000)
    var dates = [0, 0.4, 0.999, 59.5, 86_399.999, 951_782_400, 1_782_864_000.25, 253_402_300_799.5].map {
      Date(timeIntervalSince1970: $0)
    }
    for _ in 0..<2_000 {
      dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<253_402_300_800, using: &rng)))
    }
    dates.append(Date())
    for date in dates {
      #expect(ISODate.format(date) == ISODate.formatStyleFormat(date), "\(date.timeIntervalSince1970)")
    }
  }
}
