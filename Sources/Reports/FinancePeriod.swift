import Foundation

/// A calendar month (UTC), the billing period of a forecast row.
public struct FinancePeriod: Sendable, Hashable, Comparable {
  public var year: Int
  /// 1...12.
  public var month: Int

  public init?(year: Int, month: Int) {
    guard (1...12).contains(month), (1...9998).contains(year) else { return nil }
    self.year = year
    self.month = month
  }

  /// Parses `YYYY-MM`.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(parts[0]), let m = Int(parts[1])
    else { return nil }
    self.init(year: y, month: m)
  }

  /// The month after the one holding `date` (UTC): the default first month of a forecast.
  public static func following(_ date: Date) -> FinancePeriod {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month], from: date)
    return FinancePeriod(year: c.year!, month: c.month!)!.next
  }

  /// The next month.
  public var next: FinancePeriod {
    month == 12 ? FinancePeriod(year: year + 1, month: 1)! : FinancePeriod(year: year, month: month + 1)!
  }

  /// The calendar months of a forecast of `count` months whose month 1 is `start`: the labels of
  /// every forecast (`project`'s columns and JSON `period`, `export projection`, the HTML report).
  public static func forecast(_ count: Int, from start: FinancePeriod) -> [FinancePeriod] {
    (0..<max(0, count)).map { start.adding(months: $0) }
  }

  /// `n` months later.
  public func adding(months n: Int) -> FinancePeriod {
    let index = year * 12 + (month - 1) + n
    return FinancePeriod(year: index / 12, month: index % 12 + 1)!
  }

  /// Number of days in the month.
  public var days: Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// `YYYY-MM`.
  public var text: String { "\(pad(year, 4))-\(pad(month, 2))" }
  /// First day, `YYYY-MM-DD`.
  public var firstDay: String { "\(text)-01" }
  /// Last day (inclusive), `YYYY-MM-DD`.
  public var lastDay: String { "\(text)-\(pad(days, 2))" }
  /// Start instant, ISO 8601 UTC (`2027-01-01T00:00:00Z`).
  public var start: String { firstDay + "T00:00:00Z" }
  /// End instant, exclusive: the start of the next month (FOCUS convention).
  public var endExclusive: String { next.start }

  public static func < (a: FinancePeriod, b: FinancePeriod) -> Bool {
    (a.year, a.month) < (b.year, b.month)
  }

  /// Zero-padded decimal digits (no locale involved).
  private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
