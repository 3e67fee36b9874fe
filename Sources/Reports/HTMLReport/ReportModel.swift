import CostEngine
import Foundation

/// Everything the HTML report shows, as the engine computed it: built from `recommend` and
/// `compare` results (RatecardKit's `ReportBuilder`), rendered by ``HTMLReport``. Amounts are the
/// engine's exact decimals; the renderer only formats them.
///
/// The page is a list of sections, each kind a ``Section`` case with its renderer.
public struct ReportModel: Sendable {
  public var title: String
  /// When the report was made (ISO 8601, UTC), shown in the footer.
  public var generatedAt: String
  public var sections: [Section]
  /// The price sheets behind the numbers, with their dates.
  public var sheets: [SheetDate]
  /// The ratecard version that made the report.
  public var version: String

  public init(title: String, generatedAt: String, sections: [Section], sheets: [SheetDate], version: String) {
    self.title = title
    self.generatedAt = generatedAt
    self.sections = sections
    self.sheets = sheets
    self.version = version
  }

  /// One part of the page, in order.
  public enum Section: Sendable {
    /// One workload profile: recommendation, forecast, cost lines, parity, exclusions.
    case profile(ProfileSection)
    /// The models the profiles use, priced on every cloud, region and scope.
    case crossCloud(CrossCloudSection)
    /// A month of actual usage and what it would have cost at the best option (`--usage-month`).
    case usage(UsageSection)
  }

  /// The profile sections, in order.
  public var profiles: [ProfileSection] {
    sections.compactMap { if case .profile(let p) = $0 { p } else { nil } }
  }
}

/// One priced offer as the report shows it.
public struct OfferSummary: Sendable {
  public enum Role: Sendable, Hashable {
    case recommended
    case alternative(Int)
    case current

    public var text: String {
      switch self {
      case .recommended: "recommended"
      case .alternative(let n): "alternative \(n)"
      case .current: "current"
      }
    }
  }

  public var role: Role
  public var provider: String
  public var model: String
  public var region: String
  public var scope: String
  /// Tiers used, e.g. `standard 75% + batch 25%`.
  public var tiers: String
  public var currency: String
  /// After the profile's discount, exact.
  public var monthlyCost: Decimal
  public var listMonthlyCost: Decimal
  public var discount: Decimal
  /// The cost lines, each naming the sheet row behind it.
  public var lines: [CostLine]
  /// Fallbacks taken (no batch price, no cache price, ...).
  public var fallbacks: [String]
  /// The engine's mark: a fallback priced part of the cost (the offer may undercut one that
  /// publishes the price it lacks).
  public var pricedByFallback: Bool

  public init(role: Role, projection p: Projection) {
    self.role = role
    provider = p.offer.provider.rawValue
    model = p.offer.model
    region = p.offer.region
    scope = p.offer.scope.rawValue
    tiers = p.tiers
    currency = p.currency
    monthlyCost = p.monthlyCost
    listMonthlyCost = p.listMonthlyCost
    discount = p.discount
    lines = p.lines
    fallbacks = p.fallbacks
    pricedByFallback = p.pricedByFallback
  }

  /// `azure openai/gpt-4o swedencentral datazone`.
  public var label: String { "\(provider) \(model) \(region) \(scope)" }
}

/// The report for one workload profile.
public struct ProfileSection: Sendable {
  public var name: String
  /// The workload in words (volume, token mix, placement, needs), from the profile.
  public var workload: [String]
  public var currency: String
  public var recommended: OfferSummary?
  public var alternatives: [OfferSummary]
  public var current: OfferSummary?
  /// Why the current deployment could not be priced or would not be eligible.
  public var currentNotes: [String]
  /// current - recommended (the engine's `savingVsCurrent`), exact.
  public var saving: Decimal?
  /// saving / current x 100, exact; nil without a saving or with a zero current cost.
  public var savingPercent: Decimal?
  public var growthPerMonth: Decimal
  /// The forecast's calendar months (``FinancePeriod/forecast(_:from:)``, as `project` labels them).
  public var forecastPeriods: [FinancePeriod]
  /// Month-by-month cost (the engine's `Projection.forecast`) of the recommended and current offers.
  public var forecast: [Forecast]
  public var parity: ReportParity
  /// Excluded candidates counted by reason (an offer with two kinds of reason counts under both).
  public var exclusions: [ExclusionSummary]
  public var eligibleCount: Int
  public var excludedCount: Int
  /// Provisioned-throughput options for the recommended offer (profiles with a peak).
  public var provisioned: [ProvisionedOption]

