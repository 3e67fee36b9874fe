import Foundation

/// A parsed JSON document for the readers: the bytes and their ``JSONTape``, with typed access
/// by tape index whose failures are ``SheetError``s naming the file and the JSON path
/// (`products.ABC.attributes.usagetype: expected a string, found a number`). Valid only inside
/// the closure given to ``parse(_:file:pathPrefix:rootName:_:)`` (the bytes are borrowed).
struct JSONDocument {
  let bytes: UnsafeBufferPointer<UInt8>
  let tape: [JSONEntry]
  /// The file (or URL) named in errors.
  let file: String
  /// Prepended to every path in errors (`PriceList[3]`, `line 4`), for documents inside documents.
  let pathPrefix: String
  /// How errors name the top level when there is no prefix (`top level`, `$`).
  let rootName: String

  /// The index of the top-level value.
  var root: Int { 0 }

  /// Parses `data` and runs `body` on the document. Syntax errors become
  /// ``SheetError/malformed(file:location:reason:)`` ("not valid JSON: ... at line L, column C").
  static func parse<R>(
    _ data: Data, file: String, pathPrefix: String = "", rootName: String = "top level",
    _ body: (JSONDocument) throws -> R
  ) throws -> R {
    try data.withUnsafeBytes { raw in
      try parse(raw.bindMemory(to: UInt8.self), file: file, pathPrefix: pathPrefix, rootName: rootName, body)
    }
  }

  /// Parses `bytes` and runs `body` on the document.
  static func parse<R>(
    _ bytes: UnsafeBufferPointer<UInt8>, file: String, pathPrefix: String = "",
    rootName: String = "top level", _ body: (JSONDocument) throws -> R
  ) throws -> R {
    let tape: JSONTape
    do {
      tape = try JSONParser.parse(bytes)
    } catch var error {
      // The path inside a document inside another is named from the outer one.
      if !pathPrefix.isEmpty, !error.path.isEmpty {
        error.path = pathPrefix + (error.path.hasPrefix("[") ? "" : ".") + error.path
      }
      throw SheetError.malformed(
        file: file, location: pathPrefix.isEmpty ? rootName : pathPrefix,
        reason: "not valid JSON: \(error.description)")
    }
    return try body(
      JSONDocument(bytes: bytes, tape: tape.entries, file: file, pathPrefix: pathPrefix, rootName: rootName))
  }

  // MARK: navigation

  @inline(__always) func kind(_ i: Int) -> JSONKind { tape[i].kind }

  /// The index after value `i` and everything inside it.
  @inline(__always) func after(_ i: Int) -> Int {
    let e = tape[i]
    return e.kind == .object || e.kind == .array ? Int(e.end) : i + 1
  }

  /// The (key, value) indices of object `o`, in document order.
  func members(_ o: Int) -> Members { Members(document: self, cursor: o + 1, end: Int(tape[o].end)) }

  /// The element indices of array `a`, in order.
  func elements(_ a: Int) -> Elements { Elements(document: self, cursor: a + 1, end: Int(tape[a].end)) }

  /// The text of string `i` (a key or a value).
  func string(_ i: Int) -> String { JSONText.string(tape[i], in: bytes) }

  /// The exact source text of number `i`.
  func numberText(_ i: Int) -> String { JSONText.raw(tape[i], in: bytes) }

  /// True when string `i` is `key`.
  func stringEquals(_ i: Int, _ key: StaticString) -> Bool {
    let e = tape[i]
    if e.escaped { return string(i) == key.description }
    let count = Int(e.end - e.start)
    guard count == key.utf8CodeUnitCount else { return false }
    let p = key.utf8Start
    let s = Int(e.start)
    for k in 0..<count where bytes[s + k] != p[k] { return false }
    return true
  }

  /// The value of `key` in object `o` (the first one when the key repeats, as `JSONDecoder`),
  /// or nil.
  func member(_ o: Int, _ key: StaticString) -> Int? {
    for (k, v) in members(o) where stringEquals(k, key) { return v }
    return nil
  }

  // MARK: typed access

  /// Checks that value `i` is of `kind` (an error naming its path otherwise).
  func require(_ i: Int, _ kind: JSONKind) throws {
    let found = tape[i].kind
    guard found != kind else { return }
    throw mismatch(at: i, expected: kind)
  }

  /// The value of a required `key` of object `o`, of `kind`.
  func required(_ o: Int, _ key: StaticString, _ kind: JSONKind) throws -> Int {
    guard let v = member(o, key) else { throw missing(key.description, in: o) }
    try require(v, kind)
    return v
  }

  /// The value of an optional `key` of object `o`: nil when absent or null, else of `kind`.
  func optional(_ o: Int, _ key: StaticString, _ kind: JSONKind) throws -> Int? {
    guard let v = member(o, key), tape[v].kind != .null else { return nil }
    try require(v, kind)
    return v
  }

  /// A required string member.
  func requiredString(_ o: Int, _ key: StaticString) throws -> String {
    string(try required(o, key, .string))
  }

  /// An optional string member (nil when absent or null).
  func optionalString(_ o: Int, _ key: StaticString) throws -> String? {
    try optional(o, key, .string).map(string)
  }

  /// A string value.
  func stringValue(_ i: Int) throws -> String {
    try require(i, .string)
    return string(i)
  }

  // MARK: errors

  /// The error for value `i` not being of `expected` kind.
  func mismatch(at i: Int, expected: JSONKind) -> SheetError {
    let found = tape[i].kind
    return SheetError.malformed(
      file: file, location: location(of: i),
      reason: "expected \(expected.described), found \(found == .null ? "null" : found.described)")
  }

  /// The error for a missing `key` of object `o`.
  func missing(_ key: String, in o: Int) -> SheetError {
    SheetError.malformed(file: file, location: join(path(to: o), key), reason: "missing key '\(key)'")
  }

  /// The location of value `i` for errors: its path, or the top level's name.
  func location(of i: Int) -> String {
    let p = path(to: i)
    return p.isEmpty ? rootName : p
  }

  /// `path.key`, or `key` at the top.
  func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

  /// The JSON path of value `target` (`terms.OnDemand.ABC`, `Items[3].meterName`), after the
  /// prefix; found by descending from the top (errors only).
  func path(to target: Int) -> String {
    var path = pathPrefix
    var node = root
    while node != target {
      let e = tape[node]
      guard target > node, target < after(node) else { break }
      let before = node
      if e.kind == .object {
        for (k, v) in members(node) where v <= target && target < after(v) {
          path = join(path, string(k))
          node = v
          break
        }
      } else if e.kind == .array {
        var n = 0
        for v in elements(node) {
          if v <= target && target < after(v) {
            path += "[\(n)]"
            node = v
            break
          }
          n += 1
        }
      }
      if node == before { break }
    }
    return path
  }
}

extension JSONDocument {
  /// The members of an object: (key index, value index).
  struct Members: Sequence, IteratorProtocol {
    let document: JSONDocument
    var cursor: Int
    let end: Int

    mutating func next() -> (key: Int, value: Int)? {
      guard cursor < end else { return nil }
      let key = cursor
      cursor = document.after(key + 1)
      return (key, key + 1)
    }
  }

  /// The elements of an array.
  struct Elements: Sequence, IteratorProtocol {
    let document: JSONDocument
    var cursor: Int
    let end: Int

    mutating func next() -> Int? {
      guard cursor < end else { return nil }
      let value = cursor
      cursor = document.after(value)
      return value
    }
  }
}
