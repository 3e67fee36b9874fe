import Foundation
import Pricing
import RateStore

/// What a line is, for accounting: token usage (matched to a rate or not), other usage of the
/// model services, usage of other services, or a non-usage charge. Only token lines carry token
/// cost; everything else is counted and summed apart.
public enum UsageCategory: String, Sendable, Codable, CaseIterable {
  case token
  /// Bedrock / Foundry usage that is not tokens: guardrails, images, provisioned hours.
  case nonToken = "non-token"
  /// Usage of other services (compute, storage).
  case otherService = "other-service"
  case tax, credit, refund, discount, fee

  init(_ line: UsageLine) {
    switch line.charge {
    case .usage:
      if !line.isModelService {
        self = .otherService
      } else {
        self = line.amounts.tokens == nil ? .nonToken : .token
      }
    case .tax: self = .tax
    case .credit: self = .credit
    case .refund: self = .refund
    case .discount: self = .discount
    case .fee: self = .fee
    }
  }
}

/// Whether a token line found its rate.
public enum MatchStatus: String, Sendable, Codable {
  case matched, unmatched
  /// Not a token line: not matched.
  case none = ""
}

/// One aggregated usage row: lines of one day, account, tags, service, SKU / meter, region and
/// rate (and for invocation logs, meter and caller), summed exactly.
public struct UsageRow: Sendable, Hashable {
  public var day: String
  public var account: String
  /// The tags, a JSON object with sorted keys (`{}` when none).
  public var tags: String
  /// The `app` tag (`app`, `user_app`, `user:app`, `application`), or for invocation logs the
  /// caller's role name; empty when none.
  public var app: String
  public var caller: String
  public var provider: Provider
  public var service: String
  public var category: UsageCategory
  public var status: MatchStatus
  public var reason: String
  public var sku: String
  public var sheetKey: String
  public var region: String
  public var rateId: Int64?
  public var model: String?
  public var meter: String?
  public var tier: String?
  public var scope: String?
  public var variant: String?
  /// The matched rate's price per its unit (`1M tokens`), as of the usage day.
  public var ratePrice: Decimal?
  public var unit: String
  public var currency: String
  public var quantity: Decimal = 0
  public var tokens: Decimal = 0
  public var requests: Int?
  public var billedCost: Decimal?
  public var listCost: Decimal?
  public var lines = 0
  /// Lines whose quantity x unit price is not their billed cost (``Reconciliation``).
  public var unreconciledLines = 0
}

/// What one file held, for the import summary.
public struct UsageFileSummary: Sendable {
  public var uri: String
  public var format: UsageFormat
  public var month: String
  public var currency: String
  public var sourceKey: String
  public var sha256: String
  public var linesRead = 0
  public var tokenLines = 0
  public var matchedLines = 0
  public var unmatchedLines = 0
  /// Unmatched token lines by reason.
  public var unmatchedReasons: [String: Int] = [:]
  /// Lines by category other than token.
  public var otherLines: [UsageCategory: Int] = [:]
  /// Billed cost by category (token included).
  public var billed: [UsageCategory: Decimal] = [:]
  /// Billed cost of the matched token lines, and their list cost as of each line's day.
  public var billedMatched: Decimal = 0
  public var listTotal: Decimal = 0
  public var tokens: Decimal = 0
  public var requests = 0
  public var unreconciledLines = 0
  /// Token lines whose token count is not a whole number.
  public var fractionalTokenLines = 0

  /// Billed cost of the token lines.
  public var billedTokenTotal: Decimal { billed[.token] ?? 0 }
}

/// Classifies, matches and sums the lines of one file. Holds one row per group, never a line.
/// Only counts are kept per line; money is summed per group (exactly) and the list cost of a group
/// is its tokens x its rate's price, which equals the sum of its lines' list costs exactly.
public struct UsageAggregator {
  let index: RateIndex
  let resolveModel: (String) -> String?
  private var counts: UsageFileSummary
  private var rows: [UsageRow] = []
  /// The sums of each row, exact (``ExactSum``); the rows get them in ``usageRows``.
  private var sums: [GroupSums] = []
  private var groups = FirstSeenIndex<GroupKey>()
  /// Groups by reader template and the presence of tokens and cost (``slot(_:)``).
  private var templateSlots: [Int: Int] = [:]
  private var matchMemo: [MatchKey: RateMatch] = [:]
  private var tagMemo: [String: (String, String)] = [:]
  private var modelMemo: [String: String?] = [:]

