extension AWSClassifier {
  /// The usagetype without its region prefix (`USE1-`) and Marketplace prefix (`MP:USE1_`).
  static func usageTail(_ usagetype: String) -> String {
    var s = Substring(usagetype)
    if let dash = s.firstIndex(of: "-") {
      let prefix = s[..<dash]
      if AWSRegions.byUsagePrefix[String(prefix)] != nil || looksLikeRegionPrefix(prefix)
      {
        s = s[s.index(after: dash)...]
      }
    }
    if s.hasPrefix("MP:"), let underscore = s.firstIndex(of: "_") {
      s = s[s.index(after: underscore)...]
    }
    return String(s)
  }

  /// At most 5 characters, each an uppercase letter or a digit (a usagetype's region prefix).
  static func looksLikeRegionPrefix(_ prefix: Substring) -> Bool {
    let utf8 = prefix.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else {
      return prefix.count <= 5 && prefix.allSatisfy { $0.isUppercase || $0.isNumber }
    }
    // ASCII: a character is one byte; uppercase is A-Z and a number is 0-9.
    return utf8.count <= 5 && utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
  }

  /// The part of a description that describes the row: FM descriptions are
  /// `AWS Marketplace software usage|<region>|<text>`; others are free text.
  static func descriptionCore(_ description: String) -> String {
    // The last `|` byte is the last `|` character when its neighbours are ASCII (no combining
    // or prepended mark can join it to another character); otherwise walk by characters.
    let utf8 = description.utf8
    if let bar = utf8.lastIndex(of: UInt8(ascii: "|")) {
      let next = utf8.index(after: bar)
      let asciiBefore = bar == utf8.startIndex || utf8[utf8.index(before: bar)] < 0x80
      if asciiBefore, next == utf8.endIndex || utf8[next] < 0x80 { return String(description[next...]) }
    } else {
      return description
    }
    if let bar = description.lastIndex(of: "|") {
      return String(description[description.index(after: bar)...])
    }
    return description
  }

  /// `text.contains(part)` as Foundation answers it (false for an empty `part`): a byte search
  /// when both are ASCII (where Foundation's comparison is byte equality), Foundation's otherwise.
  static func contains(_ text: String, _ part: String) -> Bool {
    guard text.utf8.allSatisfy({ $0 < 0x80 }), part.utf8.allSatisfy({ $0 < 0x80 }) else {
      return text.contains(part)
    }
    let t = Array(text.utf8)
    let p = Array(part.utf8)
    guard !p.isEmpty else { return false }
    guard p.count <= t.count else { return false }
    for start in 0...(t.count - p.count) where t[start] == p[0] {
      if t[start..<(start + p.count)].elementsEqual(p) { return true }
    }
    return false
  }

  /// Lowercased words: split on anything not a letter or digit, at lower→upper case changes and
  /// at letter→digit changes (`CacheWrite1hInputTokenCount` → cache write 1h input token count;
  /// `1MonthCommit` → 1month commit). Works on UTF-8 bytes: ASCII letters and digits form words,
  /// non-ASCII bytes are kept inside words as they are.
  static func words(_ text: String) -> [String] {
    var result: [String] = []
    forEachWord(text) { result.append(String(decoding: $0, as: UTF8.self)) }
    return result
  }

  /// The words of a description's core (``descriptionCore(_:)``) that some rule looks for
  /// (``ruleWords``), in order: `words(descriptionCore(d)).filter(ruleWords.contains)`, without
  /// making a string of the words no rule can name (region names, prices).
  static func descriptionRuleWords(_ description: String) -> [String] {
    var found: [String] = []
    forEachWord(descriptionCore(description)) { word in
      let n = word.count
      if n < 64, ruleWordShapes[Int(word[0])] & (1 << UInt64(n)) == 0 { return }
      let text = String(decoding: word, as: UTF8.self)
      if ruleWords.contains(text) { found.append(text) }
    }
    return found
  }

  /// Per first byte, a bit for the byte length of each rule word starting with it (lengths
  /// below 64): a word whose bit is clear is no rule word.
  static let ruleWordShapes: [UInt64] = {
    var shapes = [UInt64](repeating: 0, count: 256)
    for word in ruleWords {
      let bytes = Array(word.utf8)
      guard let first = bytes.first else { continue }
      // A longer word is always checked against the set (its shape is not recorded).
      if bytes.count < 64 { shapes[Int(first)] |= 1 << UInt64(bytes.count) }
    }
    return shapes
  }()

  /// Calls `body` with the lowercased bytes of each word of `text`, as ``words(_:)`` splits it.
  static func forEachWord(_ text: String, _ body: ([UInt8]) -> Void) {
    var current: [UInt8] = []
    current.reserveCapacity(24)
    var previous: UInt8 = 0  // 0: none; otherwise the previous byte of the word
    func flush() {
      if !current.isEmpty { body(current) }
      current.removeAll(keepingCapacity: true)
    }
    for byte in text.utf8 {
      let upper = byte >= 65 && byte <= 90
      let lower = byte >= 97 && byte <= 122
      let digit = byte >= 48 && byte <= 57
      guard upper || lower || digit || byte >= 0x80 else {
        flush()
        previous = 0
        continue
      }
      let prevLower = previous >= 97 && previous <= 122
      let prevLetter = prevLower || (previous >= 65 && previous <= 90)
      if (prevLower && upper) || (prevLetter && digit) { flush() }
      current.append(upper ? byte + 32 : byte)
      previous = byte
    }
    flush()
  }

  /// The words after the first of `markers` in `tail` (case-insensitive), joined with `-`.
  static func detail(_ tail: String, after markers: [String]) -> String {
    let lower = tail.lowercased()
    for marker in markers {
      guard let range = lower.range(of: marker) else { continue }
      let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
      let rest = String(tail.dropFirst(offset))
      return words(rest).filter { !detailStopWords.contains($0) }.joined(separator: "-")
    }
    return ""
  }
}
