import Foundation
import Pricing
import Reports

/// How `ratecard usage` groups its rows.
public enum UsageGrouping: String, Sendable, CaseIterable {
  /// One row per provider, region, SKU / meter and rate (the default).
  case sku
  case model, app, meter, day, region
}

/// Report shapes of the usage commands (the JSON keys are part of ratecard's interface, see
/// docs/usage.md).
public enum UsageViews {
  /// `ratecard usage import`: one record per file.
  public static func importSummary(_ results: [UsageImportResult]) -> Report {
    var footer: [String] = []
    let records = results.map { r -> Record in
      let s = r.summary
      for (reason, n) in s.unmatchedReasons.sorted(by: { $0.key < $1.key }) {
        footer.append("  \(s.uri): unmatched \(n): \(reason)")
      }
      for category in UsageCategory.allCases where category != .token {
        if let n = s.otherLines[category] {
          let billed = s.billed[category].map { " billed \(Money.display($0)) \(s.currency)" } ?? ""
          footer.append("  \(s.uri): \(category.rawValue) \(n) line(s)\(billed), kept apart")
        }
      }
      if s.unreconciledLines > 0 {
        footer.append(
          "  \(s.uri): \(s.unreconciledLines) line(s) where quantity x unit price is not the billed cost (tolerance \(Reconciliation.tolerance.exactText))"
        )
      }
      if s.fractionalTokenLines > 0 {
        footer.append("  \(s.uri): \(s.fractionalTokenLines) token line(s) with a fractional token count (rounded when stored)")
      }
      if let old = r.replaced {
        footer.append(
          "  \(s.uri): replaces import \(old.id ?? 0) of \(old.sourceKey) \(old.month) (\(old.linesRead) lines, billed \(old.billedTokenCost), list \(old.listCost))"
        )
      }
      return Record([
        .init("source", .text(s.uri)),
        .init("format", .text(s.format.rawValue)),
        .init("import", r.importId.map { .integer(Int($0)) } ?? .null),
        .init("status", .text(r.status.rawValue)),
        .init("month", .text(s.month)),
        .init("linesRead", .integer(s.linesRead)),
        .init("tokenLines", .integer(s.tokenLines)),
        .init("matched", .integer(s.matchedLines)),
        .init("unmatched", .integer(s.unmatchedLines)),
        .init("otherLines", .integer(s.otherLines.values.reduce(0, +))),
        .init("tokens", .decimal(s.tokens.rounded0)),
        .init("requests", s.requests > 0 ? .integer(s.requests) : .null),
        .init("billedTotal", .decimal(s.billedTokenTotal)),
        .init("listTotal", .decimal(s.listTotal)),
        .init("currency", .text(s.currency)),
        .init("unreconciledLines", .integer(s.unreconciledLines)),
        .init(
          "unmatchedReasons",
          .object(Record(s.unmatchedReasons.sorted { $0.key < $1.key }.map { .init($0.key, .integer($0.value)) }))),
        .init(
          "other",
          .object(
            Record(
              UsageCategory.allCases.filter { $0 != .token && s.otherLines[$0] != nil }.map { c in
                .init(
                  c.rawValue,
                  .object(
                    Record([
                      .init("lines", .integer(s.otherLines[c] ?? 0)),
                      .init("billedCost", s.billed[c].map { .decimal($0) } ?? .null),
                    ])))
              }))),
        .init(
          "replaced",
          r.replaced.map { old in
            .object(
              Record([
                .init("import", .integer(Int(old.id ?? 0))),
                .init("linesRead", .integer(old.linesRead)),
                .init("billedTotal", .decimal(ExactDecimal.parse(old.billedTokenCost) ?? 0)),
                .init("listTotal", .decimal(ExactDecimal.parse(old.listCost) ?? 0)),
              ]))
          } ?? .null),
      ])
    }
    var report = Report(
      records: records,
      tableColumns: [
        "source", "status", "month", "linesRead", "tokenLines", "matched", "unmatched", "otherLines", "billedTotal",
        "listTotal", "currency",
      ],
      footer: footer)
    report.groupedColumns = ["linesRead", "tokenLines", "matched", "unmatched", "otherLines"]
    report.moneyColumns = ["billedTotal", "listTotal"]
    return report
  }

  /// One group of usage rows, summed exactly.
  public struct Group: Sendable {
    public var provider: String?
    public var region: String?
    public var sheetKey: String?
    public var sku: String?
    public var model: String?
    public var meter: String?
    public var tier: String?
    public var scope: String?
    public var app: String?
    public var day: String?
    public var currency: String?
    public var status: String?
    public var tokens: Int64 = 0
    public var requests: Int64?
    public var billedCost: Decimal?
    public var listCost: Decimal?
    public var lines = 0
    public var unreconciledLines = 0

