/// One value of a parsed document, in document order (an object's keys are string entries
/// followed by their values).
struct JSONEntry: Sendable {
  /// Strings: the byte offset after the opening quote; numbers: the first byte; containers and
  /// literals: the offset of the bracket or first letter.
  var start: UInt32
  /// Strings: the offset of the closing quote; numbers: one past the last byte; containers: the
  /// tape index after the container's last entry (its next sibling).
  var end: UInt32
  var kind: JSONKind
  /// A string holding at least one backslash escape (decoded on access).
  var escaped: Bool
}

/// The result of ``JSONParser``: every value of one document as a flat array of entries
/// (in the manner of simdjson's tape), the document's bytes staying where they are. Strings and
/// numbers are byte ranges; nothing is decoded until a reader asks for it.
struct JSONTape: Sendable {
  var entries: [JSONEntry]
}
