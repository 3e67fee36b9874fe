/// The attributes of an AWS offer product that a row needs (the classifier's signals, the region
/// and the model). A bulk offer lists every product before its terms; products are kept as their
/// place in the parsed document until their rows are made, and then only these attributes are
/// read.
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
