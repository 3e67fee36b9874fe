extension Dictionary {
  /// Stores `value` unless `key` is there already: a repeated JSON key keeps its first value, as
  /// `JSONDecoder` decodes it.
  mutating func keepFirst(_ key: Key, _ value: @autoclosure () throws -> Value) rethrows {
    guard self[key] == nil else { return }
    self[key] = try value()
  }
}
