import Foundation
import Pricing

/// One CSV record, valid only inside the callback that receives it: its fields are byte ranges
/// of the stream's buffer, made into strings only when a reader asks for them.
public struct CSVRecord {
  let bytes: UnsafeBufferPointer<UInt8>
  let starts: [Int]
  let ends: [Int]
  let escaped: [Bool]
  /// The line the record starts on (1-based; the header is line 1).
  public let line: Int

  /// Number of fields.
  public var count: Int { starts.count }

  /// True when field `i` is absent or empty.
  public func isEmpty(_ i: Int) -> Bool { i >= starts.count || starts[i] == ends[i] }

  /// Field `i` as text (`""` when the record is shorter).
  public func string(_ i: Int) -> String {
    guard i < starts.count else { return "" }
    let slice = UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]])
    guard escaped[i] else { return String(decoding: slice, as: UTF8.self) }
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
    guard i < starts.count, !escaped[i] else { return i < starts.count && string(i) == "\(text)" }
    let n = ends[i] - starts[i]
    guard n == text.utf8CodeUnitCount else { return false }
    let p = text.utf8Start
    for k in 0..<n where bytes[starts[i] + k] != p[k] { return false }
    return true
  }
}

/// A streamed RFC 4180 reader: quoted fields (with `""` escapes and line breaks inside), CRLF or
/// LF line ends, a UTF-8 byte-order mark dropped. Holds one chunk and one partial record at a
/// time, whatever the file's size.
struct CSVStream {
  static let quote = UInt8(ascii: "\"")
  static let comma = UInt8(ascii: ",")
  static let newline = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")

  let input: UsageInput
  private var starts: [Int] = []
  private var ends: [Int] = []
  private var escaped: [Bool] = []
  /// The line the next record starts on.
  private(set) var line = 1

  init(input: UsageInput) {
    self.input = input
    starts.reserveCapacity(128)
    ends.reserveCapacity(128)
    escaped.reserveCapacity(128)
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
          try body(CSVRecord(bytes: buf, starts: starts, ends: ends, escaped: escaped, line: line))
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

  /// Scans one record from `from`; nil when it is not complete in `buf` and more bytes may come.
  /// Returns the index after the record and the number of line breaks it spans.
  private mutating func scanRecord(_ buf: UnsafeBufferPointer<UInt8>, from: Int, eof: Bool) throws -> (Int, Int)? {
    starts.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    escaped.removeAll(keepingCapacity: true)
    let n = buf.count
    var i = from
    var newlines = 0
    while true {
      if i == n {
        guard eof else { return nil }
        // A record ended by the end of the file, or an empty last field after a comma.
        starts.append(i)
        ends.append(i)
        escaped.append(false)
        return (n, newlines)
      }
      if buf[i] == Self.quote {
        i += 1
        let s = i
        var esc = false
        while true {
          if i == n {
            guard eof else { return nil }
            throw UsageError.malformed(
              file: input.uri, line: line, column: "\(starts.count + 1)",
              reason: "a quoted field is not closed before the end of the file")
          }
          let c = buf[i]
          if c == Self.quote {
            if i + 1 < n, buf[i + 1] == Self.quote {
              esc = true
              i += 2
              continue
            }
            if i + 1 == n, !eof { return nil }
            break
          }
          if c == Self.newline { newlines += 1 }
          i += 1
        }
        starts.append(s)
        ends.append(i)
        escaped.append(esc)
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
          file: input.uri, line: line + newlines, column: "\(starts.count)",
          reason: "text after the closing quote of a quoted field")
      }
      let s = i
      while i < n {
        let c = buf[i]
        if c == Self.comma || c == Self.newline { break }
        i += 1
      }
      if i == n, !eof { return nil }
      var e = i
      if e > s, buf[e - 1] == Self.cr { e -= 1 }
      starts.append(s)
      ends.append(e)
      escaped.append(false)
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
  /// Field `i` as text, taken from `pool` when the same bytes were seen before (the columns of an
  /// export repeat a few values over millions of lines: one string each, not one per line).
  public func interned(_ i: Int, _ pool: inout StringPool) -> String {
    guard i < starts.count, !escaped[i] else { return string(i) }
    return pool.string(UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]]))
  }

  /// Field `i` as an exact decimal read from its bytes; `.some(nil)` when the field is empty, nil
  /// when it is not a plain decimal (ExactDecimal's grammar: `-`, digits, `.`, an exponent).
  public func decimal(_ i: Int) -> Decimal?? { decimalChecked(i).map { $0.map(\.value) } }

  /// ``decimal(_:)``, and whether the value came from the fast path (at most 15 integer digits:
  /// known to be below ``CSVUsageTable/maximumAmount``).
  func decimalChecked(_ i: Int) -> (value: Decimal, inRange: Bool)?? {
    guard i < starts.count, starts[i] != ends[i] else { return .some(nil) }
    let slice = UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]])
    if !escaped[i], let fast = FastDecimal.parse(slice) { return .some((fast, true)) }
    if let value = ExactDecimal.parse(string(i)) { return .some((value, false)) }
    return nil
  }
}

/// Strings of repeated byte sequences, made once.
public struct StringPool {
  private var strings: [Int: String] = [:]
  static let limit = 65_536

  public init() {}

  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    let h = hasher.finalize()
    if let s = strings[h], s.utf8.elementsEqual(bytes) { return s }
    let s = String(decoding: bytes, as: UTF8.self)
    if strings.count < Self.limit { strings[h] = s }
    return s
  }
}

/// The common decimals of an export (at most 19 significant digits, no exponent) made from their
/// bytes without an intermediate string; anything else is left to ``ExactDecimal/parse(_:)``.
enum FastDecimal {
  /// Values of more integer digits than this are left to the slow path (and its range check).
  static let maxIntegerDigits = 15

  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Decimal? {
    var integerDigits = 0
    var i = 0
    let n = b.count
    let negative = n > 0 && b[0] == UInt8(ascii: "-")
    if negative { i = 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var exponent = 0
    var pendingZeros = 0
    var fraction = false
    while i < n {
      let c = b[i]
      if c == UInt8(ascii: "."), !fraction {
        fraction = true
      } else if c >= 48, c <= 57 {
        digits += 1
        if !fraction, integerDigits > 0 || c != 48 { integerDigits += 1 }
        let digit = UInt64(c - 48)
        if fraction { exponent -= 1 }
        if digit == 0 {
          if significant > 0 { pendingZeros += 1 }
        } else {
          if significant + pendingZeros + 1 > 19 { return nil }
          for _ in 0..<pendingZeros { mantissa *= 10 }
          significant += pendingZeros + 1
          pendingZeros = 0
          mantissa = mantissa * 10 + digit
        }
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0, integerDigits <= maxIntegerDigits else { return nil }
    if mantissa == 0 { return fraction ? nil : Decimal.zero }
    exponent += pendingZeros
    return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
  }
}
