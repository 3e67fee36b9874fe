/// Decoding of string and number entries of a tape into Swift text.
enum JSONText {
  /// The text of a string entry, escapes decoded (the parser has validated them).
  static func string(_ entry: JSONEntry, in b: UnsafeBufferPointer<UInt8>) -> String {
    let start = Int(entry.start)
    let end = Int(entry.end)
    let raw = UnsafeBufferPointer(rebasing: b[start..<end])
    guard entry.escaped else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var k = 0
    let n = raw.count
    while k < n {
      let c = raw[k]
      guard c == UInt8(ascii: "\\") else {
        out.append(c)
        k += 1
        continue
      }
      let e = raw[k + 1]
      k += 2
      switch e {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = hex(raw, k)
        k += 4
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          let low = hex(raw, k + 2)
          k += 6
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        appendUTF8(UInt32(scalar), to: &out)
      default: out.append(e)  // \" \\ \/
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The exact source text of a number (or any scalar) entry.
  static func raw(_ entry: JSONEntry, in b: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[Int(entry.start)..<Int(entry.end)]), as: UTF8.self)
  }

  private static func hex(_ raw: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
    var v = 0
    for m in k..<(k + 4) { v = v << 4 | (JSONParser.hexValue(raw[m]) ?? 0) }
    return v
  }

  private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80: out.append(UInt8(v))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (v >> 18)))
      out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }
}
