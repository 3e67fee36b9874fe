import Foundation
import Pricing

/// Aligned columns for people. Numbers right-aligned: a column is numeric when every cell is a
/// number, a plain decimal amount written as text (rounded money), or empty.
public struct TableFormatter: BufferedFormatter {
  public init() {}

  /// One shown cell: its text and its width in characters.
  struct Shown {
    var text: String
    var width: Int
  }

  static func render(_ report: Report, into out: inout UTF8Buffer, flush: (inout UTF8Buffer) -> Void) {
    guard let first = report.records.first else {
      out.append("(no rows)\n")
      for line in report.footer {
        out.append(line)
        out.append(0x0A)
      }
      return
    }
    let keys = report.tableColumns ?? first.fields.map(\.key)
    var numeric = [Bool](repeating: true, count: keys.count)
    var widths = keys.map(width)
    var rows: [[Shown]] = []
    rows.reserveCapacity(report.records.count)
    for record in report.records {
      var row: [Shown] = []
      row.reserveCapacity(keys.count)
      for (i, key) in keys.enumerated() {
        let cell = lookup(record, key, at: i)
        if let cell, !Self.alignsRight(cell) { numeric[i] = false }
        let text =
          report.groupedColumns.contains(key)
          ? grouped(cell) : report.moneyColumns.contains(key) ? money(cell) : sanitize(cell?.plain ?? "")
        let w = width(text)
        widths[i] = max(widths[i], w)
        row.append(Shown(text: text, width: w))
      }
      rows.append(row)
    }
    func line(_ cells: [Shown]) {
      let start = out.bytes.count
      for (i, c) in cells.enumerated() {
        if i > 0 { out.appendSpaces(2) }
        let pad = widths[i] - c.width
        if numeric[i] {
          out.appendSpaces(pad)
          out.append(c.text)
        } else {
          out.append(c.text)
          out.appendSpaces(pad)
        }
      }
      // Lines end at their last visible column.
      while out.bytes.count > start, out.bytes[out.bytes.count - 1] == 0x20 { out.bytes.removeLast() }
      out.append(0x0A)
    }
    line(keys.map { Shown(text: $0, width: width($0)) })
    line(widths.map { Shown(text: String(repeating: "-", count: $0), width: $0) })
    for row in rows {
      line(row)
      if out.bytes.count >= UTF8Buffer.chunk { flush(&out) }
    }
    for f in report.footer {
      out.append(f)
      out.append(0x0A)
      if out.bytes.count >= UTF8Buffer.chunk { flush(&out) }
    }
  }

  /// True for a cell that does not stop its column from being right-aligned.
  static func alignsRight(_ cell: Cell) -> Bool {
    switch cell {
    case .integer, .decimal, .null: return true
    case .text(let t):
      guard !t.isEmpty else { return true }
      var digits = 0
      var dots = 0
      for (k, b) in t.utf8.enumerated() {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
        case UInt8(ascii: "."): dots += 1
        case UInt8(ascii: ",") where digits > 0 && dots == 0: continue
        case UInt8(ascii: "-") where k == 0: continue
        default: return false
        }
      }
      return digits > 0 && dots <= 1
    default: return false
    }
  }

  /// An exact amount in cents, half away from zero, thousands separated; any other cell as plain text.
  static func money(_ cell: Cell?) -> String {
    guard case .decimal(let d) = cell else { return sanitize(cell?.plain ?? "") }
    return ExactDecimal.grouped(ExactDecimal.format(d, scale: 2))
  }

  /// A whole number with a comma every three digits (`1,440,000,000`); any other cell as plain text.
  static func grouped(_ cell: Cell?) -> String {
    let digits: String
    switch cell {
    case .integer(let i): digits = String(i.magnitude)
    case .decimal(let d) where d == ExactDecimal.round(d, scale: 0): digits = d.magnitude.exactText
    default: return sanitize(cell?.plain ?? "")
    }
    var out = ""
    for (k, c) in digits.enumerated() {
      if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    let negative: Bool
    switch cell {
    case .integer(let i): negative = i < 0
    case .decimal(let d): negative = d < 0
    default: negative = false
    }
    return negative ? "-" + out : out
  }

  /// The cell under `key` (usually at position `i`, as in the first record).
  static func lookup(_ record: Record, _ key: String, at i: Int) -> Cell? {
    if i < record.fields.count, record.fields[i].key == key { return record.fields[i].value }
    return record[key]
  }

  /// Width in characters (bytes for ASCII text).
  static func width(_ s: String) -> Int {
    var s = s
    let ascii = s.withUTF8 { $0.allSatisfy { $0 < 0x80 } }
    return ascii ? s.utf8.count : s.count
  }

  /// Control characters from sheets never reach the terminal.
  static func sanitize(_ s: String) -> String {
    var s = s
    let clean = s.withUTF8 { $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    if clean { return s }
    guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      return s
    }
    return String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
  }
}
