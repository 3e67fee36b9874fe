import Foundation
import RateStore
import TestSupport
import Testing

@testable import Usage

/// One case of the usage part of the bad-input corpus
/// (Tests/RatecardKitTests/Fixtures/bad/usage/expectations.csv, written by make_usage_corpus.py).
struct BadUsageInput: CustomTestStringConvertible, Sendable {
  let file: String
  let format: UsageFormat?
  let line: String
  let column: String
  let fragment: String
  var testDescription: String { file }

  static let folder = TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/bad/usage")

  static let all: [BadUsageInput] = {
    let text = (try? String(contentsOf: folder.appendingPathComponent("expectations.csv"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return BadUsageInput(file: f[0], format: UsageFormat(rawValue: f[1]), line: f[2], column: f[3], fragment: f[4])
    }
  }()

  var path: String { Self.folder.appendingPathComponent(file).path }
}

/// The usage tables and rates as text, to check that a refused import changed nothing.
func usageDigest(_ store: RateStore) throws -> String {
  let rows = try store.usage(UsageFilter()).map { "\($0)" }.joined(separator: "\n")
  let imports = try store.usageImports().map { "\($0)" }.joined(separator: "\n")
  return rows + "\n--\n" + imports + "\n--\n" + (try store.rateTableDigest())
}

@Suite("Usage: bad input")
struct UsageBadInputTests {
  let dir = TemporaryDirectory()

  @Test("the usage corpus holds the issue's cases")
  func size() {
    #expect(BadUsageInput.all.count >= 25)
  }

  @Test(
    "each bad usage export is refused naming the file, line and column; exit 65; the store unchanged",
    arguments: BadUsageInput.all)
  func refused(_ input: BadUsageInput) throws {
    let store = try SharedUsage.store(in: dir)
    let importer = UsageImporter(store: store)
    _ = try importer.run(paths: [SharedUsage.eaFile])
    let before = try usageDigest(store)
    var message = ""
    do {
      // A good file first: it must not land either (one transaction for the command).
      let paths = input.format == nil ? [SharedUsage.mcaFile, input.path] : [input.path]
      let results = try importer.run(paths: paths, format: input.format)
      Issue.record("\(input.file) was accepted: \(results.map(\.summary.linesRead))")
    } catch let error as UsageError {
      message = error.errorDescription ?? ""
    }
    #expect(message.contains(input.file), "message: \(message)")
    if !input.line.isEmpty { #expect(message.contains("line \(input.line)"), "message: \(message)") }
    if !input.column.isEmpty { #expect(message.contains("column \(input.column)"), "message: \(message)") }
    #expect(message.contains(input.fragment), "message: \(message)")
    #expect(try usageDigest(store) == before)
    #expect(try store.integrityCheck() == "ok")
  }

  @Test("a truncated gzip names the line it reached")
  func truncatedGzipLine() throws {
    let input = try UsageInput(path: BadUsageInput.folder.appendingPathComponent("cur-truncated.csv.gz").path)
    #expect(throws: UsageError.self) {
      _ = try UsageFormat.awsCUR2.reader.read(input) { _ in }
    }
    let again = try UsageInput(path: BadUsageInput.folder.appendingPathComponent("cur-truncated.csv.gz").path)
    do {
      _ = try UsageFormat.awsCUR2.reader.read(again) { _ in }
    } catch let UsageError.malformed(_, line, _, reason) {
      #expect(reason.contains("truncated gzip"))
      #expect((line ?? 0) > 1)
    }
  }
}
