import CostEngine
import Foundation

/// The actual usage of one month (`ratecard report --usage-month`): what it cost by app and by
/// model, billed and at list price (as `ratecard usage --by app|model`), and what each app's usage
/// would have cost at the best option (as `ratecard reprice --best --by app`).
public struct UsageSection: Sendable {
  /// `YYYY-MM`.
  public var month: String
  public var byApp: [Cost]
  public var byModel: [Cost]
  public var best: [Best]

  /// One group's token usage: its provider, tokens, billed cost and list cost (nil when a line of
  /// the group has no price).
  public struct Cost: Sendable {
    public var label: String
    public var provider: String
    public var currency: String
    public var tokens: Int64
    public var billed: Decimal?
    public var list: Decimal?
    public init(label: String, provider: String, currency: String, tokens: Int64, billed: Decimal?, list: Decimal?) {
      self.label = label
      self.provider = provider
      self.currency = currency
      self.tokens = tokens
      self.billed = billed
      self.list = list
    }
  }

  /// One app's month at the best option: the engine's recommendation on a profile made from the
  /// usage, against what the usage cost at list price (the recommendation's `current`).
  public struct Best: Sendable {
    /// The usage profile's name (the app).
    public var name: String
    public var currency: String
    /// What the usage cost at list price (the engine's price of the current deployment).
    public var actual: OfferSummary?
    public var best: OfferSummary?
    /// actual - best (the engine's `savingVsCurrent`).
    public var saving: Decimal?
    public var notes: [String]
    public init(name: String, currency: String, actual: OfferSummary?, best: OfferSummary?, saving: Decimal?, notes: [String]) {
      self.name = name
      self.currency = currency
      self.actual = actual
      self.best = best
      self.saving = saving
      self.notes = notes
    }
  }

  public init(month: String, byApp: [Cost], byModel: [Cost], best: [Best]) {
    self.month = month
    self.byApp = byApp
    self.byModel = byModel
    self.best = best
  }
}
