import Foundation
import GRDB
import Pricing
import RateStore

/// Filters of `ratecard usage` (every value bound, never spliced into SQL).
public struct UsageFilter: Sendable {
  /// `YYYY-MM`.
  public var months: [String] = []
  public var providers: [Provider] = []
  /// Canonical model ids (or a name as the export gives it: SKU / meter name).
  public var models: [String] = []
  public var regions: [String] = []
  public var tiers: [Tier] = []
  public var scopes: [Scope] = []
  /// `KEY=VALUE` tag filters; every one must hold.
  public var tags: [(String, String)] = []
  /// Categories to list; empty lists every category.
  public var categories: [UsageCategory] = []
  /// Only unmatched token rows.
  public var unmatchedOnly = false
  /// Only rows from exports of these formats.
  public var formats: [UsageFormat] = []

  public init() {}

  /// Parses `KEY=VALUE`.
  public static func tag(_ text: String) -> (String, String)? {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }
}

extension RateStore {
  /// The stored usage rows matching `filter`, in day, provider, SKU order.
  public func usage(_ filter: UsageFilter) throws -> [UsageRecord] {
    try read { db in
      var request = UsageRecord.all()
      let C = UsageRecord.Columns.self
      if !filter.months.isEmpty { request = request.filter(filter.months.contains(C.month)) }
      if !filter.providers.isEmpty { request = request.filter(filter.providers.map(\.rawValue).contains(C.provider)) }
      if !filter.regions.isEmpty {
        request = request.filter(filter.regions.map { $0.lowercased() }.contains(C.region.lowercased))
      }
      if !filter.models.isEmpty {
        let names = filter.models.map { $0.lowercased() }
        request = request.filter(
          names.contains(C.model.lowercased) || names.contains(Column("sheetKey").lowercased)
            || names.contains(Column("sku").lowercased))
      }
      if !filter.tiers.isEmpty { request = request.filter(filter.tiers.map(\.rawValue).contains(Column("tier"))) }
      if !filter.scopes.isEmpty { request = request.filter(filter.scopes.map(\.rawValue).contains(Column("scope"))) }
      if !filter.categories.isEmpty {
        request = request.filter(filter.categories.map(\.rawValue).contains(C.category))
      }
      if !filter.formats.isEmpty {
        let prefixes = filter.formats.map { $0.rawValue + "|" }
        request = request.filter(
          prefixes.map { C.sourceKey.like($0 + "%") }.joined(operator: .or))
      }
      if filter.unmatchedOnly { request = request.filter(C.status == MatchStatus.unmatched.rawValue) }
      let records = try request.order(C.day, C.provider, Column("sku"), C.id).fetchAll(db)
      guard !filter.tags.isEmpty else { return records }
      return records.filter { r in
        let map = r.tagMap
        return filter.tags.allSatisfy { map[$0.0] == $0.1 || ($0.0 == "app" && r.app == $0.1) }
      }
    }
  }

  /// Usage imports, newest first.
  public func usageImports(limit: Int = 100) throws -> [UsageImportRecord] {
    try read { db in
      try UsageImportRecord.order(UsageImportRecord.Columns.id.desc).limit(limit).fetchAll(db)
    }
  }

  /// Number of stored usage rows (all imports).
  public func usageRowCount() throws -> Int {
    try read { db in try UsageRecord.fetchCount(db) }
  }
}

extension UsageFilter {
  /// True for `YYYY-MM` with a month 01...12.
  public static func isMonth(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard b.count == 7, b[4] == UInt8(ascii: "-"), b.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) }),
      let m = Int(String(text.suffix(2))), m >= 1, m <= 12
    else { return false }
    return true
  }
}
