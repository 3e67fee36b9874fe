/// A fixed set of object keys looked up in one pass over an object's members (instead of one
/// scan per key), for objects read many times (Azure items).
struct JSONFields: Sendable {
  let names: [String]
  let bytes: [[UInt8]]

  init(_ names: [String]) {
    self.names = names
    bytes = names.map { Array($0.utf8) }
  }
}

extension JSONDocument {
  /// The value index of each of `fields` in object `o` (the first one when a key repeats), -1
  /// when absent. Keys are tried in the order of `fields` from the last match on, so an object
  /// whose keys come in that order costs one comparison per key.
  func lookup(_ o: Int, _ fields: JSONFields) -> [Int] {
    let count = fields.bytes.count
    var slots = [Int](repeating: -1, count: count)
    var hint = 0
    for (k, v) in members(o) {
      let e = tape[k]
      if e.escaped {
        if let slot = fields.names.firstIndex(of: string(k)), slots[slot] < 0 { slots[slot] = v }
        continue
      }
      let start = Int(e.start)
      let length = Int(e.end) - start
      for step in 0..<count {
        let slot = (hint + step) % count
        let name = fields.bytes[slot]
        guard name.count == length else { continue }
        var same = true
        for m in 0..<length where bytes[start + m] != name[m] {
          same = false
          break
        }
        if same {
          if slots[slot] < 0 { slots[slot] = v }
          hint = slot + 1
          break
        }
      }
    }
    return slots
  }

  /// Field `slot` of a ``lookup(_:_:)`` as a required string.
  func requiredString(_ o: Int, _ slots: [Int], _ slot: Int, _ fields: JSONFields) throws -> String {
    let v = slots[slot]
    guard v >= 0 else { throw missing(fields.names[slot], in: o) }
    return try stringValue(v)
  }

  /// Field `slot` as an optional string (nil when absent or null).
  func optionalString(_ slots: [Int], _ slot: Int) throws -> String? {
    let v = slots[slot]
    guard v >= 0, tape[v].kind != .null else { return nil }
    return try stringValue(v)
  }

  /// Field `slot` as the text of a required number.
  func requiredNumber(_ o: Int, _ slots: [Int], _ slot: Int, _ fields: JSONFields) throws -> String {
    let v = slots[slot]
    guard v >= 0 else { throw missing(fields.names[slot], in: o) }
    try require(v, .number)
    return numberText(v)
  }

  /// Field `slot` as the text of an optional number (nil when absent or null).
  func optionalNumber(_ slots: [Int], _ slot: Int) throws -> String? {
    let v = slots[slot]
    guard v >= 0, tape[v].kind != .null else { return nil }
    try require(v, .number)
    return numberText(v)
  }
}
