import Foundation
import Testing

@testable import PriceSheets

/// The byte-level JSON parser: strict RFC 8259, exact number text, escapes, error positions.
@Suite("JSON parser")
struct JSONParserTests {
  /// Parses `bytes`, returning the tape or the syntax error.
  static func parse(_ bytes: [UInt8]) -> Result<[JSONEntry], JSONSyntaxError> {
    bytes.withUnsafeBufferPointer { b in
      Result { () throws(JSONSyntaxError) -> [JSONEntry] in try JSONParser.parse(b).entries }
    }
  }

  static func parse(_ text: String) -> Result<[JSONEntry], JSONSyntaxError> { parse(Array(text.utf8)) }

  static func error(_ text: String) -> JSONSyntaxError? { error(Array(text.utf8)) }

  static func error(_ bytes: [UInt8]) -> JSONSyntaxError? {
    if case .failure(let e) = parse(bytes) { return e }
    return nil
  }

  /// Runs `body` on the parsed document of `text`.
  static func document<R>(_ text: String, _ body: (JSONDocument) throws -> R) throws -> R {
    try JSONDocument.parse(Data(text.utf8), file: "t.json", body)
  }

  @Test(
    "valid documents parse",
    arguments: [
      "{}", "[]", "\"a\"", "0", "-0", "-0.5e+10", "1E-2", "true", "false", "null",
      " [1, 2 ,{\"a\":null} ] \n", "{\"a\":{\"b\":[[],{}]},\"c\":\"\"}", "\u{FEFF}{}",
      "\"\\u0000\"", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "\"\\uD83D\\uDE00\"", "\"é€😀\"",
    ])
  func valid(_ text: String) {
    #expect(Self.error(text) == nil, "\(text): \(Self.error(text)?.description ?? "")")
  }

  @Test(
    "invalid documents are rejected",
    arguments: [
      "", " \n", "{", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "1.", ".5",
      "-", "1e", "1e+", "+1", "tru", "nul", "True", "\"abc", "\"a\\x\"", "\"\\u12G4\"", "\"\\u12\"",
      "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "\"\\uD800x\"", "\"a\tb\"", "\"a\nb\"",
      "{} x", "[1] ]", "{}{}", "NaN", "Infinity", "-Infinity", "'a'", "[1,,2]", "{\"a\":}",
      "{,}", "[-]", "0x10", "1 2", "\u{FEFF}", "[\"a\",]",
    ])
  func invalid(_ text: String) {
    #expect(Self.error(text) != nil, "\(text) was accepted")
  }

  @Test("invalid UTF-8 in strings is rejected")
  func invalidUTF8() {
    let q: UInt8 = 0x22
    let cases: [[UInt8]] = [
      [q, 0xC3, 0x28, q],  // bad continuation
      [q, 0xC0, 0xAF, q],  // overlong
      [q, 0xE0, 0x80, 0xAF, q],  // overlong 3-byte
      [q, 0xED, 0xA0, 0x80, q],  // encoded surrogate
      [q, 0xF4, 0x90, 0x80, 0x80, q],  // above U+10FFFF
      [q, 0xFF, q], [q, 0x80, q], [q, 0xE2, 0x82, q],  // stray / truncated
    ]
    for bytes in cases {
      #expect(Self.error(bytes)?.message.contains("UTF-8") == true, "\(bytes)")
    }
    #expect(Self.error([q, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, q]) == nil)
  }

  @Test("nesting deeper than 512 levels is rejected")
  func depth() {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(Self.error(ok) == nil)
    let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(Self.error(deep)?.message.contains("nested") == true)
  }

  @Test("numbers keep their exact text")
  func numberText() throws {
    let texts = ["1.50", "8.3e-05", "-0", "1E+2", "12345678901234567890123456789.000000001", "0.1"]
    let values = try Self.document("[" + texts.joined(separator: " , ") + "]") { json in
      json.elements(json.root).map { json.numberText($0) }
    }
    #expect(values == texts)
  }

  @Test("escapes and surrogate pairs decode")
  func escapes() throws {
    let json = #"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC", "\uD83D\uDE00", "é€😀", "plain", "\u0041"]"#
    let values = try Self.document(json) { doc in doc.elements(doc.root).map { doc.string($0) } }
    #expect(values == ["a\"b\\c/d\u{8}\u{C}\n\r\t", "é€", "😀", "é€😀", "plain", "A"])
  }

