/// A growing UTF-8 byte buffer that formatters append to and flush in chunks: no intermediate
/// `String` per value.
struct UTF8Buffer {
  var bytes: [UInt8] = []
  /// Bytes a formatter keeps before it hands them on.
  static let chunk = 64 * 1024

  init() { bytes.reserveCapacity(Self.chunk + 4096) }

  mutating func append(_ s: String) {
    var s = s
    s.withUTF8 { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ byte: UInt8) { bytes.append(byte) }

  mutating func appendSpaces(_ n: Int) {
    if n > 0 { bytes.append(contentsOf: repeatElement(0x20, count: n)) }
  }

  mutating func appendInteger(_ i: Int) { append(String(i)) }

  /// Hands the bytes to `write` as one string and empties the buffer.
  mutating func flush(_ write: (String) -> Void) {
    guard !bytes.isEmpty else { return }
    write(String(decoding: bytes, as: UTF8.self))
    bytes.removeAll(keepingCapacity: true)
  }

  /// Where ``flushIfFull()`` hands a full buffer inside a record (set while a formatter renders to
  /// bytes), so a long nested list (every excluded candidate of a recommendation) is written in
  /// chunks instead of being held whole.
  var sink: ((UnsafeBufferPointer<UInt8>) -> Void)?

  /// Hands the bytes to ``sink`` once they fill a chunk (nothing without a sink).
  mutating func flushIfFull() {
    guard bytes.count >= Self.chunk, let sink else { return }
    flushBytes(sink)
  }

  /// Hands the bytes to `write` (valid during the call) and empties the buffer.
  mutating func flushBytes(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
    guard !bytes.isEmpty else { return }
    bytes.withUnsafeBufferPointer { write($0) }
    bytes.removeAll(keepingCapacity: true)
  }
}
