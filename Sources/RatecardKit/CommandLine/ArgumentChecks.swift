import Catalog
import CostEngine
import Foundation
import Pricing
import RateStore

/// Checks command-line values against what the catalogue and the store know, so a typo is an
/// error naming the valid values (and the closest spelling) rather than an empty answer.
public final class ArgumentChecks {
  public let catalog: ModelCatalog
  private let openStore: () throws -> RateStore?
  private var opened: RateStore??

  /// Checks against `catalog` and the store at hand.
  public convenience init(store: RateStore?, catalog: ModelCatalog) {
    self.init(catalog: catalog, openStore: { store })
  }

  /// Checks against `catalog` and a store opened only when a value is not in the catalogue.
  public init(catalog: ModelCatalog, openStore: @escaping () throws -> RateStore?) {
    self.catalog = catalog
    self.openStore = openStore
  }

  var store: RateStore? {
    get throws {
      if let opened { return opened }
      let s = try openStore()
      opened = .some(s)
      return s
    }
  }

  /// Region codes the catalogue knows, and those of stored rates.
  public func knownRegions() throws -> [String] {
    let stored = try self.store?.distinctRateValues(.region) ?? []
    return Array(Set(catalog.regions.map { $0.code.lowercased() } + stored.map { $0.lowercased() }))
      .filter { !$0.isEmpty }.sorted()
  }

  /// Each region is one the catalogue or the store knows.
  public func regions(_ values: [String]) throws {
    guard !values.isEmpty else { return }
    let fromCatalog = Set(catalog.regions.map { $0.code.lowercased() })
    let unknown = values.filter { !fromCatalog.contains($0.lowercased()) }
    guard let first = unknown.first else { return }
    let known = try knownRegions()
    if !Set(known).contains(first.lowercased()) {
      throw ArgumentError.unknownValue(what: "region", value: first, valid: known)
    }
    try regions(Array(unknown.dropFirst()))
  }

  /// Geographies of the catalogue's regions (`us`, `eu`, `apac`, ...).
  public var geographies: [String] { Array(Set(catalog.regions.map { $0.geography.lowercased() })).sorted() }

  /// A geography the catalogue knows, lowercased.
  public func geography(_ value: String) throws -> String {
    let g = value.lowercased()
    guard geographies.contains(g) else {
      throw ArgumentError.unknownValue(what: "geography", value: value, valid: geographies)
    }
    return g
  }

  /// Each model resolves through the catalogue or names stored rates (their sheet name or model).
  public func models(_ values: [String]) throws {
    for m in values where catalog.canonicalModel(m) == nil {
      let store = try self.store
      let stored = try (store?.distinctRateValues(.sheetModel) ?? []) + (store?.distinctRateValues(.model) ?? [])
      guard !stored.contains(where: { $0.caseInsensitiveCompare(m) == .orderedSame }) else { continue }
      throw unknownModel(m)
    }
  }

  /// The error for a model name nothing resolves: the closest of the catalogue's ids and aliases.
  public func unknownModel(_ m: String) -> ArgumentError {
    let ids = catalog.models.map(\.id)
    let names = Array(Set(ids + ids.map { $0.split(separator: "/").last.map(String.init) ?? $0 } + catalog.aliases.map(\.alias))).sorted()
    let hint = Spelling.closest(to: m, in: names).map { catalog.canonicalModel($0) ?? $0 }
    return .invalid(
      "unknown model '\(m)'" + (hint.map { ": did you mean \($0)?" } ?? "")
        + "\nvalid model values: a canonical id or alias from `ratecard models --all-kinds` (\(ids.count) models), or a model name as in the sheet")
  }

  /// The currencies, uppercased, each one the store holds current rates in.
  public func currencies(_ values: [String]) throws -> [String] {
    let wanted = values.map { $0.uppercased() }
    guard !wanted.isEmpty, let store = try store else { return wanted }
    let stored = try store.currentCurrencies()
    if let missing = wanted.first(where: { !stored.contains($0) }) {
      throw ArgumentError.noRatesInCurrency(missing, stored: stored)
    }
    return wanted
  }

  /// Checks what the profiles name against the catalogue and the store: regions, geographies,
  /// the current deployment's region, and the currency (`hasRates(currency)`; the stored
  /// currencies are read for the message). A mistake is a profile error at the value's position.
  public func profiles(_ profiles: [Profile], hasRates: (String) -> Bool) throws {
    var regionsKnown: Set<String>?
    let geographies = Set(self.geographies)
    let catalogRegions = Set(catalog.regions.map { $0.code.lowercased() })
    for p in profiles {
      let at = { (field: ProfileField) in p.marks[field] ?? p.origin ?? SourceMark(file: p.name, line: 1, column: 1) }
      for g in (p.placement.geographies ?? []).sorted() where !geographies.contains(g) {
        let valid = geographies.sorted()
        let hint = Spelling.closest(to: g, in: valid).map { ": did you mean \($0)?" } ?? ""
        throw ProfileError(
          at(.geography(g)),
          "where.geographies: unknown geography '\(g)'\(hint) (valid: \(valid.joined(separator: ", ")))")
      }
      let listed = (p.placement.regions ?? []).sorted()
      for (r, field) in listed.map({ ($0, ProfileField.region($0)) }) + (p.current.map { [($0.region, .currentRegion)] } ?? [])
      where !catalogRegions.contains(r) {
        if regionsKnown == nil { regionsKnown = Set(try knownRegions()) }
        guard let known = regionsKnown, !known.contains(r) else { continue }
        let hint = Spelling.closest(to: r, in: known.sorted()).map { ": did you mean \($0)?" } ?? ""
        throw ProfileError(at(field), "\(field.path): unknown region '\(r)'\(hint)")
      }
      if !hasRates(p.currency) {
        let stored = try store?.currentCurrencies() ?? []
        throw ProfileError(
          at(.currency), "currency: " + (ArgumentError.noRatesInCurrency(p.currency, stored: stored).errorDescription ?? ""))
      }
    }
  }
}
