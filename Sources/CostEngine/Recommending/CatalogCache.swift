import Foundation
import Pricing

/// The catalogue facts the ranking pass asks for on every profile, looked up once per engine:
/// the known benchmarks, each model's facts, and per benchmark every model's score (built on first
/// use, under a lock, then shared read-only by the profiles evaluated in parallel).
final class CatalogCache: @unchecked Sendable {
  let catalog: any CatalogView
  /// Known benchmark names, lowercased, and their groups (``BenchmarkName/group(_:)``).
  let benchmarks: Set<String>
  let benchmarkGroups: Set<String>
  /// Facts of the models the offers name (nil entry: the catalogue has none).
  let facts: [String: ModelFacts?]
  private let models: [String]
  private let lock = NSLock()
  private var scoreTables: [String: [String: QualityEvidence]] = [:]

  init(catalog: any CatalogView, models: Set<String>) {
    self.catalog = catalog
    let names = catalog.benchmarks
    benchmarks = Set(names.map { $0.lowercased() })
    benchmarkGroups = Set(names.map { BenchmarkName.group($0).lowercased() })
    self.models = models.sorted()
    var f: [String: ModelFacts?] = [:]
    for m in models { f[m] = .some(catalog.modelFacts(m)) }
    facts = f
  }

  private var canonical: [String: String?] = [:]
  private var knownBenchmark: [String: Bool] = [:]

  /// The catalogue's canonical id for a reference, memoised.
  func canonicalModel(_ reference: String) -> String? {
    lock.lock()
    if let c = canonical[reference] {
      lock.unlock()
      return c
    }
    lock.unlock()
    let c = catalog.canonicalModel(reference)
    lock.lock()
    canonical[reference] = .some(c)
    lock.unlock()
    return c
  }

  /// Memoised answer of `known(name)` for a benchmark name.
  func isKnownBenchmark(_ name: String, _ known: (String) -> Bool) -> Bool {
    lock.lock()
    if let k = knownBenchmark[name] {
      lock.unlock()
      return k
    }
    lock.unlock()
    let k = known(name)
    lock.lock()
    knownBenchmark[name] = k
    lock.unlock()
    return k
  }

  /// Which models (in `OfferBook.modelOrder(currency:knownOnly: true)` order) meet a set of
  /// needs and parity, and which locations a placement allows: profiles of one batch often share
  /// them, so each distinct set is decided once. At most `maxMasks` sets are kept.
  struct ModelKey: Hashable {
    var currency: String
    var needs: Profile.Needs
    var parity: Profile.Parity?
    /// The `--model` selection (``Profile/models``).
    var models: Set<String>?
    var kind: String
    var groupVariants: Bool
  }
  private var modelMasks: [ModelKey: [Bool]] = [:]
  private var locationMasks: [Profile.Placement: [UInt8]] = [:]
  static let maxMasks = 4096

  func modelMask(_ key: ModelKey, _ compute: () -> [Bool]) -> [Bool] {
    memo(\.modelMasks, key, compute)
  }

  func locationMask(_ key: Profile.Placement, _ compute: () -> [UInt8]) -> [UInt8] {
    memo(\.locationMasks, key, compute)
  }

  /// Looks `key` up in one of the mask tables, computing (outside the lock) and keeping the value
  /// while the table holds fewer than `maxMasks` entries.
  private func memo<K: Hashable, V>(
    _ table: ReferenceWritableKeyPath<CatalogCache, [K: V]>, _ key: K, _ compute: () -> V
  ) -> V {
    lock.lock()
    if let m = self[keyPath: table][key] {
      lock.unlock()
      return m
    }
    lock.unlock()
    let m = compute()
    lock.lock()
    if self[keyPath: table].count < Self.maxMasks { self[keyPath: table][key] = m }
    lock.unlock()
    return m
  }

  /// The model's facts (from the table when the offers name it).
  func modelFacts(_ model: String) -> ModelFacts? {
    if let known = facts[model] { return known }
    return catalog.modelFacts(model)
  }

  /// Every offered model's score row on `benchmark` (exactly, or with its variants when
  /// `grouped`); models without one are absent.
  func scores(_ benchmark: String, grouped: Bool) -> [String: QualityEvidence] {
    let key = (grouped ? "1" : "0") + benchmark
    lock.lock()
    defer { lock.unlock() }
    if let t = scoreTables[key] { return t }
    var t: [String: QualityEvidence] = [:]
    for m in models {
      if let s = catalog.qualityEvidence(model: m, benchmark: benchmark, groupVariants: grouped) { t[m] = s }
    }
    scoreTables[key] = t
    return t
  }

  /// A model's score row on `benchmark`: from the table for offered models, else the catalogue.
  func score(model: String, benchmark: String, grouped: Bool, table: [String: QualityEvidence]?) -> QualityEvidence? {
    if facts[model] != nil, let table { return table[model] }
    return catalog.qualityEvidence(model: model, benchmark: benchmark, groupVariants: grouped)
  }
}