    /// Billed cost over list cost (a negotiated discount shows as a steady ratio below 1).
    public var billedToList: Decimal? {
      guard let b = billedCost, let l = listCost, l != 0 else { return nil }
      return ExactDecimal.round(b / l, scale: 6)
    }
  }

  /// Groups rows by `grouping`; a field whose value differs inside a group is nil.
  public static func groups(_ rows: [UsageRecord], by grouping: UsageGrouping) -> [Group] {
    func key(_ r: UsageRecord) -> [String] {
      var k = [r.provider, r.currency]
      switch grouping {
      case .sku: k += [r.region, r.sku, r.sheetKey, r.model ?? "", r.meter ?? "", r.tier ?? "", r.scope ?? "", r.status]
      case .model: k += [r.model ?? r.sheetKey]
      case .app: k += [r.app]
      case .meter: k += [r.meter ?? ""]
      case .day: k += [r.day]
      case .region: k += [r.region]
      }
      return k
    }
    var order: [[String]] = []
    var groups: [[String]: Group] = [:]
    func merge(_ a: String?, _ b: String?) -> String? { a == b ? a : nil }
    for r in rows {
      let k = key(r)
      guard var g = groups[k] else {
        order.append(k)
        groups[k] = Group(
          provider: r.provider, region: r.region, sheetKey: r.sheetKey, sku: r.sku, model: r.model, meter: r.meter,
          tier: r.tier, scope: r.scope, app: r.app, day: r.day, currency: r.currency, status: r.status,
          tokens: r.tokens, requests: r.requests, billedCost: r.billedValue, listCost: r.listValue, lines: r.lines,
          unreconciledLines: r.unreconciledLines)
        continue
      }
      g.region = merge(g.region, r.region)
      g.sheetKey = merge(g.sheetKey, r.sheetKey)
      g.sku = merge(g.sku, r.sku)
      g.model = merge(g.model, r.model)
      g.meter = merge(g.meter, r.meter)
      g.tier = merge(g.tier, r.tier)
      g.scope = merge(g.scope, r.scope)
      g.app = merge(g.app, r.app)
      g.day = merge(g.day, r.day)
      g.status = merge(g.status, r.status)
      g.tokens += r.tokens
      if let q = r.requests { g.requests = (g.requests ?? 0) + q }
      if let b = r.billedValue { g.billedCost = (g.billedCost ?? 0) + b }
      // A group's list cost is known only when every row in it is priced.
      if let l = r.listValue, g.listCost != nil { g.listCost = g.listCost! + l } else { g.listCost = nil }
      g.lines += r.lines
      g.unreconciledLines += r.unreconciledLines
      groups[k] = g
    }
    return order.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { groups[$0] }
  }

  /// `ratecard usage`: the token usage grouped, with the other lines' totals in the footer.
  public static func usage(_ rows: [UsageRecord], by grouping: UsageGrouping, others: [UsageRecord]) -> Report {
    let groups = groups(rows, by: grouping)
    let records = groups.map { g in
      Record([
        .init("provider", text(g.provider)),
        .init("region", text(g.region)),
        .init("sheetKey", text(g.sheetKey)),
        .init("sku", text(g.sku)),
        .init("model", text(g.model)),
        .init("meter", text(g.meter)),
        .init("tier", text(g.tier)),
        .init("scope", text(g.scope)),
        .init("app", text(g.app)),
        .init("day", text(g.day)),
        .init("status", text(g.status)),
        .init("tokens", .integer(Int(g.tokens))),
        .init("requests", g.requests.map { .integer(Int($0)) } ?? .null),
        .init("billedCost", g.billedCost.map { .decimal($0) } ?? .null),
        .init("listCost", g.listCost.map { .decimal($0) } ?? .null),
        .init("billedToList", g.billedToList.map { .decimal($0) } ?? .null),
        .init("currency", text(g.currency)),
        .init("lines", .integer(g.lines)),
        .init("unreconciledLines", .integer(g.unreconciledLines)),
      ])
    }
    var columns = ["provider"]
    switch grouping {
    case .sku: columns += ["region", "sheetKey", "model", "meter", "tier", "scope"]
    case .model: columns += ["model"]
    case .app: columns += ["app"]
    case .meter: columns += ["meter"]
    case .day: columns += ["day"]
    case .region: columns += ["region"]
    }
    columns += ["tokens", "requests", "billedCost", "listCost", "billedToList", "currency", "lines"]
    var report = Report(records: records, tableColumns: columns, footer: footer(rows, others))
    report.groupedColumns = ["tokens", "requests", "lines"]
    report.moneyColumns = ["billedCost", "listCost"]
    return report
  }

