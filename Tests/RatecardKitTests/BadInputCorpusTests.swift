import Foundation
import PriceSheets
import RateStore
import TestSupport
import Testing

import RatecardKit

/// One case of the bad-input corpus (Fixtures/bad/expectations.csv, written by make_corpus.py).
struct BadInput: CustomTestStringConvertible, Sendable {
  let file: String
  let format: SheetFormat?
  let fragment: String
  var testDescription: String { file }

  static let all: [BadInput] = {
    let folder = TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/bad")
    let text = (try? String(contentsOf: folder.appendingPathComponent("expectations.csv"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return BadInput(file: f[0], format: SheetFormat(rawValue: f[1]), fragment: f[2])
    }
  }()

  var path: String {
    TestPaths.packageRoot.appendingPathComponent("Tests/RatecardKitTests/Fixtures/bad/\(file)").path
  }
}

@Suite("Bad input corpus")
struct BadInputCorpusTests {
  @Test("the corpus holds at least 40 cases")
  func size() {
    #expect(BadInput.all.count >= 40)
  }

  @Test("each bad input is a clear error naming the file, and the rates stay byte-identical", arguments: BadInput.all)
  func rejected(_ input: BadInput) throws {
    let dir = TemporaryDirectory()
    let store = try RateStore(path: dir.path("bad.sqlite"))
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    _ = try pipeline.run(ImportRequest(sources: [fixture("private-v1.csv")]))
    let before = try store.rateTableDigest()
    var message = ""
    var status = ExitStatus.ok
    do {
      let summary = try pipeline.run(ImportRequest(sources: [input.path], format: input.format))
      Issue.record("\(input.file) was accepted: \(summary)")
    } catch {
      message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
      status = ExitStatus.of(error)
    }
    #expect(status != .ok)
    #expect(message.contains(input.file.split(separator: "/").last.map(String.init) ?? input.file), "message: \(message)")
    if !input.fragment.isEmpty {
      #expect(message.contains(input.fragment), "message: \(message)")
    }
    #expect(try store.rateTableDigest() == before)
    #expect(try store.integrityCheck() == "ok")
  }
}
