import Foundation
import GRDB
import Pricing

/// The catalogue as plain rows for the `model`, `modelAlias`, `region` and `qualityScore` tables.
public struct CatalogTables: Sendable {
  public struct Model: Sendable {
    public var id, vendor, family: String
    public var releaseDate: String?
    public var maxInputTokens, maxOutputTokens: Int?
    /// `|`-separated.
    public var inputModalities: String
    public var toolCalling, structuredOutput, vision, reasoning, promptCaching, openWeights: Bool?
    public var source: String

    public init(
      id: String, vendor: String, family: String, releaseDate: String?, maxInputTokens: Int?,
      maxOutputTokens: Int?, inputModalities: String, toolCalling: Bool?, structuredOutput: Bool?,
      vision: Bool?, reasoning: Bool?, promptCaching: Bool?, openWeights: Bool?, source: String
    ) {
      self.id = id
      self.vendor = vendor
      self.family = family
      self.releaseDate = releaseDate
      self.maxInputTokens = maxInputTokens
      self.maxOutputTokens = maxOutputTokens
      self.inputModalities = inputModalities
      self.toolCalling = toolCalling
      self.structuredOutput = structuredOutput
      self.vision = vision
      self.reasoning = reasoning
      self.promptCaching = promptCaching
      self.openWeights = openWeights
      self.source = source
    }
  }

  public struct Alias: Sendable {
    public var modelId, cloud, kind, alias, source: String
    public init(modelId: String, cloud: String, kind: String, alias: String, source: String) {
      self.modelId = modelId
      self.cloud = cloud
      self.kind = kind
      self.alias = alias
      self.source = source
    }
  }

  public struct Region: Sendable {
    public var provider, code, displayName, geography, country: String
    public var isGovernment, isSovereign: Bool
    public init(
      provider: String, code: String, displayName: String, geography: String, country: String,
      isGovernment: Bool, isSovereign: Bool
    ) {
      self.provider = provider
      self.code = code
      self.displayName = displayName
      self.geography = geography
      self.country = country
      self.isGovernment = isGovernment
      self.isSovereign = isSovereign
    }
  }

  public struct Score: Sendable {
    public var modelId, benchmark, score, scale, asOf, source: String
    public init(
      modelId: String, benchmark: String, score: String, scale: String, asOf: String, source: String
    ) {
      self.modelId = modelId
      self.benchmark = benchmark
      self.score = score
      self.scale = scale
      self.asOf = asOf
      self.source = source
    }
  }

  public var models: [Model]
  public var aliases: [Alias]
  public var regions: [Region]
  public var scores: [Score]

  public init(models: [Model], aliases: [Alias], regions: [Region], scores: [Score]) {
    self.models = models
    self.aliases = aliases
    self.regions = regions
    self.scores = scores
  }
}

/// The names a stored rate is resolved from.
public struct SheetNameKey: Sendable, Hashable {
  public var provider: Provider
  public var service: String
  public var sheetModel: String
  public var sheetKey: String
}

/// A sheet name no catalogue model matches, with how many current rates carry it.
public struct UnmatchedSheetName: Sendable, Hashable {
  public var provider: String
  public var service: String
  public var sheetModel: String
  public var rates: Int
  public var tokenRates: Int
  /// One `sheetKey` of those rates (usagetype or meter name).
  public var exampleSheetKey: String
}

/// One current token rate's model, place and price, for `ratecard models`.
public struct ModelRateRow: Sendable, Hashable {
  public var model: String
  public var provider: String
  public var region: String
  public var scope: String
  public var tier: String
  public var meter: String
  public var variant: String
  public var commitment: String
  public var price: Decimal
  public var currency: String
}

extension RateStore {
  static let tokenMeters = "('input', 'output', 'cache_read', 'cache_write')"

