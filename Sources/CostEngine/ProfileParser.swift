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

  public init() {}

  /// Parses every profile in `text` (named `file` in errors).
  public func parse(_ text: String, file: String) throws -> [Profile] {
    guard text.utf8.count <= maxBytes else {
      throw ProfileError(SourceMark(file: file, line: 1, column: 1), "file larger than \(maxBytes) bytes")
    }
    var budget = text.utf8.count * nodeBudgetPerByte + 10_000
    var documents: [Node] = []
    do {
      var sequence = try Yams.compose_all(yaml: text, .basic)  // no implicit-tag regexes: the reader reads strings
      while let node = sequence.next() { documents.append(node) }
      if let error = sequence.error { throw error }
    } catch let error as YamlError {
      throw Self.yamlError(error, file: file)
    }
    var profiles: [Profile] = []
    var names: [String: SourceMark] = [:]
    for document in documents {
      var reader = NodeReader(file: file, budget: budget)
      let items: [Node]
      if case .sequence(let seq) = document {
        items = Array(seq)
      } else if case .scalar(let s) = document, s.string.isEmpty || s.string == "~" {
        items = []
      } else {
        items = [document]
      }
      for item in items {
        let profile = try reader.profile(item)
        if let previous = names[profile.name] {
          throw ProfileError(
            profile.origin ?? reader.mark(item),
            "profile name '\(profile.name)' already used at \(previous)")
        }
        names[profile.name] = profile.origin
        profiles.append(profile)
      }
      budget = reader.budget
    }
    return profiles
  }

  /// Reads and parses a profile file.
  public func parseFile(_ path: String) throws -> [Profile] {
    let url = URL(fileURLWithPath: path)
    let mark = SourceMark(file: path, line: 1, column: 1)
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
      size > maxBytes
    {
      throw ProfileError(mark, "file larger than \(maxBytes) bytes")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ProfileError(mark, "cannot read: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ProfileError(mark, "not UTF-8 text")
    }
    return try parse(text, file: path)
  }

  static func yamlError(_ error: YamlError, file: String) -> ProfileError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return ProfileError(SourceMark(file: file, line: mark.line, column: mark.column), "YAML: \(problem)")
    default:
      return ProfileError(SourceMark(file: file, line: 1, column: 1), "YAML: \(error)")
    }
  }
}
