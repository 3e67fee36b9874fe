/// Resolves the model a sheet names to a canonical model id (implemented by the catalogue).
public protocol ModelResolving: Sendable {
  /// The canonical id for a rate's sheet names, or nil when the catalogue knows none.
  /// Contract: names derived from `sheetModel` are tried before `sheetKey`, so a rate whose
  /// `sheetModel` resolves gets the same answer whatever its `sheetKey` (the import caches on it).
  func canonicalModel(for rate: Rate) -> String?
}
