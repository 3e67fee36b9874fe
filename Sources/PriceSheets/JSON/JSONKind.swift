/// The kind of one JSON value on a ``JSONTape``.
enum JSONKind: UInt8, Sendable {
  case object, array, string, number, `true`, `false`, null

  /// How errors name the kind ("a string", "an object").
  var described: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .true, .false: "a boolean"
    case .null: "null"
    }
  }
}
