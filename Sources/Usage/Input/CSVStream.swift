import Foundation
import Pricing

/// One field of a CSV record: a byte range of the stream's buffer, and whether it holds `""`
/// escapes.
struct CSVField {
  var start: Int
  var end: Int
  var escaped: Bool
}

/// One CSV record, valid only inside the callback that receives it: its fields are byte ranges
/// of the stream's buffer, made into strings only when a reader asks for them.
public struct CSVRecord {
  let bytes: UnsafeBufferPointer<UInt8>
  let fields: [CSVField]
  /// The line the record starts on (1-based; the header is line 1).
  public let line: Int

  /// Number of fields.
  public var count: Int { fields.count }

  /// True when field `i` is absent or empty.
  public func isEmpty(_ i: Int) -> Bool { i >= fields.count || fields[i].start == fields[i].end }

  /// The bytes of field `i` as they stand in the file (escapes included).
  func raw(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[fields[i].start..<fields[i].end])
  }

  /// Field `i` as text (`""` when the record is shorter).
  public func string(_ i: Int) -> String {
    guard i < fields.count else { return "" }
    let slice = raw(i)
    guard fields[i].escaped else { return String(decoding: slice, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(slice.count)
    var k = 0
    while k < slice.count {
      out.append(slice[k])
      if slice[k] == CSVStream.quote, k + 1 < slice.count, slice[k + 1] == CSVStream.quote { k += 1 }
      k += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// True when field `i` is exactly `text` (ASCII), compared without making a string.
  public func equals(_ i: Int, _ text: StaticString) -> Bool {
    guard i < fields.count, !fields[i].escaped else { return i < fields.count && string(i) == "\(text)" }
    let field = raw(i)
    guard field.count == text.utf8CodeUnitCount else { return false }
    let p = text.utf8Start
    for k in 0..<field.count where field[k] != p[k] { return false }
    return true
  }
}

/// A streamed RFC 4180 reader: quoted fields (with `""` escapes and line breaks inside), CRLF or
/// LF line ends, a UTF-8 byte-order mark dropped. Holds one chunk and one partial record at a
/// time, whatever the file's size. Fields are scanned eight bytes at a time.
struct CSVStream {
  static let quote = UInt8(ascii: "\"")
  static let comma = UInt8(ascii: ",")
  static let newline = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")

  let input: UsageInput
  private var fields: [CSVField] = []
  /// The line the next record starts on.
  private(set) var line = 1

  init(input: UsageInput) {
    self.input = input
    fields.reserveCapacity(128)
  }

  /// Calls `body` with each record in order (blank lines included, as one empty field).
  mutating func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
    var buffer: [UInt8] = []
    var eof = false
    var first = true
    while true {
      if let chunk = try nextChunk() {
        if buffer.isEmpty { buffer = chunk } else { buffer.append(contentsOf: chunk) }
        if first {
          first = false
          if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
        }
      } else {
        eof = true
      }
      var consumed = 0
      try buffer.withUnsafeBufferPointer { buf in
        while consumed < buf.count {
          guard let (next, newlines) = try scanRecord(buf, from: consumed, eof: eof) else { break }
          try body(CSVRecord(bytes: buf, fields: fields, line: line))
          line += newlines
          consumed = next
        }
      }
      if eof { return }
      if consumed == buffer.count {
        buffer.removeAll(keepingCapacity: true)
      } else if consumed > 0 {
        buffer.removeSubrange(0..<consumed)
      }
    }
  }

  private func nextChunk() throws -> [UInt8]? {
    do {
      return try input.nextChunk()
    } catch UsageError.malformed(let file, nil, nil, let reason) {
      throw UsageError.malformed(file: file, line: line, column: nil, reason: reason)
    }
  }

  /// The index of the first byte from `from` that is `a` or `b`, or `n`: eight bytes at a time
  /// (a word's bytes equal to `a` or `b` found by the has-zero-byte bit trick; the lowest flagged
  /// byte is always a true match).
  @inline(__always)
  static func find(_ a: UInt8, _ b: UInt8, in buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    let n = buf.count
    var i = from
    if let base = buf.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      let pa = UInt64(a) &* ones
      let pb = UInt64(b) &* ones
      while i + 8 <= n {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let x = w ^ pa
        let y = w ^ pb
        let m = (((x &- ones) & ~x) | ((y &- ones) & ~y)) & highs
        if m != 0 { return i + m.trailingZeroBitCount >> 3 }
        i += 8
      }
    }
    while i < n, buf[i] != a, buf[i] != b { i += 1 }
    return i
  }

  /// Scans one record from `from`; nil when it is not complete in `buf` and more bytes may come.
  /// Returns the index after the record and the number of line breaks it spans.
  private mutating func scanRecord(_ buf: UnsafeBufferPointer<UInt8>, from: Int, eof: Bool) throws -> (Int, Int)? {
    fields.removeAll(keepingCapacity: true)
    let n = buf.count
    var i = from
    var newlines = 0
    while true {
      if i == n {
        guard eof else { return nil }
        // A record ended by the end of the file, or an empty last field after a comma.
        fields.append(CSVField(start: i, end: i, escaped: false))
        return (n, newlines)
      }
      if buf[i] == Self.quote {
        i += 1
        let s = i
        var esc = false
        while true {
          i = Self.find(Self.quote, Self.newline, in: buf, from: i)
          if i == n {
            guard eof else { return nil }
            throw UsageError.malformed(
              file: input.uri, line: line, column: "\(fields.count + 1)",
              reason: "a quoted field is not closed before the end of the file")
          }
          if buf[i] == Self.newline {
            newlines += 1
            i += 1
            continue
          }
          if i + 1 < n, buf[i + 1] == Self.quote {
            esc = true
            i += 2
            continue
          }
          if i + 1 == n, !eof { return nil }
          break
        }
        fields.append(CSVField(start: s, end: i, escaped: esc))
        i += 1
        if i == n {
          guard eof else { return nil }
          return (n, newlines)
        }
        let c = buf[i]
        if c == Self.comma {
          i += 1
          continue
        }
        if c == Self.cr {
          if i + 1 == n {
            guard eof else { return nil }
            return (n, newlines)
          }
          if buf[i + 1] == Self.newline { return (i + 2, newlines + 1) }
        } else if c == Self.newline {
          return (i + 1, newlines + 1)
        }
        throw UsageError.malformed(
          file: input.uri, line: line + newlines, column: "\(fields.count)",
          reason: "text after the closing quote of a quoted field")
      }
      let s = i
      i = Self.find(Self.comma, Self.newline, in: buf, from: i)
      if i == n, !eof { return nil }
      var e = i
      if e > s, buf[e - 1] == Self.cr { e -= 1 }
      fields.append(CSVField(start: s, end: e, escaped: false))
      if i == n { return (n, newlines) }
      if buf[i] == Self.comma {
        i += 1
        continue
      }
      return (i + 1, newlines + 1)
    }
  }
}

/// A streamed splitter of newline-separated lines (JSON lines), with their line numbers.
struct LineStream {
  let input: UsageInput

  /// Calls `body` with each line's bytes (without the line break) and its 1-based number.
  func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
    var buffer: [UInt8] = []
    var line = 1
    while true {
      let chunk: [UInt8]?
      do {
        chunk = try input.nextChunk()
      } catch UsageError.malformed(let file, nil, nil, let reason) {
        throw UsageError.malformed(file: file, line: line, column: nil, reason: reason)
      }
      let eof = chunk == nil
      if let chunk { buffer.append(contentsOf: chunk) }
      var consumed = 0
      try buffer.withUnsafeBufferPointer { buf in
        var i = 0
        while i < buf.count {
          guard let nl = (i..<buf.count).first(where: { buf[$0] == CSVStream.newline }) else { break }
          var e = nl
          if e > i, buf[e - 1] == CSVStream.cr { e -= 1 }
          try body(UnsafeBufferPointer(rebasing: buf[i..<e]), line)
          line += 1
          i = nl + 1
        }
        consumed = i
        if eof, i < buf.count {
          try body(UnsafeBufferPointer(rebasing: buf[i..<buf.count]), line)
          consumed = buf.count
        }
      }
      if eof { return }
      buffer.removeSubrange(0..<consumed)
    }
  }
}

