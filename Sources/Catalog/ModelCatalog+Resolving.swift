import Pricing

extension ModelCatalog: ModelResolving {
  /// The canonical model of a rate, from its provider, service, `sheetModel` and, as a fallback,
  /// `sheetKey` (AWS usagetype, Azure meter name). Depends on nothing else in the rate.
  public func canonicalModel(for rate: Rate) -> String? {
    resolveSheetName(
      provider: rate.provider, service: rate.service, sheetModel: rate.sheetModel,
      sheetKey: rate.sheetKey)
  }

  /// The canonical id for a canonical id or any alias (runtime id, inference profile, price-list
  /// name, Azure deployment name or meter stem), case-insensitive; nil when unknown.
  public func canonicalModel(_ reference: String) -> String? {
    let trimmed = reference.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    for candidate in [
      trimmed, SheetName.bareRuntimeID(trimmed), SheetName.azureStem(trimmed),
      SheetName.usagetypeStem(trimmed),
    ] {
      if let id = lookup(candidate) { return id }
    }
    return nil
  }

  /// Resolves the names a sheet gives a price line. Azure: the meter stem of `sheetModel` (with the
  /// product's model-family word in front when the stem is a bare version such as `5.4 mini` or
  /// `4.3`), then `sheetModel` as is, then the same for the meter name in `sheetKey`. AWS:
  /// `sheetModel` (model, titanModel or servicename), then the model part of the usagetype.
  public func resolveSheetName(
    provider: Provider, service: String, sheetModel: String, sheetKey: String
  ) -> String? {
    for candidate in sheetCandidates(
      provider: provider, service: service, sheetModel: sheetModel, sheetKey: sheetKey)
    {
      if let id = lookup(candidate) { return id }
    }
    return nil
  }

  /// The names tried for a sheet line, in order (exposed for `catalog unmatched` and tests).
  public func sheetCandidates(
    provider: Provider, service: String, sheetModel: String, sheetKey: String
  ) -> [String] {
    var result: [String] = []
    func add(_ s: String) {
      if !s.isEmpty, !result.contains(s) { result.append(s) }
    }
    switch provider {
    case .azure:
      let family = Self.azureProductFamily(service)
      for name in [sheetModel, sheetKey] where !name.isEmpty {
        let stem = SheetName.azureStem(name)
        if let family, !SheetName.key(stem).hasPrefix(SheetName.key(family)) {
          add(family + " " + stem)
        }
        add(stem)
        add(name)
      }
    case .aws:
      add(sheetModel)
      if !sheetKey.isEmpty {
        add(SheetName.usagetypeStem(sheetKey))
      }
    }
    return result
  }

  /// The model-family word an Azure product puts in front of bare versions in its meter names
  /// (`Azure Grok Models` meters say `4.3 Inp Glbl`, `Azure OpenAI GPT5` meters `5.4 mini Inp Gl`).
  static func azureProductFamily(_ product: String) -> String? {
    let p = product.lowercased()
    for (word, family) in [
      ("grok", "grok"), ("deepseek", "deepseek"), ("llama", "llama"), ("phi", "phi"),
      ("mistral", "mistral"), ("oss", "gpt-oss"), ("gpt", "gpt"),
    ] where p.contains(word) {
      return family
    }
    return nil
  }

  func lookup(_ name: String) -> String? {
    let key = SheetName.key(name)
    guard !key.isEmpty else { return nil }
    if let id = primaryIndex[key] { return id }
    if let id = derivedIndex[key] { return id }
    let bare = SheetName.key(SheetName.bareRuntimeID(name))
    return primaryIndex[bare] ?? derivedIndex[bare]
  }
}
