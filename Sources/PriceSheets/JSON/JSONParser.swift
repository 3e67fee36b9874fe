/// A strict RFC 8259 JSON parser over bytes: validates the whole document (structure, string
/// escapes and `\u` surrogate pairs, UTF-8 in strings, no control characters, number grammar, no
/// trailing garbage) and records every value on a ``JSONTape``. A UTF-8 byte order mark is
/// skipped. Errors carry the byte offset and the JSON path of the value being read.
struct JSONParser {
  /// Deepest nesting accepted (as `JSONDecoder`).
  static let maximumDepth = 512

  private let b: UnsafeBufferPointer<UInt8>
  private var i = 0
  private var entries: [JSONEntry] = []
  /// Tape indices of the open containers.
  private var open: [Int] = []
  /// Per open container: the element count (arrays) or the tape index of the current key
  /// (objects; -1 before the first).
  private var position: [Int] = []

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    b = bytes
  }

  /// Parses `bytes` into a tape.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONTape {
    var parser = JSONParser(bytes)
    try parser.run()
    return JSONTape(entries: parser.entries)
  }

  // MARK: structure

  private mutating func run() throws(JSONSyntaxError) {
    let n = b.count
    guard n < Int(UInt32.max) else { throw fail("the document is larger than 4 GiB", at: 0) }
    // Generous: pages of the reserve that are never written are never resident, and growing
    // would copy the tape.
    entries.reserveCapacity(max(16, n / 8))
    if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
    skipSpace()
    guard i < n else {
      throw fail(
        i == 0 || (i == 3 && b[0] == 0xEF) ? "the document is empty" : "no value, only whitespace", at: i)
    }
    var needValue = true
    while true {
      if needValue {
        skipSpace()
        guard i < n else { throw fail("unexpected end of input (a value was expected)", at: i) }
        let c = b[i]
        switch c {
        case UInt8(ascii: "{"):
          try openContainer(.object)
          skipSpace()
          guard i < n else { throw fail("unexpected end of input inside an object", at: i) }
          if b[i] == UInt8(ascii: "}") {
            i += 1
            closeContainer()
            needValue = false
          } else {
            try readKey()
          }
          continue
        case UInt8(ascii: "["):
          try openContainer(.array)
          skipSpace()
          guard i < n else { throw fail("unexpected end of input inside an array", at: i) }
          if b[i] == UInt8(ascii: "]") {
            i += 1
            closeContainer()
            needValue = false
          }
          continue
        case UInt8(ascii: "\""):
          try readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          try readNumber()
        case UInt8(ascii: "t"):
          try readLiteral("true", .true)
        case UInt8(ascii: "f"):
          try readLiteral("false", .false)
        case UInt8(ascii: "n"):
          try readLiteral("null", .null)
        default:
          throw fail("unexpected \(describe(at: i)) where a value was expected", at: i)
        }
        needValue = false
      }
      // After a value: a separator, the end of a container, or the end of the document.
      skipSpace()
      guard let top = open.last else {
        guard i == n else { throw fail("unexpected \(describe(at: i)) after the end of the document", at: i) }
        return
      }
      guard i < n else {
        throw fail(
          "unexpected end of input inside \(entries[top].kind == .object ? "an object" : "an array")", at: i)
      }
      let c = b[i]
      if entries[top].kind == .object {
        if c == UInt8(ascii: ",") {
          i += 1
          skipSpace()
          try readKey()
          needValue = true
        } else if c == UInt8(ascii: "}") {
          i += 1
          closeContainer()
        } else {
          throw fail("expected ',' or '}' after an object member, found \(describe(at: i))", at: i)
        }
      } else {
        if c == UInt8(ascii: ",") {
          i += 1
          position[position.count - 1] += 1
          needValue = true
        } else if c == UInt8(ascii: "]") {
          i += 1
          closeContainer()
        } else {
          throw fail("expected ',' or ']' after an array element, found \(describe(at: i))", at: i)
        }
      }
    }
  }

  private mutating func openContainer(_ kind: JSONKind) throws(JSONSyntaxError) {
    guard open.count < Self.maximumDepth else {
      throw fail("nested more than \(Self.maximumDepth) levels deep", at: i)
    }
    open.append(entries.count)
    position.append(kind == .object ? -1 : 0)
    entries.append(JSONEntry(start: UInt32(i), end: 0, kind: kind, escaped: false))
    i += 1
  }

  private mutating func closeContainer() {
    let index = open.removeLast()
    position.removeLast()
    entries[index].end = UInt32(entries.count)
  }

  /// Reads `"key" :` (the value follows).
  private mutating func readKey() throws(JSONSyntaxError) {
    guard i < b.count else { throw fail("unexpected end of input inside an object", at: i) }
    guard b[i] == UInt8(ascii: "\"") else {
      throw fail("expected a string key, found \(describe(at: i))", at: i)
    }
    position[position.count - 1] = entries.count
    try readString()
    skipSpace()
    guard i < b.count else { throw fail("unexpected end of input after an object key", at: i) }
    guard b[i] == UInt8(ascii: ":") else {
      throw fail("expected ':' after an object key, found \(describe(at: i))", at: i)
    }
    i += 1
  }

  @inline(__always)
  private mutating func skipSpace() {
    let n = b.count
    while i < n {
      let c = b[i]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      i += 1
    }
  }

  // MARK: scalars

  private mutating func readLiteral(_ word: StaticString, _ kind: JSONKind) throws(JSONSyntaxError) {
    let count = word.utf8CodeUnitCount
    let start = i
    guard b.count - i >= count else { throw fail("unexpected end of input in a literal", at: i) }
    let p = word.utf8Start
    for k in 0..<count where b[i + k] != p[k] {
      throw fail("invalid literal (expected '\(word)')", at: i + k)
    }
    i += count
    entries.append(JSONEntry(start: UInt32(start), end: UInt32(i), kind: kind, escaped: false))
  }

  private mutating func readNumber() throws(JSONSyntaxError) {
    let n = b.count
    let start = i
    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    if b[i] == UInt8(ascii: "-") { i += 1 }
    guard i < n, isDigit(b[i]) else { throw fail("a number needs a digit after '-'", at: i) }
    if b[i] == UInt8(ascii: "0") {
      i += 1
      if i < n, isDigit(b[i]) { throw fail("a number cannot have a leading zero", at: start) }
    } else {
      while i < n, isDigit(b[i]) { i += 1 }
    }
    if i < n, b[i] == UInt8(ascii: ".") {
      i += 1
      guard i < n, isDigit(b[i]) else { throw fail("a number needs a digit after '.'", at: i) }
      while i < n, isDigit(b[i]) { i += 1 }
    }
    if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
      guard i < n, isDigit(b[i]) else { throw fail("a number needs a digit in its exponent", at: i) }
      while i < n, isDigit(b[i]) { i += 1 }
    }
    entries.append(JSONEntry(start: UInt32(start), end: UInt32(i), kind: .number, escaped: false))
  }

  /// Reads a string starting at the opening quote, validating escapes and UTF-8.
  private mutating func readString() throws(JSONSyntaxError) {
    let n = b.count
    let start = i + 1
    var j = start
    var escaped = false
    while true {
      // Fast path: plain ASCII, eight bytes at a time while none is a quote, a backslash, a
      // control character or non-ASCII.
      if let base = b.baseAddress {
        let raw = UnsafeRawPointer(base)
        while j + 8 <= n {
          let x = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
          if Self.special(x) != 0 { break }
          j += 8
        }
      }
      while j < n {
        let c = b[j]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
        j += 1
      }
      guard j < n else { throw fail("unterminated string", at: start - 1) }
      let c = b[j]
      if c == UInt8(ascii: "\"") { break }
      if c == UInt8(ascii: "\\") {
        escaped = true
        j = try escape(at: j)
      } else if c < 0x20 {
        throw fail("control character U+\(hex4(Int(c))) in a string (must be escaped)", at: j)
      } else {
        j = try utf8Sequence(at: j)
      }
    }
    entries.append(JSONEntry(start: UInt32(start), end: UInt32(j), kind: .string, escaped: escaped))
    i = j + 1
  }

  /// Nonzero when one of the eight bytes of `x` is `"`, `\`, below 0x20 or above 0x7F (the
  /// classic SWAR zero-byte tests).
  @inline(__always)
  static func special(_ x: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quote = x ^ (ones &* 0x22)
    let backslash = x ^ (ones &* 0x5C)
    let control = (x &- ones &* 0x20)
    let hasQuote = (quote &- ones) & ~quote
    let hasBackslash = (backslash &- ones) & ~backslash
    return ((hasQuote | hasBackslash | control) & ~x & highs) | (x & highs)
  }

  /// Validates the escape at `j` (a backslash); returns the offset after it.
  private func escape(at j: Int) throws(JSONSyntaxError) -> Int {
    let n = b.count
    guard j + 1 < n else { throw fail("unterminated string", at: j) }
    switch b[j + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return j + 2
    case UInt8(ascii: "u"):
      let unit = try hexUnit(at: j + 2)
      if unit >= 0xDC00 && unit <= 0xDFFF {
        throw fail("lone low surrogate \\u\(hex4(unit)) in a string", at: j)
      }
      guard unit >= 0xD800 && unit <= 0xDBFF else { return j + 6 }
      guard j + 7 < n, b[j + 6] == UInt8(ascii: "\\"), b[j + 7] == UInt8(ascii: "u") else {
        throw fail("high surrogate \\u\(hex4(unit)) not followed by a low surrogate", at: j)
      }
      let low = try hexUnit(at: j + 8)
      guard low >= 0xDC00 && low <= 0xDFFF else {
        throw fail("high surrogate \\u\(hex4(unit)) not followed by a low surrogate", at: j)
      }
      return j + 12
    default:
      throw fail("invalid escape \(describe(at: j + 1)) after '\\' in a string", at: j)
    }
  }

  /// The 4 hex digits at `k`.
  private func hexUnit(at k: Int) throws(JSONSyntaxError) -> Int {
    guard k + 4 <= b.count else { throw fail("unterminated \\u escape", at: k) }
    var v = 0
    for m in k..<(k + 4) {
      guard let d = JSONParser.hexValue(b[m]) else {
        throw fail("invalid \\u escape (4 hex digits expected)", at: m)
      }
      v = v << 4 | d
    }
    return v
  }

  static func hexValue(_ c: UInt8) -> Int? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Validates one multi-byte UTF-8 sequence at `j` (RFC 3629: no overlongs, no surrogates, at
  /// most U+10FFFF); returns the offset after it.
  private func utf8Sequence(at j: Int) throws(JSONSyntaxError) -> Int {
    let n = b.count
    let c = b[j]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch c {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F
    case 0xF0: length = 4; low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F
    default: throw fail("invalid UTF-8 byte 0x\(String(c, radix: 16, uppercase: true)) in a string", at: j)
    }
    guard j + length <= n else { throw fail("invalid UTF-8 (truncated sequence) in a string", at: j) }
    let second = b[j + 1]
    guard second >= low && second <= high else {
      throw fail("invalid UTF-8 sequence in a string", at: j)
    }
    for k in (j + 2)..<(j + length) where b[k] & 0xC0 != 0x80 {
      throw fail("invalid UTF-8 sequence in a string", at: j)
    }
    return j + length
  }

  // MARK: errors

  private func hex4(_ v: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
  }

  /// How an error names the byte at `k`.
  private func describe(at k: Int) -> String {
    guard k < b.count else { return "end of input" }
    let c = b[k]
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    return "byte 0x\(String(c, radix: 16, uppercase: true))"
  }

  /// The error at byte `offset`, with the path of the value being read.
  private func fail(_ message: String, at offset: Int) -> JSONSyntaxError {
    var path = ""
    for (level, index) in open.enumerated() {
      let p = position[level]
      if entries[index].kind == .array {
        path += "[\(p)]"
      } else if p >= 0, p < entries.count {
        let key = JSONText.string(entries[p], in: b)
        path += (path.isEmpty ? "" : ".") + key
      }
    }
    var line = 1
    var lineStart = 0
    let end = min(offset, b.count)
    for k in 0..<end where b[k] == 0x0A {
      line += 1
      lineStart = k + 1
    }
    return JSONSyntaxError(
      message: message, offset: offset, line: line, column: end - lineStart + 1, path: path)
  }
}
