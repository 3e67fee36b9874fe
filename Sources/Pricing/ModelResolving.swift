/// Resolves the model a sheet names to a canonical model id (implemented by the catalogue).
public protocol ModelResolving: Sendable {
  /// The canonical id for a rate's sheet names, or nil when the catalogue knows none.
  /// Contract: names derived from `sheetModel` are tried before `sheetKey`, so a rate whose
  /// `sheetModel` resolves gets the same answer whatever its `sheetKey` (the import caches on it).
  func canonicalModel(for rate: Rate) -> String?

  /// A resolution of one sheet's rates that may remember answers across its chunks; by default
  /// ``RememberedResolution`` (the catalogue has its own).
  func sheetResolution() -> any SheetResolution
}

extension ModelResolving {
  /// Remembers this resolver's answers for one sheet's rates (``RememberedResolution``).
  public func sheetResolution() -> any SheetResolution { RememberedResolution(resolver: self) }
}

/// Sets the canonical model of a sheet's rates, chunk after chunk, remembering answers across the
/// chunks (``ModelResolving/sheetResolution()``).
public protocol SheetResolution {
  mutating func resolve(_ rates: inout [Rate])
}

/// A sheet's resolution through ``ModelResolving/canonicalModel(for:)``. A sheet repeats each model
/// name on many rows, so the answer for (provider, service, sheetModel) is computed once; the
/// per-row `sheetKey` is consulted only when the model name alone resolves to nothing (the
/// protocol's contract: `sheetModel` is tried first).
public struct RememberedResolution: SheetResolution {
  let resolver: any ModelResolving
  var byModel: [String: String?] = [:]

  public init(resolver: any ModelResolving) { self.resolver = resolver }

  public mutating func resolve(_ rates: inout [Rate]) {
    for i in rates.indices {
      let rate = rates[i]
      let key = rate.provider.rawValue + "\u{1F}" + rate.service + "\u{1F}" + rate.sheetModel
      let fromModel: String?
      if let cached = byModel[key] {
        fromModel = cached
      } else {
        var probe = rate
        probe.sheetKey = ""
        fromModel = rate.sheetModel.isEmpty ? nil : resolver.canonicalModel(for: probe)
        byModel[key] = fromModel
      }
      rates[i].model = fromModel ?? resolver.canonicalModel(for: rate)
    }
  }
}
