import Catalog
import Foundation
import Pricing
import RateStore
import Reports

/// Report shapes for `ratecard models` and `ratecard catalog unmatched`.
public enum CatalogViews {
  /// `ratecard catalog unmatched`: sheet names that resolve to no model, token rates first.
  public static func unmatched(_ names: [UnmatchedSheetName]) -> Report {
    let tokens = names.reduce(0) { $0 + $1.tokenRates }
    var report = Report(
      records: names.map { n in
        Record([
          .init("provider", .text(n.provider)),
          .init("service", .text(n.service)),
          .init("sheetModel", .text(n.sheetModel)),
          .init("tokenRates", .integer(n.tokenRates)),
          .init("rates", .integer(n.rates)),
          .init("exampleSheetKey", .text(n.exampleSheetKey)),
        ])
      },
      tableColumns: ["provider", "service", "sheetModel", "tokenRates", "rates", "exampleSheetKey"],
      footer: [
        "\(names.count) unmatched sheet name(s), \(tokens) token rate(s), \(names.reduce(0) { $0 + $1.rates }) rate(s)"
      ])
    report.groupedColumns = ["tokenRates", "rates"]
    return report
  }

  /// What `ratecard models` shows.
  public struct ModelsQuery: Sendable {
    /// Only models with current token rates on both clouds.
    public var bothClouds = false
    /// Only models with current token rates.
    public var offeredOnly = false
    /// Every kind of model, not only chat models.
    public var allKinds = false
    /// Currency of the cheapest prices.
    public var currency = "USD"
    public init() {}
  }

  /// One model's offer on one cloud, from current token rates.
  struct Offer {
    var regions = Set<String>()
    var scopes = Set<String>()
    var input: Decimal?
    var output: Decimal?
  }

  /// `ratecard models`: canonical models with capabilities, context, quality scores, and where each
  /// is offered (providers, regions, scopes, cheapest standard-tier input / output price per 1M
  /// tokens from current plain text rates: variant "", no commitment).
  public static func models(_ catalog: ModelCatalog, rates: [ModelRateRow], query: ModelsQuery) -> Report {
    var offers: [String: [Provider: Offer]] = [:]
    for r in rates {
      guard let provider = Provider(rawValue: r.provider) else { continue }
      var offer = offers[r.model, default: [:]][provider, default: Offer()]
      offer.regions.insert(r.region)
      offer.scopes.insert(r.scope)
      if r.tier == Tier.standard.rawValue, r.variant.isEmpty, r.commitment == Commitment.none.rawValue,
        r.currency.caseInsensitiveCompare(query.currency) == .orderedSame
      {
        if r.meter == Meter.input.rawValue { offer.input = min(offer.input ?? r.price, r.price) }
        if r.meter == Meter.output.rawValue { offer.output = min(offer.output ?? r.price, r.price) }
      }
      offers[r.model, default: [:]][provider] = offer
    }
    var records: [Record] = []
    for m in catalog.models {
      let offered = offers[m.id] ?? [:]
      if !query.allKinds, m.kind != .chat { continue }
      if query.offeredOnly, offered.isEmpty { continue }
      if query.bothClouds, offered[.aws] == nil || offered[.azure] == nil { continue }
      records.append(record(m, catalog: catalog, offered: offered, currency: query.currency))
    }
    var report = Report(
      records: records,
      tableColumns: [
        "model", "maxInputTokens", "capabilities", "providers", "awsRegions", "azureRegions", "scopes",
        "awsInput", "awsOutput", "azureInput", "azureOutput", "lmarenaElo",
      ],
      footer: ["\(records.count) model(s); prices: cheapest standard-tier \(query.currency) per 1M tokens"])
    report.groupedColumns = ["maxInputTokens"]
    return report
  }

  static func record(
    _ m: CatalogModel, catalog: ModelCatalog, offered: [Provider: Offer], currency: String
  ) -> Record {
    let capabilities = CatalogModel.Capability.allCases.filter { m.capabilities[$0] == true }.map(\.rawValue)
    let scores = catalog.scores(for: m.id)
    let elo = catalog.qualityScore(model: m.id, benchmark: "LMArena text Elo (style control)")
    func price(_ p: Provider, _ keyPath: KeyPath<Offer, Decimal?>) -> Cell {
      offered[p]?[keyPath: keyPath].map { .decimal($0) } ?? .null
    }
    return Record([
      .init("model", .text(m.id)),
      .init("vendor", .text(m.vendor)),
      .init("family", .text(m.family)),
      .init("kind", .text(m.kind.rawValue)),
      .init("releaseDate", m.releaseDate.map { .text($0) } ?? .null),
      .init("maxInputTokens", m.maxInputTokens.map { .integer($0) } ?? .null),
      .init("maxOutputTokens", m.maxOutputTokens.map { .integer($0) } ?? .null),
      .init("inputModalities", .list(m.inputModalities)),
      .init("capabilities", .list(capabilities)),
      .init("openWeights", m.openWeights.map { .bool($0) } ?? .null),
      .init("providers", .list(offered.keys.sorted().map(\.rawValue))),
      .init("awsRegions", .integer(offered[.aws]?.regions.count ?? 0)),
      .init("azureRegions", .integer(offered[.azure]?.regions.count ?? 0)),
      .init(
        "scopes",
        .list(
          Set(offered.values.flatMap(\.scopes)).compactMap(Scope.init(rawValue:)).sorted().map(\.rawValue))),
      .init("currency", .text(currency)),
      .init("awsInput", price(.aws, \.input)),
      .init("awsOutput", price(.aws, \.output)),
      .init("azureInput", price(.azure, \.input)),
      .init("azureOutput", price(.azure, \.output)),
      .init("lmarenaElo", elo.map { .decimal($0) } ?? .null),
      .init(
        "quality",
        .records(
          scores.map { s in
            Record([
              .init("benchmark", .text(s.benchmark)),
              .init("benchmarkGroup", .text(s.benchmarkGroup)),
              .init("score", s.score.map { .decimal($0) } ?? .text(s.scoreText)),
              .init("scale", .text(s.scale)),
              .init("asOf", .text(s.asOf)),
              .init("source", .text(s.source)),
              .init("userProvided", .bool(s.isUserProvided)),
            ])
          })),
    ])
  }
}

extension CatalogViews {
  /// `ratecard catalog resolve`: each name with the canonical model it resolves to.
  public static func resolved(_ names: [String], catalog: ModelCatalog) -> Report {
    Report(
      records: names.map { name in
        let id = catalog.canonicalModel(name)
        return Record([
          .init("name", .text(name)),
          .init("model", id.map { .text($0) } ?? .null),
          .init("kind", id.flatMap { catalog.model($0)?.kind.rawValue }.map { .text($0) } ?? .null),
        ])
      })
  }
}