  struct GroupSums {
    var quantity = ExactSum()
    var tokens = ExactSum()
    var billed = ExactSum()

    mutating func add(_ other: GroupSums) {
      quantity.add(other.quantity)
      tokens.add(other.tokens)
      billed.add(other.billed)
    }
  }

  /// What a group is, without its sums.
  struct GroupKey: Hashable {
    var day, account, tags, caller, service, sku, sheetKey, region, unit, currency: String
    var provider: Provider
    var category: UsageCategory
    var meter: Meter?
    var scope: Scope?
    var hasCost: Bool
    var match: MatchKey?
  }

  /// What a token line is matched by (the memo's key).
  struct MatchKey: Hashable {
    var provider: Provider
    var service, sku, sheetKey, region, day: String
    var meter: Meter?
    var scope: Scope?
  }

  public init(index: RateIndex, format: UsageFormat, uri: String, resolveModel: @escaping (String) -> String?) {
    self.index = index
    self.resolveModel = resolveModel
    counts = UsageFileSummary(uri: uri, format: format, month: "", currency: "", sourceKey: "", sha256: "")
  }

  /// The rows so far, in first-seen order, with their list costs.
  public var usageRows: [UsageRow] {
    zip(rows, sums).map { r, sum in
      var r = r
      r.quantity = sum.quantity.decimal
      r.tokens = sum.tokens.decimal
      if r.billedCost != nil { r.billedCost = sum.billed.decimal }
      if r.status == .matched, let price = r.ratePrice { r.listCost = r.tokens * price * Self.perMillion }
      return r
    }
  }

  /// The file's summary: the per-line counts and the sums and line counts of the rows.
  public var summary: UsageFileSummary {
    var s = counts
    for r in usageRows {
      s.linesRead += r.lines
      if let b = r.billedCost { s.billed[r.category, default: 0] += b }
      guard r.category == .token else {
        s.otherLines[r.category, default: 0] += r.lines
        continue
      }
      s.tokenLines += r.lines
      s.tokens += r.tokens
      switch r.status {
      case .matched:
        s.matchedLines += r.lines
        s.listTotal += r.listCost ?? 0
        s.billedMatched += r.billedCost ?? 0
      case .unmatched:
        s.unmatchedLines += r.lines
        s.unmatchedReasons[r.reason, default: 0] += r.lines
      case .none:
        break
      }
    }
    return s
  }

  public mutating func add(_ line: UsageLine) {
    let slot = slot(line)
    if rows[slot].category == .token, let t = line.amounts.tokens {
      sums[slot].tokens.add(t)
      if !t.isWhole { counts.fractionalTokenLines += 1 }
    }
    if let r = line.requests {
      counts.requests += r
      rows[slot].requests = (rows[slot].requests ?? 0) + r
    }
    if let q = line.amounts.quantity, let p = line.amounts.unitPrice, let billed = line.amounts.billedCost, !Reconciliation.agrees(q, p, billed) {
      rows[slot].unreconciledLines += 1
      counts.unreconciledLines += 1
    }
    if let q = line.amounts.quantity { sums[slot].quantity.add(q) }
    if let b = line.amounts.billedCost { sums[slot].billed.add(b) }
    rows[slot].lines += 1
  }

  /// The group of a line. Lines of one reader template (``UsageLine/template``) with the same
  /// presence of tokens and cost are one group, found by the template without hashing the key.
  private mutating func slot(_ line: UsageLine) -> Int {
    var known: Int?
    if let t = line.template {
      let k = t &* 4 + (line.amounts.tokens != nil ? 2 : 0) + (line.amounts.billedCost != nil ? 1 : 0)
      if let s = templateSlots[k] { return s }
      known = k
    }
    let category = UsageCategory(line)
    var memo: MatchKey?
    if category == .token {
      memo = MatchKey(
        provider: line.provider, service: line.service, sku: line.sku, sheetKey: line.sheetKey, region: line.region,
        day: line.date, meter: line.meter, scope: line.scope)
    }
    let key = GroupKey(
      day: line.date, account: line.account, tags: line.tagsJSON, caller: line.caller, service: line.service,
      sku: line.sku, sheetKey: line.sheetKey, region: line.region, unit: line.amounts.tokens != nil ? "tokens" : line.unit,
      currency: line.currency, provider: line.provider, category: category, meter: line.meter, scope: line.scope,
      hasCost: line.amounts.billedCost != nil, match: memo)
    let (slot, isNew) = groups.index(of: key)
    if isNew {
      rows.append(newRow(key, line))
      sums.append(GroupSums())
    }
    if let known {
      if templateSlots.count >= Self.templateLimit { templateSlots.removeAll(keepingCapacity: true) }
      templateSlots[known] = slot
    }
    return slot
  }

