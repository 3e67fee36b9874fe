extension RateFilter {
  /// Every condition of the filter as text, field by field (two filters have the same text only
  /// when they are equal): a cache key part, built without the reflection `description` uses.
  public var keyText: String {
    func list(_ name: String, _ values: [String]) -> String {
      "\(name)=[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
    return [
      list("providers", providers.map(\.rawValue)), list("models", models), list("regions", regions),
      list("scopes", scopes.map(\.rawValue)), list("tiers", tiers.map(\.rawValue)),
      list("meters", meters.map(\.rawValue)), list("currencies", currencies), list("services", services),
      list("skus", skus), list("variants", variants), list("commitments", commitments.map(\.rawValue)),
    ].joined(separator: " ")
  }
}
