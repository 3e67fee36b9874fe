import Foundation

/// JSON for scripts: an array of objects, keys in report order, amounts as decimal strings.
/// Written byte by byte into one buffer (two-space indentation, `": "` after keys).
public struct JSONFormatter: BufferedFormatter {
  public init() {}

  /// Appends the document, calling `flush` between records once the buffer holds a chunk.
  static func render(_ report: Report, into out: inout UTF8Buffer, flush: (inout UTF8Buffer) -> Void) {
    out.append(UInt8(ascii: "["))
    for (i, record) in report.records.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out.append(0x0A)
      out.appendSpaces(2)
      object(record, indent: 2, into: &out)
      if out.bytes.count >= UTF8Buffer.chunk { flush(&out) }
    }
    out.append(report.records.isEmpty ? "]\n" : "\n]\n")
  }

  static func object(_ record: Record, indent: Int, into out: inout UTF8Buffer) {
    if record.fields.isEmpty {
      out.append("{}")
      return
    }
    out.append(UInt8(ascii: "{"))
    for (i, field) in record.fields.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out.append(0x0A)
      out.appendSpaces(indent + 2)
      quote(field.key, into: &out)
      out.append(UInt8(ascii: ":"))
      out.append(0x20)
      value(field.value, indent: indent + 2, into: &out)
    }
    out.append(0x0A)
    out.appendSpaces(indent)
    out.append(UInt8(ascii: "}"))
  }

  static func value(_ cell: Cell, indent: Int, into out: inout UTF8Buffer) {
    switch cell {
    case .text(let s): quote(s, into: &out)
    case .decimal(let d): quote(d.exactText, into: &out)
    case .integer(let i): out.appendInteger(i)
    case .bool(let b): out.append(b ? "true" : "false")
    case .null: out.append("null")
    case .list(let l):
      out.append(UInt8(ascii: "["))
      for (i, s) in l.enumerated() {
        if i > 0 { out.append(", ") }
        quote(s, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let r): object(r, indent: indent, into: &out)
    case .records(let rs):
      if rs.isEmpty {
        out.append("[]")
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, r) in rs.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out.append(0x0A)
        out.appendSpaces(indent + 2)
        object(r, indent: indent + 2, into: &out)
        out.flushIfFull()
      }
      out.append(0x0A)
      out.appendSpaces(indent)
      out.append(UInt8(ascii: "]"))
    }
  }

  /// A JSON string literal with RFC 8259 escapes.
  public static func quote(_ s: String) -> String {
    var out = UTF8Buffer()
    quote(s, into: &out)
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// Appends `s` as a JSON string literal: `"` `\` and the C0 controls escaped (`\n`, `\r`, `\t`,
  /// else `\u00XX`), and U+2028 / U+2029 as `\u2028` / `\u2029`.
  static func quote(_ s: String, into out: inout UTF8Buffer) {
    var s = s
    s.withUTF8 { bytes in
      out.append(0x22)
      var start = 0
      var i = 0
      let n = bytes.count
      while i < n {
        let b = bytes[i]
        // Most bytes need no escape: skip them without looking further.
        if b >= 0x20, b != 0x22, b != 0x5C, b != 0xE2 {
          i += 1
          continue
        }
        var escape: String?
        var skip = 1
        switch b {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x00..<0x20: escape = hex4(UInt32(b))
        case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
          escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
          skip = 3
        default: break
        }
        if let escape {
          out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
          out.append(escape)
          i += skip
          start = i
        } else {
          i += 1
        }
      }
      out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n]))
      out.append(0x22)
    }
  }

  /// `\uXXXX` with lowercase hex digits.
  static func hex4(_ v: UInt32) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var s = "\\u"
    for shift in stride(from: 12, through: 0, by: -4) {
      s.unicodeScalars.append(Unicode.Scalar(digits[Int((v >> UInt32(shift)) & 0xF)]))
    }
    return s
  }
}