  /// Template slots kept before the cache starts again (memory stays flat).
  static let templateLimit = 1 << 18

  /// Adds what `other` (the aggregate of a later part of the same file) summed: its groups after
  /// this one's, in their order; sums and counts exactly.
  public mutating func merge(_ other: UsageAggregator) {
    for (i, key) in other.groups.keys.enumerated() {
      let row = other.rows[i]
      let (slot, isNew) = groups.index(of: key)
      guard !isNew else {
        rows.append(row)
        sums.append(other.sums[i])
        continue
      }
      sums[slot].add(other.sums[i])
      if let r = row.requests { rows[slot].requests = (rows[slot].requests ?? 0) + r }
      rows[slot].lines += row.lines
      rows[slot].unreconciledLines += row.unreconciledLines
    }
    let o = other.counts
    counts.requests += o.requests
    counts.unreconciledLines += o.unreconciledLines
    counts.fractionalTokenLines += o.fractionalTokenLines
  }

  /// A new group's row: its tags made canonical, and for token lines, its rate.
  private mutating func newRow(_ key: GroupKey, _ line: UsageLine) -> UsageRow {
    let (tags, tagApp) = canonicalTags(key.tags)
    var app = tagApp
    if app.isEmpty, !line.caller.isEmpty { app = Self.roleName(line.caller) }
    var row = UsageRow(
      day: key.day, account: key.account, tags: tags, app: app, caller: key.caller, provider: key.provider,
      service: key.service, category: key.category, status: .none, reason: "", sku: key.sku, sheetKey: key.sheetKey,
      region: key.region, unit: key.unit, currency: key.currency)
    row.meter = key.meter?.rawValue
    row.scope = key.scope?.rawValue
    if key.hasCost { row.billedCost = 0 }
    if let memo = key.match {
      switch match(memo, line) {
      case .matched(let rate):
        row.setMatched(rate)
      case .unmatched(let reason):
        row.status = .unmatched
        row.reason = reason.text
      }
    }
    return row
  }

  static let perMillion = Decimal(string: "0.000001")!

  private mutating func match(_ key: MatchKey, _ line: UsageLine) -> RateMatch {
    if let m = matchMemo[key] { return m }
    let result: RateMatch
    if let meter = line.meter {
      let model: String?
      if let m = modelMemo[line.sheetKey] {
        model = m
      } else {
        model = resolveModel(line.sheetKey) ?? resolveModel(line.sku)
        modelMemo[line.sheetKey] = model
      }
      result = index.match(
        model: model, modelId: line.sku, region: line.region, scope: line.scope ?? .regional, meter: meter,
        day: line.date)
    } else {
      result = index.match(
        provider: line.provider, service: line.service, sku: line.sku, sheetKey: line.sheetKey,
        region: line.region, day: line.date)
    }
    matchMemo[key] = result
    return result
  }

  private mutating func canonicalTags(_ text: String) -> (String, String) {
    if let memo = tagMemo[text] { return memo }
    var trimmed = text.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty, !trimmed.hasPrefix("{") { trimmed = "{" + trimmed + "}" }
    let map = trimmed.isEmpty ? [:] : (JSONMap.parse(trimmed) ?? ["_raw": text])
    let canonical = Self.json(map)
    let app = Self.appKeys.lazy.compactMap { map[$0] }.first ?? ""
    tagMemo[text] = (canonical, app)
    return (canonical, app)
  }

  static let appKeys = ["app", "user_app", "user:app", "App", "application", "Application", "user:application"]

  static func json(_ map: [String: String]) -> String {
    guard !map.isEmpty,
      let data = try? JSONSerialization.data(withJSONObject: map, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// `arn:aws:sts::1:assumed-role/rag-eu/svc` → `rag-eu`; `arn:aws:iam::1:user/alice` → `alice`.
  static func roleName(_ arn: String) -> String {
    let parts = arn.split(separator: "/")
    guard parts.count >= 2 else { return "" }
    return String(parts[1])
  }
}

extension Decimal {
  /// The value rounded to a whole number (half away from zero).
  var rounded0: Decimal { ExactDecimal.round(self, scale: 0) }
}
