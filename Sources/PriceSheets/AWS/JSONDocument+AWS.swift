extension JSONDocument {
  /// Reads a product's `attributes` object: every value must be a string; the attributes in
  /// ``AWSProductAttributes/names`` are kept.
  func awsProductAttributes(_ o: Int) throws -> AWSProductAttributes {
    var values = [String?](repeating: nil, count: AWSProductAttributes.names.count)
    for (k, v) in members(o) {
      try require(v, .string)
      if let slot = attributeSlot(k), values[slot] == nil { values[slot] = string(v) }
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

  /// Checks the fields of an AWS price dimension without keeping them.
  func checkAWSPriceDimension(_ o: Int) throws {
    try require(o, .object)
    _ = try optional(o, "rateCode", .string)
    _ = try optional(o, "description", .string)
    _ = try required(o, "unit", .string)
    for (_, v) in members(try required(o, "pricePerUnit", .object)) { try require(v, .string) }
  }

  /// The number of distinct keys of object `o`.
  func distinctKeyCount(_ o: Int) -> Int {
    var n = 0
    for _ in members(o) {
      n += 1
      if n > 1 { break }
    }
    return n <= 1 ? n : Set(members(o).map { string($0.key) }).count
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
    for (k, v) in members(prices) { try pricePerUnit.keepFirst(string(k), try stringValue(v)) }
    return AWSPriceDimension(
      rateCode: rateCode, description: description, unit: unit, pricePerUnit: pricePerUnit)
  }

  /// The members of object `o` by key (the first one when a key repeats), as `JSONDecoder`
  /// decodes a dictionary.
  func keyed(_ o: Int) -> [String: Int] {
    var d: [String: Int] = [:]
    for (k, v) in members(o) { d.keepFirst(string(k), v) }
    return d
  }
}
