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
        self = line.tokens == nil ? .nonToken : .token
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
public struct UsageAggregator {
  let index: RateIndex
  let resolveModel: (String) -> String?
  public private(set) var summary: UsageFileSummary
  private var rows: [UsageRow] = []
  private var slots: [UsageRow: Int] = [:]
  private var matchMemo: [String: RateMatch] = [:]
  private var tagMemo: [String: (String, String)] = [:]
  private var modelMemo: [String: String?] = [:]

  public init(index: RateIndex, format: UsageFormat, uri: String, resolveModel: @escaping (String) -> String?) {
    self.index = index
    self.resolveModel = resolveModel
    summary = UsageFileSummary(uri: uri, format: format, month: "", currency: "", sourceKey: "", sha256: "")
  }

  /// The rows so far, in first-seen order.
  public var usageRows: [UsageRow] { rows }

  public mutating func add(_ line: UsageLine) {
    summary.linesRead += 1
    let category = UsageCategory(line)
    let (tags, tagApp) = canonicalTags(line.tagsJSON)
    var app = tagApp
    if app.isEmpty, !line.caller.isEmpty { app = Self.roleName(line.caller) }
    var key = UsageRow(
      day: line.date, account: line.account, tags: tags, app: app, caller: line.caller, provider: line.provider,
      service: line.service, category: category, status: .none, reason: "", sku: line.sku, sheetKey: line.sheetKey,
      region: line.region, unit: line.tokens != nil ? "tokens" : line.unit, currency: line.currency)
    key.meter = line.meter?.rawValue
    key.scope = line.scope?.rawValue
    var list: Decimal?
    if category == .token, let tokens = line.tokens {
      summary.tokenLines += 1
      switch match(line) {
      case .matched(let rate):
        key.status = .matched
        key.rateId = rate.id
        key.model = rate.model
        key.meter = rate.meter
        key.tier = rate.tier
        key.scope = rate.scope
        key.variant = rate.variant
        key.ratePrice = rate.priceValue
        list = tokens * rate.priceValue * Self.perMillion
        summary.matchedLines += 1
        summary.listTotal += list!
        summary.billedMatched += line.billedCost ?? 0
      case .unmatched(let reason):
        key.status = .unmatched
        key.reason = reason.text
        summary.unmatchedLines += 1
        summary.unmatchedReasons[reason.text, default: 0] += 1
      }
      if tokens != tokens.rounded0 { summary.fractionalTokenLines += 1 }
      summary.tokens += tokens
    } else {
      summary.otherLines[category, default: 0] += 1
    }
    if let billed = line.billedCost { summary.billed[category, default: 0] += billed }
    summary.requests += line.requests ?? 0
    var unreconciled = 0
    if let q = line.quantity, let p = line.unitPrice, let billed = line.billedCost,
      !Reconciliation.agrees(q * p, billed)
    {
      unreconciled = 1
      summary.unreconciledLines += 1
    }
    let slot: Int
    if let s = slots[key] {
      slot = s
    } else {
      slot = rows.count
      slots[key] = slot
      rows.append(key)
    }
    rows[slot].quantity += line.quantity ?? 0
    rows[slot].tokens += line.tokens ?? 0
    if let r = line.requests { rows[slot].requests = (rows[slot].requests ?? 0) + r }
    if let b = line.billedCost { rows[slot].billedCost = (rows[slot].billedCost ?? 0) + b }
    if let list { rows[slot].listCost = (rows[slot].listCost ?? 0) + list }
    rows[slot].lines += 1
    rows[slot].unreconciledLines += unreconciled
  }

  static let perMillion = Decimal(string: "0.000001")!

  private mutating func match(_ line: UsageLine) -> RateMatch {
    let memoKey: String
    if let meter = line.meter {
      memoKey = "log|\(line.sheetKey)|\(line.region)|\(line.scope?.rawValue ?? "")|\(meter.rawValue)|\(line.date)"
    } else {
      memoKey = "\(line.provider.rawValue)|\(line.service)|\(line.sku)|\(line.sheetKey)|\(line.region)|\(line.date)"
    }
    if let m = matchMemo[memoKey] { return m }
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
    matchMemo[memoKey] = result
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
