import Foundation

/// JSON for scripts: an array of objects, keys in report order, amounts as decimal strings.
public struct JSONFormatter: OutputFormatter {
  public init() {}

  public func render(_ report: Report, to write: (String) -> Void) throws {
    write("[")
    for (i, record) in report.records.enumerated() {
      write(i == 0 ? "\n  " : ",\n  ")
      write(Self.object(record, indent: 2))
    }
    write(report.records.isEmpty ? "]\n" : "\n]\n")
  }

  static func object(_ record: Record, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent + 2)
    let close = String(repeating: " ", count: indent)
    if record.fields.isEmpty { return "{}" }
    let body = record.fields.map { "\(pad)\(quote($0.key)): \(value($0.value, indent: indent + 2))" }
    return "{\n" + body.joined(separator: ",\n") + "\n\(close)}"
  }

  static func value(_ cell: Cell, indent: Int) -> String {
    switch cell {
    case .text(let s): quote(s)
    case .decimal(let d): quote(d.exactText)
    case .integer(let i): String(i)
    case .bool(let b): b ? "true" : "false"
    case .null: "null"
    case .list(let l): "[" + l.map(quote).joined(separator: ", ") + "]"
    case .object(let r): object(r, indent: indent)
    case .records(let rs):
      rs.isEmpty
        ? "[]"
        : "[\n" + rs.map { String(repeating: " ", count: indent + 2) + object($0, indent: indent + 2) }
          .joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
    }
  }

  /// A JSON string literal with RFC 8259 escapes.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