  /// The catalogue hash the stored rates were last resolved against, nil when never.
  public func catalogStateHash() throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT sha256 FROM catalogState WHERE id = 1") }
  }

  /// In one transaction: replaces the catalogue tables, re-resolves `model` of every stored rate
  /// (all versions) with `resolve`, and records `sha256`. Returns how many rate rows changed.
  public func applyCatalog(
    _ tables: CatalogTables, sha256: String, resolve: (SheetNameKey) -> String?
  ) throws -> Int {
    try write { db in
      try db.execute(sql: "DELETE FROM modelAlias")
      try db.execute(sql: "DELETE FROM qualityScore")
      try db.execute(sql: "DELETE FROM model")
      try db.execute(sql: "DELETE FROM region")
      let model = try db.makeStatement(
        sql: """
          INSERT INTO model (id, vendor, family, releaseDate, maxInputTokens, maxOutputTokens,
            inputModalities, toolCalling, structuredOutput, vision, reasoning, promptCaching,
            openWeights, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
          """)
      for m in tables.models {
        try model.execute(arguments: [
          m.id, m.vendor, m.family, m.releaseDate, m.maxInputTokens, m.maxOutputTokens,
          m.inputModalities, m.toolCalling, m.structuredOutput, m.vision, m.reasoning,
          m.promptCaching, m.openWeights, m.source,
        ])
      }
      let alias = try db.makeStatement(
        sql: "INSERT INTO modelAlias (modelId, cloud, kind, alias, source) VALUES (?,?,?,?,?)")
      for a in tables.aliases {
        try alias.execute(arguments: [a.modelId, a.cloud, a.kind, a.alias, a.source])
      }
      let region = try db.makeStatement(
        sql: """
          INSERT OR REPLACE INTO region (provider, code, displayName, geography, country,
            isGovernment, isSovereign) VALUES (?,?,?,?,?,?,?)
          """)
      for r in tables.regions {
        try region.execute(arguments: [
          r.provider, r.code, r.displayName, r.geography, r.country, r.isGovernment, r.isSovereign,
        ])
      }
      let score = try db.makeStatement(
        sql: "INSERT INTO qualityScore (modelId, benchmark, score, scale, asOf, source) VALUES (?,?,?,?,?,?)")
      for s in tables.scores {
        try score.execute(arguments: [s.modelId, s.benchmark, s.score, s.scale, s.asOf, s.source])
      }
      var changed = 0
      var resolved: [SheetNameKey: String?] = [:]
      let update = try db.makeStatement(sql: "UPDATE rate SET model = ? WHERE id = ?")
      let rows = try Row.fetchCursor(
        db, sql: "SELECT id, provider, service, sheetModel, sheetKey, model FROM rate")
      var updates: [(Int64, String?)] = []
      while let row = try rows.next() {
        let p: String = row["provider"]
        guard let provider = Provider(rawValue: p) else { continue }
        let key = SheetNameKey(
          provider: provider, service: row["service"], sheetModel: row["sheetModel"],
          sheetKey: row["sheetKey"])
        let model: String?
        if let known = resolved[key] {
          model = known
        } else {
          model = resolve(key)
          resolved[key] = .some(model)
        }
        let current: String? = row["model"]
        if current != model { updates.append((row["id"], model)) }
      }
      for (id, model) in updates {
        try update.execute(arguments: [model, id])
        changed += 1
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO catalogState (id, sha256, resolvedAt) VALUES (1, ?, ?)",
        arguments: [sha256, Self.now()])
      return changed
    }
  }

  /// Current rates whose model resolves to nothing, grouped by sheet name: names with token rates
  /// first, most rates first.
  public func unmatchedSheetNames() throws -> [UnmatchedSheetName] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT provider, service, sheetModel, COUNT(*) AS rates,
            SUM(CASE WHEN meter IN \(Self.tokenMeters) THEN 1 ELSE 0 END) AS tokenRates,
            MIN(sheetKey) AS example
          FROM rate WHERE closedByRunId IS NULL AND model IS NULL
          GROUP BY provider, service, sheetModel
          ORDER BY (tokenRates > 0) DESC, tokenRates DESC, rates DESC, provider, service, sheetModel
          """
      ).map { row in
        UnmatchedSheetName(
          provider: row["provider"], service: row["service"], sheetModel: row["sheetModel"],
          rates: row["rates"], tokenRates: row["tokenRates"], exampleSheetKey: row["example"] ?? "")
      }
    }
  }

  /// Every current token rate that resolves to a model.
  public func currentModelTokenRates() throws -> [ModelRateRow] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT model, provider, region, scope, tier, meter, variant, commitment, price, currency
          FROM rate WHERE closedByRunId IS NULL AND model IS NOT NULL AND meter IN \(Self.tokenMeters)
          """
      ).compactMap { row in
        let text: String = row["price"]
        guard let price = ExactDecimal.parse(text) else { return nil }
        return ModelRateRow(
          model: row["model"], provider: row["provider"], region: row["region"],
          scope: row["scope"], tier: row["tier"], meter: row["meter"], variant: row["variant"],
          commitment: row["commitment"], price: price,
          currency: row["currency"])
      }
    }
  }
}
