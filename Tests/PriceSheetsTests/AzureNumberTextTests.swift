import Foundation
import PriceSheets
import Testing

/// Azure numbers are read from their text: exact, and refused when `Decimal` cannot hold them.
@Suite("Azure number text")
struct AzureNumberTextTests {
  static func page(tierMinimum: String) -> SheetDocument {
    let item = AzureTestData.item().replacingOccurrences(
      of: "\"tierMinimumUnits\":0.0", with: "\"tierMinimumUnits\":\(tierMinimum)")
    return SheetDocument(uri: "p.json", data: AzureTestData.pageJSON(items: "[\(item)]"))
  }

  @Test("tier minimums keep their value whatever their spelling")
  func tierMinimumSpellings() throws {
    for (text, key) in [("0.0", "0"), ("0", "0"), ("1E+3", "1000"), ("1000.00", "1000"), ("2.5e-1", "0.25")] {
      let sheet = try AzureRetailReader().read([Self.page(tierMinimum: text)], options: ReadOptions())
      #expect(sheet.rates.first?.rateKey.hasSuffix("|\(key)") == true, "\(text)")
    }
  }

  @Test("a tier minimum Decimal cannot hold is an error naming its path")
  func tierMinimumTooLarge() {
    #expect(
      throws: SheetError.invalidValue(
        file: "p.json", location: "Items[0].tierMinimumUnits",
        reason: "'1e400' is not a number ratecard can hold exactly")
    ) {
      try AzureRetailReader().read([Self.page(tierMinimum: "1e400")], options: ReadOptions())
    }
  }
}
