import CostEngine
import Foundation
import RatecardKit
import Testing

/// One case of the bad profile corpus (`Tests/RatecardKitTests/Fixtures/bad/profiles`, written by
/// make_profiles.py): where the error must point and what it must say.
struct BadProfile: CustomTestStringConvertible, Sendable {
  let file: String
  /// `parse`: the parser refuses it; `engine`: valid YAML that the catalogue check refuses.
  let stage: String
  let line: Int
  let column: Int
  let fragment: String
  var testDescription: String { file }

  static let folder = SharedModelsCatalog.packageRoot
    .appendingPathComponent("Tests/RatecardKitTests/Fixtures/bad/profiles")

  static let all: [BadProfile] = {
    let text =
      (try? String(contentsOf: folder.appendingPathComponent("expectations.csv"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
      return BadProfile(file: f[0], stage: f[1], line: Int(f[2]) ?? 0, column: Int(f[3]) ?? 0, fragment: f[4])
    }
  }()

  var path: String { Self.folder.appendingPathComponent(file).path }
}

/// The built `ratecard` binary (`swift test` builds it with every other product).
private let ratecardBinary: URL = {
  let candidates = [
    Bundle.main.bundleURL.appendingPathComponent("ratecard"),
    Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ratecard"),
    SharedModelsCatalog.packageRoot.appendingPathComponent(".build/debug/ratecard"),
  ]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
}()

@Suite("Bad profile corpus")
struct ProfileCorpusTests {
  @Test(
    "the corpus covers unknown keys, wrong types, shares above 1, negative volumes, unknown models, alias bombs"
  )
  func coverage() {
    let files = BadProfile.all.map(\.file)
    #expect(files.count >= 30)
    for needle in [
      "unknown-key", "wrong-type", "share-above-one", "negative-volume", "unknown-model", "anchor-bomb",
    ] {
      #expect(files.contains { $0.hasPrefix(needle) }, "no case for \(needle)")
    }
    #expect(BadProfile.all.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.fragment.isEmpty })
  }

  @Test(
    "the parser (and the catalogue check) refuse each bad profile with file, line and column, exit 65",
    .timeLimit(.minutes(1)),  // an alias bomb that expanded would hang here, not fail
    arguments: BadProfile.all)
  func library(_ c: BadProfile) throws {
    var caught: (any Error)?
    do {
      let profiles = try ProfileParser().parseFile(c.path)
      #expect(c.stage == "engine", "the parser accepted \(c.file)")
      let e = engine()
      for p in profiles { _ = try e.recommend(p) }
      Issue.record("\(c.file) was accepted")
    } catch {
      caught = error
    }
    let error = try #require(caught as? ProfileError, "\(c.file): \(String(describing: caught))")
    #expect(
      error.mark == SourceMark(file: c.path, line: c.line, column: c.column), "\(error.localizedDescription)")
    #expect(error.message.contains(c.fragment), "\(error.message)")
    #expect(error.localizedDescription.hasPrefix("\(c.path):\(c.line):\(c.column): "))
    #expect(ExitStatus.of(error) == .dataError && ExitStatus.dataError.rawValue == 65)
  }

  @Test(
    "ratecard recommend exits 65 and prints file:line:column on stderr", .timeLimit(.minutes(1)),
    arguments: BadProfile.all)
  func binary(_ c: BadProfile) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ratecard-profile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let process = Process()
    process.executableURL = ratecardBinary
    process.arguments = ["recommend", c.path, "--db", dir.appendingPathComponent("db.sqlite").path]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 65, "\(stderr)")
    #expect(stderr.contains("\(c.path):\(c.line):\(c.column): "), "\(stderr)")
    #expect(stderr.contains(c.fragment), "\(stderr)")
  }
}
