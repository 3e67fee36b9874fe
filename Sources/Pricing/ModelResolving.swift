/// Resolves the model a sheet names to a canonical model id (implemented by the catalogue).
public protocol ModelResolving: Sendable {
  /// The canonical id for a rate's sheet names, or nil when the catalogue knows none.
  func canonicalModel(for rate: Rate) -> String?
}