  @Test("keys with escapes are found")
  func escapedKeys() throws {
    let value = try Self.document(#"{"x":1,"k\u0065y":"v","key2":"w"}"#) { json in
      json.member(json.root, "key").map { json.string($0) }
    }
    #expect(value == "v")
  }

  @Test("a repeated key: the first value wins, as with JSONDecoder")
  func repeatedKey() throws {
    let text = #"{"a":"1","b":"x","a":"2"}"#
    let value = try Self.document(text) { json in try json.requiredString(json.root, "a") }
    #expect(value == "1")
    let keyed = try Self.document(text) { json in json.keyed(json.root).mapValues { json.string($0) } }
    #expect(keyed == ["a": "1", "b": "x"])
    let fields = JSONFields(["a", "b"])
    let slots = try Self.document(text) { json in json.lookup(json.root, fields).map { json.string($0) } }
    #expect(slots == ["1", "x"])
    #expect(
      try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) == ["a": "1", "b": "x"])
  }

  @Test("syntax errors give line, column, byte offset and the path being read")
  func errorPosition() throws {
    let e = try #require(Self.error("{\n  \"a\": [1, 2,\n  x]\n}"))
    #expect(e.line == 3 && e.column == 3 && e.offset == 18)
    #expect(e.path == "a[2]")
    #expect(e.description.contains("at line 3, column 3 (byte 18), in a[2]"))
    let inner = try #require(Self.error(#"{"products":{"X":{"attributes":{"u":tru}}}}"#))
    #expect(inner.path == "products.X.attributes.u")
    let cut = try #require(Self.error(#"{"terms":{"OnDemand":{"A":"#))
    #expect(cut.path == "terms.OnDemand.A")
    #expect(cut.message.contains("end of input"))
    let trailing = try #require(Self.error("{}\n]"))
    #expect(trailing.line == 2 && trailing.column == 1 && trailing.path == "")
  }

  @Test("a syntax error is a SheetError naming the file, the top level and the position")
  func syntaxSheetError() {
    #expect(throws: SheetError.self) { try Self.document("[1,") { _ in 0 } }
    do {
      _ = try Self.document("{\"a\":[1,") { _ in 0 }
    } catch let SheetError.malformed(file, location, reason) {
      #expect(file == "t.json" && location == "top level")
      #expect(reason.hasPrefix("not valid JSON: unexpected end of input"))
      #expect(reason.hasSuffix("in a[1]"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("inside a document inside another, errors name the outer path")
  func prefixedPaths() {
    func message(_ text: String, _ body: (JSONDocument) throws -> Void) -> String {
      do {
        try JSONDocument.parse(Data(text.utf8), file: "q.json", pathPrefix: "PriceList[0]", body)
        return "no error"
      } catch {
        return (error as? SheetError)?.errorDescription ?? "\(error)"
      }
    }
    let cut = message(#"{"product":{"attributes":"#) { _ in }
    #expect(cut.hasPrefix("q.json: PriceList[0]: not valid JSON: unexpected end of input"))
    #expect(cut.hasSuffix(", in PriceList[0].product.attributes"))
    #expect(
      message(#"{"product":{"sku":1}}"#) { json in
        _ = try json.requiredString(try json.required(json.root, "product", .object), "sku")
      } == "q.json: PriceList[0].product.sku: expected a string, found a number")
  }

  @Test("type and missing-key errors name the JSON path")
  func typedErrors() {
    let text = #"{"products":{"X":{"attributes":{"u":42}}},"Items":[{},{"p":"1"}]}"#
    func message(_ body: (JSONDocument) throws -> Void) -> String {
      do {
        try Self.document(text, body)
        return "no error"
      } catch {
        return (error as? SheetError)?.errorDescription ?? "\(error)"
      }
    }
    #expect(
      message { json in
        let attributes = try json.required(
          try json.required(try json.required(json.root, "products", .object), "X", .object),
          "attributes", .object)
        _ = try json.requiredString(attributes, "u")
      } == "t.json: products.X.attributes.u: expected a string, found a number")
    #expect(
      message { json in
        let items = Array(json.elements(try json.required(json.root, "Items", .array)))
        _ = try json.requiredString(items[1], "q")
      } == "t.json: Items[1].q: missing key 'q'")
    #expect(
      message { json in _ = try json.required(json.root, "terms", .object) }
        == "t.json: terms: missing key 'terms'")
    #expect(
      message { json in try json.require(json.root, .array) }
        == "t.json: top level: expected an array, found an object")
  }
}
