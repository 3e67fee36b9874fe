import Crypto
import Foundation
import Pricing

/// The model catalogue: canonical models with capabilities and limits, the names each cloud uses
/// for them, provider regions with their geography, and quality scores.
///
/// Built from the data compiled into the binary plus user files; see ``load(userFiles:)``.
/// Lookups are case-insensitive and ignore spaces, hyphens and underscores.
public struct ModelCatalog: Sendable {
  /// Every model, sorted by id.
  public let models: [CatalogModel]
  /// Every alias, user aliases first, then in file order.
  public let aliases: [ModelAlias]
  /// Every region, sorted by provider and code.
  public let regions: [RegionInfo]
  /// Every quality score, user scores first.
  public let scores: [QualityScore]
  /// The files the catalogue was built from, in load order.
  public let sources: [CatalogSource]

  let modelIndex: [String: Int]
  /// Lookup key → canonical id: model ids and every alias as written (first one wins).
  let primaryIndex: [String: String]
  /// Lookup key → canonical id for derived spellings (runtime ids without profile or version).
  let derivedIndex: [String: String]
  let regionIndex: [String: RegionInfo]
  let scoreIndex: [String: [QualityScore]]
  /// Per entry of `scoreIndex`, each score's benchmark and benchmark group, lowercased (what
  /// ``scores(for:benchmark:)`` matches), computed once.
  let scoreMatchIndex: [String: [(benchmark: String, group: String)]]

  /// Version of the resolution rules; part of ``contentHash`` so that new rules re-resolve rates.
  public static let resolverVersion = "1"

  /// Builds a catalogue from files (embedded first, then user files). Tables are recognised by
  /// their header. Throws ``CatalogError`` naming the file and line of the first bad row.
  public init(sources: [CatalogSource]) throws {
    var builder = CatalogBuilder()
    for source in sources {
      try builder.add(CSVTable(file: source.name, text: source.text), isUser: source.isUser)
    }
    let built = try builder.finish()
    self.sources = sources
    models = built.models
    aliases = built.aliases
    regions = built.regions
    scores = built.scores
    var modelIndex: [String: Int] = [:]
    for (i, m) in models.enumerated() { modelIndex[m.id.lowercased()] = i }
    self.modelIndex = modelIndex
    var primary: [String: String] = [:]
    var derived: [String: String] = [:]
    func put(_ key: String, _ id: String, into index: inout [String: String]) {
      guard !key.isEmpty, index[key] == nil else { return }
      index[key] = id
    }
    for m in models { put(SheetName.key(m.id), m.id, into: &primary) }
    for a in aliases {
      put(SheetName.key(a.alias), a.modelId, into: &primary)
      if let at = a.alias.firstIndex(of: "@") {
        let name = a.alias[..<at]
        let version = a.alias[a.alias.index(after: at)...]
        put(SheetName.key(name + " " + version), a.modelId, into: &primary)
      }
    }
    for m in models {
      if let slash = m.id.firstIndex(of: "/") {
        put(SheetName.key(String(m.id[m.id.index(after: slash)...])), m.id, into: &primary)
      }
    }
    for a in aliases {
      put(SheetName.key(SheetName.bareRuntimeID(a.alias)), a.modelId, into: &derived)
      if let at = a.alias.firstIndex(of: "@") {
        put(SheetName.key(String(a.alias[..<at])), a.modelId, into: &derived)
      }
    }
    primaryIndex = primary
    derivedIndex = derived
    var regionIndex: [String: RegionInfo] = [:]
    for r in regions {
      let exact = "\(r.provider.rawValue)|\(r.code)"
      regionIndex[exact] = r
      let folded = "\(r.provider.rawValue)|\(r.code.lowercased())"
      if regionIndex[folded] == nil { regionIndex[folded] = r }
    }
    self.regionIndex = regionIndex
    scoreIndex = Dictionary(grouping: scores, by: { $0.modelId.lowercased() })
    scoreMatchIndex = scoreIndex.mapValues { list in
      list.map { (benchmark: $0.benchmark.lowercased(), group: $0.benchmarkGroup.lowercased()) }
    }
  }

  /// SHA-256 (hex) of the resolution rules' version and every source file's name and text: when it
  /// changes, stored rates are resolved again.
  public var contentHash: String { Self.contentHash(of: sources) }

  /// True when `sources` are exactly the embedded files (the usual run without user files), whose
  /// hash is computed when the data is embedded. The texts compare in constant time when they are
  /// the compiled-in strings themselves.
  static func isEmbeddedOnly(_ sources: [CatalogSource]) -> Bool {
    let files = EmbeddedData.files
    guard sources.count == files.count else { return false }
    for (s, f) in zip(sources, files) {
      guard !s.isUser, s.name == "data/" + f.name, s.text == f.text else { return false }
    }
    return true
  }

