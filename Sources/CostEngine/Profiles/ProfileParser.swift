import Foundation
import Pricing
import Yams

/// Reads workload profiles from YAML: one profile per document, several documents (`---`) or a
/// top-level list per file. Built on Yams' node API so every error names file, line and column.
///
/// Limits against hostile input: the file size, and the number of nodes visited (an alias counts
/// as the nodes it expands to), so an anchor/alias "billion laughs" document is refused.
public struct ProfileParser: Sendable {
  /// Largest file accepted, in bytes.
  public var maxBytes = 16 * 1024 * 1024
  /// Nodes visited per file, beyond which the document is refused: 4 x its size + 10,000.
  public var nodeBudgetPerByte = 4
  /// Files with at least this many profiles are read on every core.
  static let parallelFrom = 64
  /// Compose large files in pieces on every core (tests turn it off to compare with one pass).
  var parallelCompose = true

  public init() {}

  /// Parses every profile in `text` (named `file` in errors).
  public func parse(_ text: String, file: String) throws -> [Profile] {
    guard text.utf8.count <= maxBytes else {
      throw ProfileError(SourceMark(file: file, line: 1, column: 1), "file larger than \(maxBytes) bytes")
    }
    let budget = text.utf8.count * nodeBudgetPerByte + 10_000
    // The alias budget first: composing an alias bomb would hang before any later check.
    try AliasBudget.check(text, budget: budget, file: file)
    let documents: [Node]
    if parallelCompose, let pieces = Self.composeInParallel(text) {
      documents = pieces
    } else {
      do {
        documents = try Self.compose(text)
      } catch let error as YamlError {
        throw Self.yamlError(error, file: file)
      }
    }
    var items: [Node] = []
    for document in documents {
      if case .sequence(let seq) = document {
        items.append(contentsOf: seq)
      } else if case .scalar(let s) = document, s.string.isEmpty || s.string == "~" {
        continue
      } else {
        items.append(document)
      }
    }
    // Every item is sized and read on every core for large files; the node budget is then spent
    // in file order (the first profile that would exceed it is refused), and errors and repeated
    // names are reported in file order, as a sequential read would.
    let box = UncheckedNodes(items)
    let sizes = ResultSlots<Int>(count: items.count)
    let results = ResultSlots<Profile>(count: items.count)
    let read = { @Sendable (k: Int) in
      sizes.set(k, .success(NodeReader.nodeCount(box.nodes[k], atMost: budget + 1)))
      let reader = NodeReader(file: file, budget: .max)
      results.set(k, Result { try reader.profileFields(box.nodes[k]) })
    }
    if items.count >= Self.parallelFrom {
      DispatchQueue.concurrentPerform(iterations: items.count, execute: read)
    } else {
      for k in items.indices { read(k) }
    }
    var counter = NodeReader(file: file, budget: budget)
    var limit = items.count
    var budgetError: (any Error)?
    for k in items.indices {
      do {
        try counter.spend(try sizes.result(k).get(), for: items[k])
      } catch {
        limit = k
        budgetError = error
        break
      }
    }
    var profiles: [Profile] = []
    profiles.reserveCapacity(limit)
    var names: [String: SourceMark] = [:]
    for k in 0..<limit {
      let profile = try results.result(k).get()
      if let previous = names[profile.name] {
        throw ProfileError(
          profile.origin ?? counter.mark(items[k]),
          "profile name '\(profile.name)' already used at \(previous)")
      }
      names[profile.name] = profile.origin
      profiles.append(profile)
    }
    if let budgetError { throw budgetError }
    return profiles
  }

  /// Every document of `text`, composed by Yams with the `basic` resolver (no implicit-tag
  /// regexes: the reader reads strings).
  static func compose(_ text: String) throws -> [Node] {
    var documents: [Node] = []
    var sequence = try Yams.compose_all(yaml: text, .basic)
    while let node = sequence.next() { documents.append(node) }
    if let error = sequence.error { throw error }
    return documents
  }

