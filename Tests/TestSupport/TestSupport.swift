import Foundation

/// Paths and helpers shared by the test targets.
public enum TestPaths {
  /// The package root (the folder holding Package.swift).
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  /// `../shared` beside the package (CI clones the project with it there).
  public static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

  /// A file under `../shared/pricesheets`.
  public static func pricesheet(_ relative: String) -> String {
    shared.appendingPathComponent("pricesheets").appendingPathComponent(relative).path
  }

  /// The built `ratecard` binary (built by `swift test` with every other product).
  public static var ratecardBinary: URL {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("ratecard"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ratecard"),
      packageRoot.appendingPathComponent(".build/debug/ratecard"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
  }
}

/// A fresh temporary directory, removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
  public let url: URL

  public init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ratecard-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// A path inside the directory.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` to a file inside the directory and returns its path.
  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    let p = path(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: p))
    return p
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs a process and captures its output.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum Run {
  /// Runs `executable` with `arguments` (and optional extra environment) to completion.
  public static func process(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:],
    currentDirectory: URL? = nil
  ) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
