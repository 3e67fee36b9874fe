/// The attributes of an AWS offer product that a row needs (the classifier's signals, the region
/// and the model), kept compactly while an offer's terms are read: a bulk offer lists every
/// product before its terms, and keeping every attribute of every product as a dictionary would
/// cost more than the rows themselves.
struct AWSProductAttributes: Sendable {
  /// The attribute names kept. Everything ``AWSClassifier``, ``AWSRegions`` and
  /// ``AWSPriceRow/sheetModel`` read from a row's attributes must be listed here.
  static let names: [String] = [
    "usagetype", "regionCode", "location", "feature", "inferenceType", "service_tier",
    "tokenType", "model", "titanModel", "servicename",
  ]

  /// The names as bytes, for matching keys without making strings.
  static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }

  /// The values, aligned with ``names`` (nil when the product lacks the attribute).
  var values: [String?]

  /// The attributes as a dictionary (for ``AWSPriceRow``).
  var dictionary: [String: String] {
    var d: [String: String] = [:]
    d.reserveCapacity(values.count)
    for (name, value) in zip(Self.names, values) {
      if let value { d[name] = value }
    }
    return d
  }
}

extension JSONDocument {
  /// Reads a product's `attributes` object: every value must be a string; the attributes in
  /// ``AWSProductAttributes/names`` are kept.
  func awsProductAttributes(_ o: Int) throws -> AWSProductAttributes {
    var values = [String?](repeating: nil, count: AWSProductAttributes.names.count)
    for (k, v) in members(o) {
      try require(v, .string)
      if let slot = attributeSlot(k) { values[slot] = string(v) }
    }
    return AWSProductAttributes(values: values)
  }

  /// The slot of key `k` in ``AWSProductAttributes/names``.
  private func attributeSlot(_ k: Int) -> Int? {
    let e = tape[k]
    if e.escaped {
      let name = string(k)
      return AWSProductAttributes.names.firstIndex(of: name)
    }
    let start = Int(e.start)
    let count = Int(e.end) - start
    for (slot, name) in AWSProductAttributes.nameBytes.enumerated() where name.count == count {
      var same = true
      for m in 0..<count where bytes[start + m] != name[m] {
        same = false
        break
      }
      if same { return slot }
    }
    return nil
  }

  /// Reads an AWS price dimension (`rateCode`, `description`, `unit`, `pricePerUnit`), checking
  /// the types.
  func awsPriceDimension(_ o: Int) throws -> AWSPriceDimension {
    try require(o, .object)
    let rateCode = try optionalString(o, "rateCode")
    let description = try optionalString(o, "description")
    let unit = try requiredString(o, "unit")
    let prices = try required(o, "pricePerUnit", .object)
    var pricePerUnit: [String: String] = [:]
    for (k, v) in members(prices) { pricePerUnit[string(k)] = try stringValue(v) }
    return AWSPriceDimension(
      rateCode: rateCode, description: description, unit: unit, pricePerUnit: pricePerUnit)
  }

  /// The members of object `o` by key (the last one when a key repeats), as `JSONDecoder`
  /// decodes a dictionary.
  func keyed(_ o: Int) -> [String: Int] {
    var d: [String: Int] = [:]
    for (k, v) in members(o) { d[string(k)] = v }
    return d
  }
}
