import CYaml  // libyaml, as built by Yams: its event stream, read before Yams composes anything.

/// Counts the nodes a YAML text expands to, an alias counting as every node of its anchor, from
/// libyaml's event stream and without building anything. Run before composing: Yams hashes each
/// mapping key while composing (its duplicate-key check), so a key that is an alias of a
/// "billion laughs" anchor would otherwise hang the parser before any later budget is looked at.
enum AliasBudget {
  /// Throws at the event that takes the count past `budget`. Syntax errors are left to Yams, which
  /// reports them with their own line and column.
  static func check(_ text: String, budget: Int, file: String) throws {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    try bytes.withUnsafeMutableBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      var sizes: [String: Int] = [:]
      var open: [(anchor: String?, count: Int)] = []
      var total = 0
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return }
        defer { yaml_event_delete(&event) }
        let mark = SourceMark(
          file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        func add(_ n: Int) throws {
          let count: Int
          if open.isEmpty {
            total += n
            count = total
          } else {
            open[open.count - 1].count += n
            count = open[open.count - 1].count + total
          }
          if count > budget {
            throw ProfileError(
              mark,
              "document too large: more than \(budget) nodes once anchors and aliases are expanded (alias bomb?)"
            )
          }
        }
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return
        case YAML_SCALAR_EVENT:
          if let a = name(event.data.scalar.anchor) { sizes[a] = 1 }
          try add(1)
        case YAML_ALIAS_EVENT:
          try add(name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1)
        case YAML_SEQUENCE_START_EVENT:
          open.append((name(event.data.sequence_start.anchor), 1))
          try add(0)
        case YAML_MAPPING_START_EVENT:
          open.append((name(event.data.mapping_start.anchor), 1))
          try add(0)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let closed = open.popLast() else { return }
          if let a = closed.anchor { sizes[a] = closed.count }
          try add(closed.count)
        default:
          break
        }
      }
    }
  }

  private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }
}