extension CSVRecord {
  /// Field `i` as an exact decimal read from its bytes (``ExactValue/init(bytes:)``);
  /// `.some(nil)` when the field is empty, nil when it is not a plain decimal.
  public func decimal(_ i: Int) -> ExactValue?? {
    guard !isEmpty(i) else { return .some(nil) }
    if fields[i].escaped { return ExactValue(text: string(i)).map { .some($0) } }
    return ExactValue(bytes: raw(i)).map { .some($0) }
  }

  /// Appends the raw bytes of `columns` to `key`, each behind its length: equal keys are equal
  /// texts in those columns.
  func appendKey(_ columns: [Int], to key: inout [UInt8]) {
    for i in columns {
      let field = i < fields.count ? raw(i) : UnsafeBufferPointer(start: nil, count: 0)
      withUnsafeBytes(of: UInt32(truncatingIfNeeded: field.count).littleEndian) { key.append(contentsOf: $0) }
      key.append(contentsOf: field)
    }
  }

  /// The record with every field outside `columns` read as empty.
  func keeping(_ columns: [Int]) -> CSVRecord {
    var kept = [CSVField](repeating: CSVField(start: 0, end: 0, escaped: false), count: fields.count)
    for i in columns where i < fields.count { kept[i] = fields[i] }
    return CSVRecord(bytes: bytes, fields: kept, line: line)
  }
}
