import Foundation
import TestSupport
import Testing

/// `ratecard demo` with only the binary: copied into an empty folder and run there, it writes the
/// embedded sample (byte for byte data/sheets and data/profiles), imports it, recommends and writes
/// the report; the JSON outputs a nightly job reads name the ratecard version.
@Suite("ratecard demo with only the binary")
struct DemoCLITests {
  let dir = TemporaryDirectory()

  func run(_ binary: URL, _ args: [String]) throws -> ProcessResult {
    try Run.process(
      binary, args,
      environment: ["HOME": dir.url.path, "XDG_CONFIG_HOME": dir.url.path, "XDG_DATA_HOME": dir.url.path],
      currentDirectory: dir.url)
  }

  @Test("the demo runs from an empty folder; its sample equals data/; JSON outputs carry the version")
  func demoFromAnyFolder() throws {
    let binary = dir.url.appendingPathComponent("ratecard")
    try FileManager.default.copyItem(at: TestPaths.ratecardBinary, to: binary)

    let r = try run(binary, ["demo"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("== Imported ratecard-demo-data/sheets/aws, ratecard-demo-data/sheets/azure into ratecard-demo.sqlite\n"))
    #expect(r.stdout.contains("support-bot        recommended"))
    #expect(r.stdout.contains("== Report: ratecard-demo.html"))
    #expect(FileManager.default.fileExists(atPath: dir.path("ratecard-demo.html")))

    // Every sample file the checkout has is written, unchanged.
    let data = TestPaths.packageRoot.appendingPathComponent("data")
    var compared = 0
    for folder in ["sheets/aws", "sheets/azure", "profiles"] {
      for name in try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(folder).path)
      where name.hasSuffix(".json") || name.hasSuffix(".yaml") {
        let original = try Data(contentsOf: data.appendingPathComponent("\(folder)/\(name)"))
        let written = try Data(contentsOf: dir.url.appendingPathComponent("ratecard-demo-data/\(folder)/\(name)"))
        #expect(written == original, "\(folder)/\(name) differs from data/: run scripts/embed-demo.py")
        compared += 1
      }
    }
    #expect(compared == 7)

    // A second run on the same folder re-imports the same sample: nothing changes.
    let again = try run(binary, ["demo"])
    #expect(again.status == 0, "\(again.stderr)")

    let version = try run(binary, ["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!version.isEmpty)
    for args in [["status"], ["runs"], ["recommend", "ratecard-demo-data/profiles/workloads.yaml", "--no-excluded"]] {
      let out = try run(binary, args + ["--db", "ratecard-demo.sqlite", "-o", "json"])
      #expect(out.status == 0, "\(args): \(out.stderr)")
      let records = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]] ?? []
      #expect(!records.isEmpty, "\(args)")
      #expect(records.allSatisfy { $0["ratecardVersion"] as? String == version }, "\(args)")
    }
    // Tables stay as they were: the version is a JSON field only.
    #expect(!(try run(binary, ["runs", "--db", "ratecard-demo.sqlite"]).stdout.contains("ratecardVersion")))
  }
}
