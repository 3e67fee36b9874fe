import CZlib
import Crypto
import Foundation

/// The bytes of one usage export, read a chunk at a time: a plain file, a gzip file (detected
/// from its magic bytes, inflated as it is read), or bytes in memory (tests, the fuzz target).
/// The SHA-256 of the raw bytes (compressed, as stored) is computed while reading, so a file is
/// read once whatever its size.
public final class UsageInput {
  /// The name used in errors (the path as the user gave it).
  public let uri: String
  private var raw: RawSource
  private var inflater: Inflater?
  private var hasher = SHA256()
  private var rawDone = false
  private var pending: [UInt8] = []
  private var pendingOffset = 0
  private var pushedBack: [UInt8]?
  /// Raw bytes read so far.
  public private(set) var rawBytes = 0
  /// Bytes left to read of a file range (nil: to the end of the file).
  private var remaining: UInt64?
  private var hashing = true
  /// True when the content is gzip.
  public private(set) var isGzip = false

  static let chunkSize = 1 << 20

  /// Opens `path`; the file is read as ``nextChunk()`` is called.
  public init(path: String, uri: String? = nil) throws {
    self.uri = uri ?? path
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw UsageError.unreadable(file: uri ?? path, reason: "cannot open the file")
    }
    raw = .file(handle)
    try start()
  }

  /// Part of a plain file: `prefix` (a CSV header), then the bytes of `range`; not hashed (the
  /// parallel reader hashes the whole file apart). For ``ParallelCSV``.
  init(path: String, uri: String, range: Range<UInt64>, prefix: [UInt8]) throws {
    self.uri = uri
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw UsageError.unreadable(file: uri, reason: "cannot open the file")
    }
    do {
      try handle.seek(toOffset: range.lowerBound)
    } catch {
      throw UsageError.unreadable(file: uri, reason: error.localizedDescription)
    }
    raw = .file(handle)
    remaining = range.upperBound - range.lowerBound
    hashing = false
    pushedBack = prefix
  }

  /// Bytes in memory.
  public init(data: Data, uri: String) throws {
    self.uri = uri
    raw = .bytes(data, 0)
    try start()
  }

  private func start() throws {
    let head = try readRaw(max: 65536)
    if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B {
      isGzip = true
      inflater = try Inflater(uri: uri)
    }
    pending = head
  }

  /// The SHA-256 of the raw bytes, hex. Valid once the input has been read to its end.
  public func sha256() -> String {
    hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// The first content bytes (inflated for gzip), without consuming them: what format detection
  /// looks at. Empty for an empty file.
  public func head() throws -> [UInt8] {
    if let pushedBack { return pushedBack }
    var head: [UInt8] = []
    while head.count < 4096, let chunk = try nextChunk() { head += chunk }
    pushedBack = head
    return head
  }

  /// The next chunk of content bytes (inflated for gzip), or nil at the end.
  public func nextChunk() throws -> [UInt8]? {
    if let back = pushedBack {
      pushedBack = nil
      if !back.isEmpty { return back }
    }
    if let inflater {
      while true {
        if pendingOffset >= pending.count {
          if rawDone {
            try inflater.finish()
            return nil
          }
          pending = try readRaw(max: Self.chunkSize)
          pendingOffset = 0
          if pending.isEmpty {
            try inflater.finish()
            return nil
          }
        }
        let (out, used) = try inflater.inflate(pending, from: pendingOffset)
        pendingOffset += used
        if !out.isEmpty { return out }
      }
    }
    if pendingOffset < pending.count {
      let out = pendingOffset == 0 ? pending : Array(pending[pendingOffset...])
      pending = []
      pendingOffset = 0
      return out
    }
    if rawDone { return nil }
    let next = try readRaw(max: Self.chunkSize)
    return next.isEmpty ? nil : next
  }

  private func readRaw(max: Int) throws -> [UInt8] {
    guard !rawDone else { return [] }
    var out: [UInt8]
    switch raw {
    case .file(let handle):
      // read(2) straight into the array (no Data in between); short reads are fine.
      let max = remaining.map { Swift.min(max, Int($0)) } ?? max
      out = [UInt8](unsafeUninitializedCapacity: max) { buffer, count in
        count = 0
        while count < max {
          let n = read(handle.fileDescriptor, buffer.baseAddress! + count, max - count)
          if n < 0, errno == EINTR { continue }
          if n <= 0 {
            if n < 0 { count = -1 }
            break
          }
          count += n
          if count >= Self.chunkSize / 2 { break }
        }
        if count < 0 { count = 0 }
      }
      if let r = remaining { remaining = r - UInt64(out.count) }
      if out.isEmpty { try? handle.close() }
    case .bytes(let data, let offset):
      let end = min(data.count, offset + max)
      out = [UInt8](data[data.startIndex + offset..<data.startIndex + end])
      raw = .bytes(data, end)
    }
    if out.isEmpty {
      rawDone = true
    } else {
      rawBytes += out.count
      if hashing { out.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) } }
    }
    return out
  }

  private enum RawSource {
    case file(FileHandle)
    case bytes(Data, Int)
  }
}

/// zlib's inflate over a gzip stream (several members in a row are read as one, as `gzip -d` does).
final class Inflater {
  private let stream: UnsafeMutablePointer<z_stream>
  private let uri: String
  private var ended = false
  /// True between two members (the last member ended and no byte of a next one was seen yet).
  private var atMemberEnd = false
  private var out = [UInt8](repeating: 0, count: 1 << 18)

  init(uri: String) throws {
    self.uri = uri
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    // 15 + 16: a gzip wrapper (not zlib), window of 32 KiB.
    let status = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deallocate()
      throw UsageError.unreadable(file: uri, reason: "zlib could not start (status \(status))")
    }
  }

  deinit {
    if !ended { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Inflates from `input[offset...]`; returns the bytes produced and how many input bytes were used.
  func inflate(_ input: [UInt8], from offset: Int) throws -> ([UInt8], Int) {
    var produced: [UInt8] = []
    var used = 0
    try input.withUnsafeBufferPointer { inBuf in
      try out.withUnsafeMutableBufferPointer { outBuf in
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + offset)
        stream.pointee.avail_in = UInt32(inBuf.count - offset)
        stream.pointee.next_out = outBuf.baseAddress
        stream.pointee.avail_out = UInt32(outBuf.count)
        if atMemberEnd {
          inflateReset(stream)
          atMemberEnd = false
        }
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        used = (inBuf.count - offset) - Int(stream.pointee.avail_in)
        let n = outBuf.count - Int(stream.pointee.avail_out)
        produced = Array(outBuf[0..<n])
        switch status {
        case Z_OK, Z_BUF_ERROR:
          break
        case Z_STREAM_END:
          atMemberEnd = true
        default:
          let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
          throw UsageError.malformed(file: uri, line: nil, column: nil, reason: "corrupt gzip data (\(message))")
        }
      }
    }
    return (produced, used)
  }

  /// Called at the end of the raw bytes: a stream that stopped inside a member was truncated.
  func finish() throws {
    guard !ended else { return }
    ended = true
    inflateEnd(stream)
    guard atMemberEnd else {
      throw UsageError.malformed(
        file: uri, line: nil, column: nil,
        reason: "truncated gzip: the file ends inside the compressed stream")
    }
  }
}