  /// Composes a file of many documents on every core: the text is cut at document-start lines
  /// (`---` at column 1, which ends any scalar in YAML) into a few pieces per worker, each piece
  /// preceded by as many empty lines as come before it so that every node keeps its line in the
  /// file. Nil for a small file or when a piece does not compose (the whole text is then composed
  /// in one pass, which reports any error as usual). Anchors and aliases cannot cross a document
  /// boundary, so pieces compose as the whole would.
  static func composeInParallel(_ text: String) -> [Node]? {
    let workers = ProcessInfo.processInfo.activeProcessorCount
    guard workers > 1 else { return nil }
    // Byte offset and line number of every document-start line.
    var starts: [(offset: Int, line: Int)] = []
    var t = text
    t.withUTF8 { b in
      var line = 1
      var i = 0
      let n = b.count
      while i < n {
        if b[i] == 0x2D, i + 2 < n, b[i + 1] == 0x2D, b[i + 2] == 0x2D,
          i + 3 == n || b[i + 3] == 0x0A || b[i + 3] == 0x0D || b[i + 3] == 0x20 || b[i + 3] == 0x09
        {
          starts.append((i, line))
        }
        while i < n, b[i] != 0x0A { i += 1 }
        i += 1
        line += 1
      }
    }
    guard starts.count >= parallelFrom else { return nil }
    let pieces = min(workers * 2, starts.count / 16)
    var cuts: [(offset: Int, line: Int)] = [(0, 1)]
    for k in 1..<pieces {
      let s = starts[starts.count * k / pieces]
      if s.offset > cuts[cuts.count - 1].offset { cuts.append(s) }
    }
    let utf8 = Array(text.utf8)
    let texts: [String] = cuts.indices.map { k in
      let from = cuts[k].offset
      let to = k + 1 < cuts.count ? cuts[k + 1].offset : utf8.count
      return String(repeating: "\n", count: cuts[k].line - 1) + String(decoding: utf8[from..<to], as: UTF8.self)
    }
    let results = ResultSlots<UncheckedNodes>(count: texts.count)
    DispatchQueue.concurrentPerform(iterations: texts.count) { k in
      results.set(k, Result {
        UncheckedNodes(try compose(texts[k]))
      })
    }
    var documents: [Node] = []
    for k in texts.indices {
      guard case .success(let piece) = results.result(k) else { return nil }
      documents += piece.nodes
    }
    return documents
  }

  /// Reads and parses a profile file. A file that cannot be read, or holds no profile, is a
  /// ``ProfileFileError``.
  public func parseFile(_ path: String) throws -> [Profile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ProfileFileError(file: path, "no such file")
    }
    guard !isDirectory.boolValue else { throw ProfileFileError(file: path, "it is a directory, not a profile file") }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
      throw ProfileFileError(file: path, "file larger than \(maxBytes) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ProfileFileError(file: path, FileManager.default.isReadableFile(atPath: path) ? "read error" : "permission denied")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw ProfileFileError(file: path, "not UTF-8 text") }
    let profiles = try parse(text, file: path)
    guard !profiles.isEmpty else { throw ProfileFileError(file: path, "no profile in the file (it is empty)") }
    return profiles
  }

  /// Every profile of `paths`, in order; a profile name used twice, in one file or in two, is an
  /// error at its second use.
  public func parseFiles(_ paths: [String]) throws -> [Profile] {
    var profiles: [Profile] = []
    var names: [String: SourceMark] = [:]
    for path in paths {
      for profile in try parseFile(path) {
        let at = profile.origin ?? SourceMark(file: path, line: 1, column: 1)
        if let previous = names[profile.name] {
          throw ProfileError(at, "profile name '\(profile.name)' already used at \(previous)")
        }
        names[profile.name] = at
        profiles.append(profile)
      }
    }
    return profiles
  }

  static func yamlError(_ error: YamlError, file: String) -> ProfileError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return ProfileError(SourceMark(file: file, line: mark.line, column: mark.column), "YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
      return ProfileError(
        SourceMark(file: file, line: context.mark.line, column: context.mark.column),
        "YAML: key \(keys) repeated in this mapping (this is its first use)")
    default:
      return ProfileError(SourceMark(file: file, line: 1, column: 1), "YAML: \(error)")
    }
  }
}

/// Composed YAML nodes shared read-only by the parallel profile readers (Yams' `Node` is an
/// immutable value tree but not declared `Sendable`).
private struct UncheckedNodes: @unchecked Sendable {
  let nodes: [Node]
  init(_ nodes: [Node]) { self.nodes = nodes }
}
