import Foundation
import PriceSheets

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemClose = Glibc.close
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemClose = Darwin.close
#endif

/// Reads a file front to back in chunks through one caller-owned buffer.
enum FileChunks {
  /// Calls `body` with each chunk of the file at `path`. Throws a ``SheetError`` naming the file
  /// when it cannot be opened or read.
  static func read(
    _ path: String, into buffer: inout [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw failure(path, errno) }
    defer { _ = systemClose(fd) }
    try buffer.withUnsafeMutableBytes { bytes in
      while true {
        let n = systemRead(fd, bytes.baseAddress, bytes.count)
        if n < 0 {
          if errno == EINTR { continue }
          throw failure(path, errno)
        }
        if n == 0 { return }
        try body(UnsafeRawBufferPointer(rebasing: bytes[..<n]))
      }
    }
  }

  private static func failure(_ path: String, _ code: Int32) -> SheetError {
    SheetError.malformed(
      file: path, location: "file", reason: "cannot read: \(String(cString: strerror(code)))")
  }
}