  /// ``contentHash`` computed from the texts.
  static func hash(of sources: [CatalogSource]) -> String {
    var hasher = SHA256()
    hasher.update(data: Data("resolver \(resolverVersion)\n".utf8))
    for s in sources {
      hasher.update(data: Data("\(s.isUser ? "user" : "data") \(s.name) \(s.text.utf8.count)\n".utf8))
      hasher.update(data: Data(s.text.utf8))
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  // MARK: Models

  /// The model with this canonical id or alias, nil when unknown.
  public func model(_ reference: String) -> CatalogModel? {
    if let i = modelIndex[reference.lowercased()] { return models[i] }
    guard let id = canonicalModel(reference), let i = modelIndex[id.lowercased()] else { return nil }
    return models[i]
  }

  /// Every alias of a canonical model, in catalogue order.
  public func aliases(of canonicalID: String) -> [ModelAlias] {
    aliases.filter { $0.modelId.caseInsensitiveCompare(canonicalID) == .orderedSame }
  }

  /// The clouds whose names for the model the catalogue knows (`bedrock` aliases mean AWS).
  public func catalogProviders(of canonicalID: String) -> Set<Provider> {
    var result = Set<Provider>()
    for a in aliases(of: canonicalID) {
      switch a.cloud.lowercased() {
      case "bedrock", "aws": result.insert(.aws)
      case "azure": result.insert(.azure)
      default: break
      }
    }
    return result
  }

  // MARK: Regions

  /// The region with this code (exact first, then case-insensitive), nil when unknown.
  public func region(provider: Provider, code: String) -> RegionInfo? {
    regionIndex["\(provider.rawValue)|\(code)"]
      ?? regionIndex["\(provider.rawValue)|\(code.lowercased())"]
  }

  /// The geography of a region code (`us`, `eu`, `uk`, `apac`, `global`...), nil when unknown.
  public func geography(provider: Provider, region code: String) -> String? {
    region(provider: provider, code: code)?.geography
  }

  /// True for a government region, false for another known region, nil when unknown.
  public func isGovernment(provider: Provider, region code: String) -> Bool? {
    region(provider: provider, code: code)?.isGovernment
  }

  // MARK: Quality

  /// Every score of a canonical model, user scores first.
  public func scores(for canonicalID: String) -> [QualityScore] {
    scoreIndex[canonicalID.lowercased()] ?? []
  }

  /// Scores of a model on exactly this benchmark: the quality data's text, bracketed setting
  /// included (case-insensitive). In preference order: user scores first, then the most recent
  /// `asOf`, then the highest score.
  public func scores(for canonicalID: String, benchmark: String) -> [QualityScore] {
    let exact = benchmark.lowercased()
    return matching(canonicalID) { b, _ in b == exact }
  }

  /// Scores of a model on the variants of a benchmark, for profiles that opt in to grouping:
  /// every score whose benchmark reads the same without its bracketed setting
  /// (`LMArena text Elo (style control) [high]` with `LMArena text Elo (style control)`) and is
  /// reported the same way (a self- or vendor-reported result never stands in for an independent
  /// one, nor the other way round). The exact text first, then as ``scores(for:benchmark:)``.
  public func scores(for canonicalID: String, variantsOf benchmark: String) -> [QualityScore] {
    let exact = benchmark.lowercased()
    let group = BenchmarkName.group(benchmark).lowercased()
    let reported = QualityScore.isSelfReported(benchmark)
    let found = matching(canonicalID) { b, g in
      b == exact || (g == group && QualityScore.isSelfReported(b) == reported)
    }
    return found.filter { $0.benchmark.lowercased() == exact } + found.filter { $0.benchmark.lowercased() != exact }
  }

  /// The model's scores whose lowercased benchmark and group pass `accept`, in preference order.
  private func matching(_ canonicalID: String, _ accept: (String, String) -> Bool) -> [QualityScore] {
    let key = canonicalID.lowercased()
    guard let all = scoreIndex[key], let keys = scoreMatchIndex[key] else { return [] }
    return zip(all, keys)
      .filter { accept($0.1.benchmark, $0.1.group) }
      .map(\.0)
      .sorted { a, b in
        if a.isUserProvided != b.isUserProvided { return a.isUserProvided }
        if a.asOf != b.asOf { return a.asOf > b.asOf }
        return (a.score ?? 0) > (b.score ?? 0)
      }
  }

  /// The preferred score of a model on exactly this benchmark (see ``scores(for:benchmark:)``);
  /// nil when none is published.
  public func qualityScore(model canonicalID: String, benchmark: String) -> Decimal? {
    scores(for: canonicalID, benchmark: benchmark).lazy.compactMap(\.score).first
  }

  /// Every benchmark as the quality data names it (bracketed setting included), sorted.
  public var benchmarks: [String] {
    Array(Set(scores.map(\.benchmark))).sorted()
  }
}
