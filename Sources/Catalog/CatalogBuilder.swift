import Foundation
import Pricing

/// Accumulates catalogue tables file by file, applying user overrides, then validates references.
struct CatalogBuilder {
  private struct Origin {
    var file: String
    var line: Int
  }

  private var models: [String: CatalogModel] = [:]
  private var modelOrigin: [String: Origin] = [:]
  private var userAliases: [(ModelAlias, Origin)] = []
  private var dataAliases: [(ModelAlias, Origin)] = []
  private var regions: [String: RegionInfo] = [:]
  private var userScores: [(QualityScore, Origin)] = []
  private var dataScores: [(QualityScore, Origin)] = []

  mutating func add(_ table: CSVTable, isUser: Bool) throws {
    if table.has("canonical_id", "cloud", "kind", "alias") {
      try addAliases(table, isUser: isUser)
    } else if table.has("canonical_id", "benchmark", "score") {
      try addScores(table, isUser: isUser)
    } else if table.has("provider", "code", "geography") {
      try addRegions(table)
    } else if table.has("canonical_id", "vendor") || (isUser && table.has("canonical_id")) {
      try addModels(table, isUser: isUser)
    } else {
      throw CatalogError.unknownTable(file: table.file, header: table.header)
    }
  }

  private mutating func addModels(_ t: CSVTable, isUser: Bool) throws {
    for row in t.rows {
      let id = try t.required(row, "canonical_id")
      guard id.contains("/") else {
        throw CatalogError.malformed(
          file: t.file, line: row.line, reason: "canonical_id '\(id)' must be vendor/model")
      }
      let key = id.lowercased()
      let present = Set(t.header.filter { !t.value(row, $0).isEmpty })
      var m = models[key] ?? CatalogModel(id: id, vendor: "")
      if models[key] == nil || !isUser {
        m = CatalogModel(id: id, vendor: "")
      }
      if present.contains("vendor") { m.vendor = t.value(row, "vendor") }
      if present.contains("family") { m.family = t.value(row, "family") }
      if present.contains("kind") {
        let k = t.value(row, "kind").lowercased()
        guard let kind = CatalogModel.Kind(rawValue: k) else {
          throw CatalogError.malformed(
            file: t.file, line: row.line,
            reason:
              "kind is '\(k)', expected one of \(CatalogModel.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        m.kind = kind
      }
      if present.contains("release_date") { m.releaseDate = t.value(row, "release_date") }
      if present.contains("max_input_tokens") { m.maxInputTokens = try t.integer(row, "max_input_tokens") }
      if present.contains("max_output_tokens") { m.maxOutputTokens = try t.integer(row, "max_output_tokens") }
      if present.contains("input_modalities") {
        m.inputModalities = t.value(row, "input_modalities").split(separator: "|").map {
          $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
      }
      for c in CatalogModel.Capability.allCases where present.contains(c.rawValue) {
        m.capabilities[c] = try t.flag(row, c.rawValue)
      }
      if present.contains("open_weights") { m.openWeights = try t.flag(row, "open_weights") }
      if present.contains("source_of_capabilities") {
        m.source = t.value(row, "source_of_capabilities")
      } else if present.contains("source") {
        m.source = t.value(row, "source")
      } else if isUser, m.source.isEmpty {
        m.source = "user file \(t.file):\(row.line)"
      }
      guard !m.vendor.isEmpty else {
        throw CatalogError.malformed(
          file: t.file, line: row.line, reason: "vendor is empty for a new model '\(id)'")
      }
      if !isUser, modelOrigin[key] != nil {
        let o = modelOrigin[key]!
        throw CatalogError.malformed(
          file: t.file, line: row.line, reason: "model '\(id)' is already defined at \(o.file):\(o.line)")
      }
      models[key] = m
      modelOrigin[key] = Origin(file: t.file, line: row.line)
    }
  }

  private mutating func addAliases(_ t: CSVTable, isUser: Bool) throws {
    for row in t.rows {
      let alias = ModelAlias(
        modelId: try t.required(row, "canonical_id"), cloud: try t.required(row, "cloud"),
        kind: try t.required(row, "kind"), alias: try t.required(row, "alias"),
        source: t.value(row, "source").isEmpty && isUser
          ? "user file \(t.file):\(row.line)" : t.value(row, "source"))
      let origin = Origin(file: t.file, line: row.line)
      guard isUser else {
        dataAliases.append((alias, origin))
        continue
      }
      // A user alias re-points the name: every other mapping of it goes. `replaces` renames.
      let key = SheetName.key(alias.alias)
      var drop: (ModelAlias) -> Bool = { SheetName.key($0.alias) == key }
      let replaced = t.value(row, "replaces")
      if !replaced.isEmpty {
        let oldKey = SheetName.key(replaced)
        let model = alias.modelId.lowercased()
        let inner = drop
        drop = { a in inner(a) || (SheetName.key(a.alias) == oldKey && a.modelId.lowercased() == model) }
      }
      let known = dataAliases.contains { drop($0.0) } || userAliases.contains { drop($0.0) }
      if !replaced.isEmpty, !known {
        throw CatalogError.malformed(
          file: t.file, line: row.line,
          reason: "replaces '\(replaced)', which is no alias of \(alias.modelId)")
      }
      dataAliases.removeAll { drop($0.0) }
      userAliases.removeAll { drop($0.0) }
      userAliases.append((alias, origin))
    }
  }

  private mutating func addScores(_ t: CSVTable, isUser: Bool) throws {
    for row in t.rows {
      let text = try t.required(row, "score")
      guard ExactDecimal.parse(text) != nil else {
        throw CatalogError.malformed(
          file: t.file, line: row.line, reason: "score is '\(text)', expected a plain decimal number")
      }
      var source = t.value(row, "source")
      if source.isEmpty, isUser { source = "user file \(t.file):\(row.line)" }
      let score = QualityScore(
        modelId: try t.required(row, "canonical_id"), benchmark: try t.required(row, "benchmark"),
        scoreText: text, scale: t.value(row, "scale"), asOf: t.value(row, "as_of"), source: source,
        isUserProvided: isUser)
      let origin = Origin(file: t.file, line: row.line)
      if isUser { userScores.append((score, origin)) } else { dataScores.append((score, origin)) }
    }
  }

  private mutating func addRegions(_ t: CSVTable) throws {
    for row in t.rows {
      let p = try t.required(row, "provider").lowercased()
      guard let provider = Provider(rawValue: p) else {
        throw CatalogError.malformed(
          file: t.file, line: row.line, reason: "provider is '\(p)', expected aws or azure")
      }
      let code = t.value(row, "code")
      let region = RegionInfo(
        provider: provider, code: code,
        displayName: t.value(row, "display_name").isEmpty ? code : t.value(row, "display_name"),
        geography: try t.required(row, "geography").lowercased(), country: t.value(row, "country"),
        isGovernment: try t.flag(row, "government") ?? false,
        isSovereign: try t.flag(row, "sovereign") ?? false, source: t.value(row, "source"))
      regions["\(p)|\(code)"] = region
    }
  }

  /// The validated tables: every alias and score must name a known model.
  func finish() throws -> (
    models: [CatalogModel], aliases: [ModelAlias], regions: [RegionInfo], scores: [QualityScore]
  ) {
    for (a, o) in userAliases + dataAliases where models[a.modelId.lowercased()] == nil {
      throw CatalogError.malformed(
        file: o.file, line: o.line, reason: "alias '\(a.alias)' names unknown model '\(a.modelId)'")
    }
    for (s, o) in userScores + dataScores where models[s.modelId.lowercased()] == nil {
      throw CatalogError.malformed(
        file: o.file, line: o.line, reason: "score names unknown model '\(s.modelId)'")
    }
    return (
      models.values.sorted { $0.id < $1.id },
      (userAliases + dataAliases).map(\.0),
      regions.values.sorted { ($0.provider.rawValue, $0.code) < ($1.provider.rawValue, $1.code) },
      (userScores + dataScores).map(\.0)
    )
  }
}