  /// Totals, the reconciliation of bill against list, and the lines kept apart.
  static func footer(_ rows: [UsageRecord], _ others: [UsageRecord]) -> [String] {
    var lines: [String] = []
    var byCurrency:
      [String: (billed: Decimal, list: Decimal, billedMatched: Decimal, listWithoutBill: Decimal, unmatched: Int)] =
        [:]
    var formats: [String: Set<String>] = [:]
    for r in rows {
      let format = String(r.sourceKey.prefix { $0 != "|" })
      if format != UsageFormat.bedrockInvocationLog.rawValue {
        formats["\(r.provider) \(r.month)", default: []].insert(format)
      }
      var t = byCurrency[r.currency] ?? (0, 0, 0, 0, 0)
      t.billed += r.billedValue ?? 0
      if let l = r.listValue {
        t.list += l
        if let b = r.billedValue { t.billedMatched += b } else { t.listWithoutBill += l }
      } else {
        t.unmatched += r.lines
      }
      byCurrency[r.currency] = t
    }
    for (currency, t) in byCurrency.sorted(by: { $0.key < $1.key }) {
      let name = currency.isEmpty ? "(no cost in the source)" : currency
      lines.append("token usage \(name): billed \(Money.display(t.billed)), list \(Money.display(t.list))")
      if t.list - t.listWithoutBill != 0 {
        let ratio = ExactDecimal.round(t.billedMatched / (t.list - t.listWithoutBill), scale: 6)
        lines.append("  billed / list on matched lines: \(ratio.exactText)")
        // A SKU whose ratio differs from the steady one by more than 0.1% is flagged.
        for g in groups(rows.filter { $0.currency == currency }, by: .sku) {
          guard let r = g.billedToList, abs(r - ratio) > Decimal(string: "0.001")! else { continue }
          lines.append("  flag: \(g.sheetKey ?? g.sku ?? "") (\(g.region ?? "")): billed / list \(r.exactText)")
        }
      }
      if t.unmatched > 0 { lines.append("  \(t.unmatched) unmatched line(s): no list cost (ratecard usage unmatched)") }
    }
    for (what, set) in formats.sorted(by: { $0.key < $1.key }) where set.count > 1 {
      lines.append(
        "warning: \(what) comes from \(set.count) exports (\(set.sorted().joined(separator: ", "))): the same usage is counted once per export; choose one with --source"
      )
    }
    var apart: [String: (lines: Int, billed: Decimal, currency: String)] = [:]
    for r in others {
      var t = apart[r.category] ?? (0, 0, r.currency)
      t.lines += r.lines
      t.billed += r.billedValue ?? 0
      apart[r.category] = t
    }
    for c in UsageCategory.allCases {
      guard let t = apart[c.rawValue] else { continue }
      lines.append("\(c.rawValue): \(t.lines) line(s), billed \(Money.display(t.billed)) \(t.currency) (not token cost)")
    }
    return lines
  }

  /// `ratecard usage unmatched`: what could not be priced and why.
  public static func unmatched(_ rows: [UsageRecord]) -> Report {
    var order: [[String]] = []
    var sums: [[String]: (tokens: Int64, billed: Decimal?, lines: Int, from: String, to: String)] = [:]
    for r in rows {
      let k = [r.provider, r.service, r.sku, r.sheetKey, r.region, r.reason, r.currency]
      if var s = sums[k] {
        s.tokens += r.tokens
        if let b = r.billedValue { s.billed = (s.billed ?? 0) + b }
        s.lines += r.lines
        s.from = min(s.from, r.day)
        s.to = max(s.to, r.day)
        sums[k] = s
      } else {
        order.append(k)
        sums[k] = (r.tokens, r.billedValue, r.lines, r.day, r.day)
      }
    }
    let records = order.map { k -> Record in
      let s = sums[k]!
      return Record([
        .init("provider", .text(k[0])),
        .init("service", .text(k[1])),
        .init("sku", .text(k[2])),
        .init("sheetKey", .text(k[3])),
        .init("region", .text(k[4])),
        .init("reason", .text(k[5])),
        .init("tokens", .integer(Int(s.tokens))),
        .init("billedCost", s.billed.map { .decimal($0) } ?? .null),
        .init("currency", .text(k[6])),
        .init("lines", .integer(s.lines)),
        .init("firstDay", .text(s.from)),
        .init("lastDay", .text(s.to)),
      ])
    }
    var report = Report(
      records: records,
      tableColumns: ["provider", "sheetKey", "region", "reason", "tokens", "billedCost", "currency", "lines"],
      footer: records.isEmpty ? ["every token line is matched to a stored rate"] : [])
    report.groupedColumns = ["tokens", "lines"]
    report.moneyColumns = ["billedCost"]
    return report
  }

  static func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .null }
}