  public init(
    name: String, workload: [String], currency: String, recommended: OfferSummary?,
    alternatives: [OfferSummary],
    current: OfferSummary?, currentNotes: [String], saving: Decimal?, savingPercent: Decimal?,
    growthPerMonth: Decimal, forecastPeriods: [FinancePeriod], forecast: [Forecast], parity: ReportParity, exclusions: [ExclusionSummary],
    eligibleCount: Int, excludedCount: Int, provisioned: [ProvisionedOption]
  ) {
    self.name = name
    self.workload = workload
    self.currency = currency
    self.recommended = recommended
    self.alternatives = alternatives
    self.current = current
    self.currentNotes = currentNotes
    self.saving = saving
    self.savingPercent = savingPercent
    self.growthPerMonth = growthPerMonth
    self.forecastPeriods = forecastPeriods
    self.forecast = forecast
    self.parity = parity
    self.exclusions = exclusions
    self.eligibleCount = eligibleCount
    self.excludedCount = excludedCount
    self.provisioned = provisioned
  }

  /// The offers of the cost chart: recommended, alternatives, current.
  public var offers: [OfferSummary] {
    (recommended.map { [$0] } ?? []) + alternatives + (current.map { [$0] } ?? [])
  }
}

/// One offer's cost month by month (month 1 first).
public struct Forecast: Sendable {
  public var role: OfferSummary.Role
  public var label: String
  public var amounts: [Decimal]
  public init(role: OfferSummary.Role, label: String, amounts: [Decimal]) {
    self.role = role
    self.label = label
    self.amounts = amounts
  }
}

/// The quality bar of a profile and each shown offer's standing against it.
public struct ReportParity: Sendable {
  /// The rule in words (`score on X >= baseline gpt-4o's 31.2 x (1 - 0.02)`), or that there is none.
  public var rule: String
  public var rows: [Row]

  public struct Row: Sendable {
    public var role: OfferSummary.Role
    public var model: String
    /// Benchmark name, or `parity models` for an allow-list.
    public var benchmark: String
    /// The model's score, nil when none is published (or for an allow-list).
    public var score: Decimal?
    /// The bar the engine applied, when known.
    public var required: Decimal?
    /// `meets`, `below`, `listed`, `not listed`, `no score`.
    public var verdict: String
    /// Where the score comes from (its date and source), as the engine's evidence names it.
    public var source: String
    public init(
      role: OfferSummary.Role, model: String, benchmark: String, score: Decimal?, required: Decimal?,
      verdict: String, source: String = ""
    ) {
      self.source = source
      self.role = role
      self.model = model
      self.benchmark = benchmark
      self.score = score
      self.required = required
      self.verdict = verdict
    }
  }

  public init(rule: String, rows: [Row]) {
    self.rule = rule
    self.rows = rows
  }
}

/// How many excluded candidates share one kind of reason, with one reason as an example.
public struct ExclusionSummary: Sendable {
  public var reason: String
  public var count: Int
  public var example: String
  public init(reason: String, count: Int, example: String) {
    self.reason = reason
    self.count = count
    self.example = example
  }
}

/// The models the profiles use, each compared across clouds, regions and scopes.
public struct CrossCloudSection: Sendable {
  /// The token mix the comparison priced, in words.
  public var mix: String
  public var models: [ModelComparison]
  public init(mix: String, models: [ModelComparison]) {
    self.mix = mix
    self.models = models
  }
}

/// One model's offers priced for the same mix (the engine's `Comparison`).
public struct ModelComparison: Sendable {
  public var model: String
  /// Which profiles use the model and how (`support-bot: current`).
  public var usedBy: [String]
  public var currency: String
  public var rows: [Row]
  /// Offers of the model that could not be priced for the mix.
  public var excludedCount: Int

  public struct Row: Sendable {
    public var provider: String
    public var region: String
    public var scope: String
    public var monthlyCost: Decimal
    public var premiumPercent: Decimal
    public var versusOtherCloudPercent: Decimal?
    /// `undercut`, `parity` or `premium`.
    public var position: String
    public init(
      provider: String, region: String, scope: String, monthlyCost: Decimal, premiumPercent: Decimal,
      versusOtherCloudPercent: Decimal?, position: String
    ) {
      self.provider = provider
      self.region = region
      self.scope = scope
      self.monthlyCost = monthlyCost
      self.premiumPercent = premiumPercent
      self.versusOtherCloudPercent = versusOtherCloudPercent
      self.position = position
    }
  }

  public init(model: String, usedBy: [String], currency: String, rows: [Row], excludedCount: Int) {
    self.model = model
    self.usedBy = usedBy
    self.currency = currency
    self.rows = rows
    self.excludedCount = excludedCount
  }
}

/// One price sheet (import source) and its dates.
public struct SheetDate: Sendable {
  public var source: String
  public var sheetVersion: String?
  public var publicationDate: String?
  public var lastImport: String?
  public var rates: Int
  public init(
    source: String, sheetVersion: String?, publicationDate: String?, lastImport: String?, rates: Int
  ) {
    self.source = source
    self.sheetVersion = sheetVersion
    self.publicationDate = publicationDate
    self.lastImport = lastImport
    self.rates = rates
  }
}
