import CostEngine
import Foundation
import Pricing
import Testing

@Suite("Sample profiles in data/profiles")
struct SampleProfilesTests {
  static let dir = SharedModelsCatalog.packageRoot.appendingPathComponent("data/profiles")

  @Test("every sample profile parses and resolves against the real catalogue")
  func samples() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files.count >= 2)
    let e = engine()
    var names: [String] = []
    for f in files {
      for p in try ProfileParser().parseFile(Self.dir.appendingPathComponent(f).path) {
        names.append(p.name)
        let rec = try e.recommend(p)
        #expect(rec.recommended != nil, "\(f): \(p.name) has no recommended offer")
      }
    }
    #expect(names.contains("support-bot"))
  }
}
