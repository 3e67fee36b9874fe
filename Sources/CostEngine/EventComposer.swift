import CYaml  // libyaml, as built by Yams
import Yams

/// Composes plain YAML documents into Yams nodes straight from libyaml's events, the same nodes
/// `Yams.compose_all(yaml:_:)` with the `basic` resolver builds (string, style, tag name, mark),
/// without its per-event objects and per-mapping duplicate grouping.
///
/// Returns nil for anything beyond plain documents (an anchor, an alias, an explicit tag, a
/// non-scalar key, a key repeated in a mapping, a syntax error): the caller then composes through
/// Yams, which refuses or resolves those exactly as before. Without anchors and aliases a document
/// cannot expand past the alias budget, so that check is not needed on this path.
enum EventComposer {
  /// Yams keeps `Mark`'s initializer internal; its two stored properties are public `Int`s, laid
  /// out as a pair. `mark(line:column:)` builds one from that pair, and `marksWork` checks once
  /// that it reads back as written (otherwise this composer is not used).
  static func mark(line: Int, column: Int) -> Mark {
    unsafeBitCast((line, column), to: Mark.self)
  }

  static let marksWork: Bool = {
    guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size else { return false }
    let m = mark(line: 12345, column: 678)
    return m.line == 12345 && m.column == 678
  }()

  static func compose(_ text: String) -> [Node]? {
    guard marksWork else { return nil }
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer -> [Node]? in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      // A tag object per node, as Yams builds them (an implicit tag resolves itself on first use),
      // with one resolver and constructor per document stream (`Constructor.default` builds anew).
      let resolver = Resolver.basic
      let constructor = Constructor.default
      func implicit() -> Tag { Tag(.implicit, resolver, constructor) }
      var documents: [Node] = []
      // Open containers (where their children start in `children`, and their first event), and
      // the finished children of every open container, in order.
      var open: [(isMapping: Bool, start: Int, mark: Mark)] = []
      var children: [Node] = []
      func add(_ node: Node) {
        if open.isEmpty { documents.append(node) } else { children.append(node) }
      }
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        let mark = Self.mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return open.isEmpty ? documents : nil
        case YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT, YAML_DOCUMENT_END_EVENT:
          continue
        case YAML_SCALAR_EVENT:
          let s = event.data.scalar
          guard s.anchor == nil, s.tag == nil || s.quoted_implicit == 1,
            let style = Node.Scalar.Style(rawValue: numericCast(s.style.rawValue))
          else { return nil }
          let string = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
          add(.scalar(.init(string, Tag(s.quoted_implicit == 1 ? .str : .implicit, resolver, constructor), style, mark)))
        case YAML_SEQUENCE_START_EVENT:
          guard event.data.sequence_start.anchor == nil, event.data.sequence_start.tag == nil else { return nil }
          open.append((false, children.count, mark))
        case YAML_MAPPING_START_EVENT:
          guard event.data.mapping_start.anchor == nil, event.data.mapping_start.tag == nil else { return nil }
          open.append((true, children.count, mark))
        case YAML_SEQUENCE_END_EVENT:
          guard let o = open.popLast(), !o.isMapping else { return nil }
          let nodes = Array(children[o.start...])
          children.removeSubrange(o.start...)
          // Yams reads the style from the end event, as here.
          let style = Node.Sequence.Style(rawValue: numericCast(event.data.sequence_start.style.rawValue)) ?? .any
          add(.sequence(.init(nodes, implicit(), style, o.mark)))
        case YAML_MAPPING_END_EVENT:
          guard let o = open.popLast(), o.isMapping, (children.count - o.start) % 2 == 0 else { return nil }
          var pairs: [(Node, Node)] = []
          pairs.reserveCapacity((children.count - o.start) / 2)
          var keys: [String] = []
          for i in stride(from: o.start, to: children.count, by: 2) {
            // Keys are plain text, each once (anything else: Yams decides).
            guard case .scalar(let k) = children[i], !keys.contains(k.string) else { return nil }
            keys.append(k.string)
            pairs.append((children[i], children[i + 1]))
          }
          children.removeSubrange(o.start...)
          let style = Node.Mapping.Style(rawValue: numericCast(event.data.mapping_start.style.rawValue)) ?? .any
          add(.mapping(.init(pairs, implicit(), style, o.mark)))
        default:
          return nil  // aliases and anything else: Yams decides
        }
      }
    }
  }
}
