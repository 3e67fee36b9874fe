import Foundation
import PriceSheets
import Testing

/// Duplicates across pages: the first item is read again from its page when its identity repeats.
@Suite("Azure duplicates across pages")
struct AzureDuplicatePagesTests {
  @Test("the same item on two pages is one rate and one duplicate skip")
  func sameItemOnTwoPages() throws {
    let a = SheetDocument(uri: "a.json", data: AzureTestData.pageJSON(items: "[\(AzureTestData.item())]"))
    let b = SheetDocument(
      uri: "b.json",
      data: AzureTestData.pageJSON(
        items: "[\(AzureTestData.item(meterId: "m-2")), \(AzureTestData.item(price: "0.00250"))]"))
    let sheet = try AzureRetailReader().read([a, b], options: ReadOptions())
    #expect(sheet.rates.map(\.sku) == ["m-1", "m-2"])
    #expect(sheet.skipped[AzureRetailReader.Reason.duplicate] == 1)
  }

  @Test("a conflicting item on a later page names both places")
  func conflictAcrossPages() {
    let a = SheetDocument(
      uri: "a.json",
      data: AzureTestData.pageJSON(items: "[\(AzureTestData.item(meterId: "m-0")), \(AzureTestData.item())]"))
    let b = SheetDocument(
      uri: "b.json", data: AzureTestData.pageJSON(items: "[\(AzureTestData.item(price: "0.003"))]"))
    do {
      _ = try AzureRetailReader().read([a, b], options: ReadOptions())
      Issue.record("expected an error")
    } catch let SheetError.invalidValue(file, location, reason) {
      #expect(file == "b.json" && location == "Items[0]")
      #expect(reason.hasSuffix("(first at a.json Items[1])"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
