import Foundation

/// Where an export writes: standard output or a file, buffered, flushed in chunks.
public final class TextSink {
  private let handle: FileHandle
  private let closeOnFinish: Bool
  private var buffer = Data()
  private let temporaryPath: String?
  private let finalPath: String?

  /// Standard output.
  public static func standardOutput() -> TextSink { TextSink(handle: .standardOutput, close: false) }

  /// A file, written to a temporary name beside it and renamed into place on `finish()`, so a
  /// reader never sees half an export.
  public static func file(_ path: String) throws -> TextSink {
    let tmp = path + ".partial-\(getpid())"
    guard FileManager.default.createFile(atPath: tmp, contents: nil) else {
      throw ArgumentError.invalid("cannot write \(path): \(whyNotWritable(path))")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: tmp))
    return TextSink(handle: handle, close: true, temporaryPath: tmp, finalPath: path)
  }

  /// Why a file cannot be created at `path`, in words.
  static func whyNotWritable(_ path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    var isDirectory: ObjCBool = false
    let dir = folder.isEmpty ? "." : folder
    if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) { return "no such folder \(dir)" }
    if !isDirectory.boolValue { return "\(dir) is not a folder" }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return "it is a folder"
    }
    return "permission denied"
  }

  init(handle: FileHandle, close: Bool, temporaryPath: String? = nil, finalPath: String? = nil) {
    self.handle = handle
    self.closeOnFinish = close
    self.temporaryPath = temporaryPath
    self.finalPath = finalPath
  }

  /// Appends text (UTF-8).
  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 256 * 1024 { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    handle.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, closes a file and moves it into place.
  public func finish() throws {
    flush()
    if closeOnFinish { try handle.close() }
    if let temporaryPath, let finalPath {
      if FileManager.default.fileExists(atPath: finalPath) {
        try FileManager.default.removeItem(atPath: finalPath)
      }
      try FileManager.default.moveItem(atPath: temporaryPath, toPath: finalPath)
    }
  }

  /// Removes a partial file after a failure.
  public func abandon() {
    if closeOnFinish { try? handle.close() }
    if let temporaryPath { try? FileManager.default.removeItem(atPath: temporaryPath) }
  }
}
