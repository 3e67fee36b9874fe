import Yams

/// Counts the nodes a YAML text expands to, an alias counting as every node of its anchor, and
/// refuses the text once the count passes the budget, before Yams composes the text itself. Yams
/// hashes each mapping key while composing (its duplicate-key check), so a key that is an alias of
/// a "billion laughs" anchor would otherwise hang the parser before any later budget is looked at.
///
/// Through Yams' public API only: every `*` of the text is replaced by a character of its own that
/// the text does not hold (Unicode private use), so each alias `*name` becomes a plain scalar of
/// the same length, on the same line and column, and the copy composes without any alias to
/// expand: every node in it, mapping keys included, is as small as its text. The copy's tree is
/// then walked in document order, an anchored node's size kept for the aliases after it.
enum AliasBudget {
  /// Throws at the node that takes the count past `budget`, with that node's line and column (for
  /// an alias, the alias's own). A text without `*` holds no alias and is left to Yams, as are
  /// texts Yams cannot read (the copy's errors are the text's, at the same places).
  static func check(_ text: String, budget: Int, file: String) throws {
    guard text.utf8.contains(UInt8(ascii: "*")) else { return }
    var markers = Markers(avoiding: text)
    var copy = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "*" {
        guard let marker = markers.next() else {
          throw ProfileError(SourceMark(file: file, line: 1, column: 1), "too many '*' characters in one file")
        }
        copy.append(marker)
      } else {
        copy.append(scalar)
      }
    }
    var count = Count(budget: budget, file: file, markers: markers)
    do {
      var documents = try Yams.compose_all(yaml: String(copy), .basic)
      while let document = documents.next() {
        count.sizes = [:]  // anchors do not cross a document boundary
        _ = try count.visit(document)
      }
      if let error = documents.error { throw error }
    } catch let error as YamlError {
      throw ProfileParser.yamlError(error, file: file)
    }
  }

  /// Characters of the private-use planes the text does not hold, one per `*`.
  struct Markers {
    private let used: Set<Unicode.Scalar>
    private var ranges: [ClosedRange<UInt32>] = [0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD]
    private var nextValue: UInt32 = 0xE000

    init(avoiding text: String) {
      used = Set(text.unicodeScalars.lazy.filter { Self.isPrivateUse($0.value) })
    }

    static func isPrivateUse(_ v: UInt32) -> Bool {
      (0xE000...0xF8FF).contains(v) || (0xF0000...0xFFFFD).contains(v) || (0x100000...0x10FFFD).contains(v)
    }

    /// True for a character this type handed out: a `*` of the text.
    func isMarker(_ scalar: Unicode.Scalar) -> Bool { Self.isPrivateUse(scalar.value) && !used.contains(scalar) }

    mutating func next() -> Unicode.Scalar? {
      while let range = ranges.first {
        if nextValue < range.lowerBound { nextValue = range.lowerBound }
        guard nextValue <= range.upperBound else {
          ranges.removeFirst()
          continue
        }
        let scalar = Unicode.Scalar(nextValue)!
        nextValue += 1
        if !used.contains(scalar) { return scalar }
      }
      return nil
    }
  }

  /// The running count over the copy's tree.
  struct Count {
    let budget: Int
    let file: String
    let markers: Markers
    /// Nodes each anchor expands to, set when its node is complete.
    var sizes: [String: Int] = [:]
    private var total = 0

    init(budget: Int, file: String, markers: Markers) {
      self.budget = budget
      self.file = file
      self.markers = markers
    }

    /// Counts `node` and returns the nodes it expands to.
    mutating func visit(_ node: Node) throws -> Int {
      var size = 1
      switch node {
      case .scalar(let scalar):
        if scalar.style == .plain, let first = scalar.string.unicodeScalars.first, markers.isMarker(first) {
          let name = scalar.string.unicodeScalars.dropFirst().prefix { Self.isAnchorCharacter($0) }
          size = sizes[String(String.UnicodeScalarView(name))] ?? 1
        }
        try add(size, at: node)
      case .sequence(let sequence):
        try add(1, at: node)
        for child in sequence { size += try visit(child) }
      case .mapping(let mapping):
        try add(1, at: node)
        for (key, value) in mapping {
          size += try visit(key)
          size += try visit(value)
        }
      case .alias:
        try add(1, at: node)
      }
      if let anchor = node.anchor { sizes[anchor.rawValue] = size }
      return size
    }

    private mutating func add(_ n: Int, at node: Node) throws {
      total += n
      guard total > budget else { return }
      throw ProfileError(
        SourceMark(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1),
        "document too large: more than \(budget) nodes once anchors and aliases are expanded (alias bomb?)")
    }

    /// The characters libyaml allows in an anchor's name.
    static func isAnchorCharacter(_ s: Unicode.Scalar) -> Bool {
      switch s {
      case "0"..."9", "a"..."z", "A"..."Z", "_", "-": true
      default: false
      }
    }
  }
}
