import Foundation
import Pricing

extension ModelCatalog {
  /// Sets every rate's canonical model to ``canonicalModel(for:)``, for a whole sheet at once.
  ///
  /// A sheet repeats a few names on many rows, so answers are remembered for the run: per
  /// `(provider, service, sheetModel)` the answer of the names derived from `sheetModel`; per
  /// `(provider, service, sheetKey)` the answer of the names derived from `sheetKey` (consulted only
  /// when `sheetModel` resolves to nothing, as ``resolveSheetName`` tries `sheetModel` first); and
  /// each normalised name's catalogue lookup.
  public func resolveModels(_ rates: inout [Rate]) {
    var resolution = ModelResolution(catalog: self)
    resolution.resolve(&rates)
  }

  /// The catalogue's own resolution of a sheet (``ModelResolution``).
  public func sheetResolution() -> any SheetResolution { ModelResolution(catalog: self) }
}

/// ``ModelCatalog/resolveModels(_:)`` for a sheet whose rates come in chunks: the answers are
/// remembered across the chunks.
public struct ModelResolution: SheetResolution {
  var memo: ResolutionMemo

  public init(catalog: ModelCatalog) { memo = ResolutionMemo(catalog: catalog) }

  /// Sets every rate's canonical model, as ``ModelCatalog/resolveModels(_:)``.
  public mutating func resolve(_ rates: inout [Rate]) {
    for i in rates.indices {
      let model = memo.resolve(
        provider: rates[i].provider, service: rates[i].service, sheetModel: rates[i].sheetModel,
        sheetKey: rates[i].sheetKey)
      rates[i].model = model
    }
  }
}

/// The remembered answers of ``ModelCatalog/resolveModels(_:)``.
struct ResolutionMemo {
  struct Key: Hashable {
    var provider: Provider
    var service: String
    var name: String
  }

  let catalog: ModelCatalog
  var bySheetModel: [Key: String?] = [:]
  var bySheetKey: [Key: String?] = [:]
  var byCandidate: [String: String?] = [:]
  /// The previous row's sheet-model answer (consecutive rows usually share it).
  var last: (key: Key, model: String?)?

  init(catalog: ModelCatalog) { self.catalog = catalog }

  mutating func resolve(provider: Provider, service: String, sheetModel: String, sheetKey: String)
    -> String?
  {
    let key = Key(provider: provider, service: service, name: sheetModel)
    let fromModel: String?
    if let last, last.key == key {
      fromModel = last.model
    } else if let known = bySheetModel[key] {
      fromModel = known
    } else {
      fromModel = first(provider: provider, service: service, sheetModel: sheetModel, sheetKey: "")
      bySheetModel[key] = .some(fromModel)
    }
    last = (key, fromModel)
    if let fromModel { return fromModel }
    guard !sheetKey.isEmpty else { return nil }
    // Names derived from sheetModel found nothing; those derived from sheetKey decide (a name
    // both give was already tried and found nothing).
    let keyKey = Key(provider: provider, service: service, name: sheetKey)
    if let known = bySheetKey[keyKey] { return known }
    let fromKey = first(provider: provider, service: service, sheetModel: "", sheetKey: sheetKey)
    bySheetKey[keyKey] = .some(fromKey)
    return fromKey
  }

  /// The first of the sheet names' candidates the catalogue knows.
  private mutating func first(
    provider: Provider, service: String, sheetModel: String, sheetKey: String
  ) -> String? {
    for candidate in catalog.sheetCandidates(
      provider: provider, service: service, sheetModel: sheetModel, sheetKey: sheetKey)
    {
      let id: String?
      if let known = byCandidate[candidate] {
        id = known
      } else {
        id = catalog.lookup(candidate)
        byCandidate[candidate] = .some(id)
      }
      if let id { return id }
    }
    return nil
  }
}
