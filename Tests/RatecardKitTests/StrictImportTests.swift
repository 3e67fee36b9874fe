import Foundation
import PriceSheets
import RateStore
import TestSupport
import Testing

import RatecardKit

/// `--strict` fails on rows a reader could not use and on unclassified rows, never on deliberate
/// skips (a region not selected, a DevTest item, a duplicate): the reader says which is which
/// (`SkipReason`), no reason text is matched by its prefix.
@Suite("Strict import")
struct StrictImportTests {
  let dir = TemporaryDirectory()

  func page(_ name: String, _ items: [String]) throws -> String {
    let path = dir.path(name)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let json = """
      {"BillingCurrency":"USD","CustomerEntityId":"Default","CustomerEntityType":"Retail",\
      "Items":[\(items.joined(separator: ","))],"NextPageLink":null,"Count":\(items.count)}
      """
    try Data(json.utf8).write(to: URL(fileURLWithPath: path + "/page-1.json"))
    return path
  }

  @Test("deliberate skips pass --strict; an unknown price type fails it, naming the reason")
  func deliberateAndUnusable() throws {
    let store = try RateStore(path: dir.path("strict.sqlite"))
    let pipeline = ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
    let deliberate = try page(
      "deliberate",
      [
        AzureItemJSON.item(meterId: "m-1"), AzureItemJSON.item(meterId: "m-1"),
        AzureItemJSON.item(meterId: "m-2", type: "DevTestConsumption"),
        AzureItemJSON.item(meterId: "m-3", region: "westus"),
      ])
    let summary = try pipeline.run(
      ImportRequest(sources: [deliberate], options: ReadOptions(regions: ["eastus2"]), strict: true))
    #expect(summary.map(\.added) == [1])
    #expect(summary.first?.skipped.values.reduce(0, +) == 3)

    let unusable = try page("unusable", [AzureItemJSON.item(meterId: "m-4", type: "Mystery")])
    #expect {
      try pipeline.run(ImportRequest(sources: [unusable], strict: true))
    } throws: { error in
      guard case ImportError.strict(let source, let reasons) = error else { return false }
      return source == unusable && reasons == ["unknown price type 'Mystery'": 1]
    }
  }

  @Test("the reader marks which of its skip reasons are deliberate")
  func readerMarksDeliberateReasons() throws {
    let document = SheetDocument(
      uri: "p.json",
      data: Data(
        """
        {"BillingCurrency":"USD","Items":[\(AzureItemJSON.item(meterId: "m-1", type: "DevTestConsumption")),\
        \(AzureItemJSON.item(meterId: "m-2", type: "Mystery"))],"NextPageLink":null,"Count":2}
        """.utf8))
    let sheet = try AzureRetailReader().read([document], options: ReadOptions())
    #expect(Set(sheet.skipped.keys) == [AzureRetailReader.Reason.devTest, "unknown price type 'Mystery'"])
    #expect(sheet.deliberateSkips == [AzureRetailReader.Reason.devTest])
  }
}
