import Foundation
import Pricing
import TestSupport
import Testing

@testable import PriceSheets

@Suite struct AzureUnitTests {
  @Test func tokenBlocksNormaliseExactlyToPerMillion() {
    let p = Decimal(string: "0.000083")!
    #expect(AzureUnit.perMillionTokens(unit: "1K", price: p) == Decimal(string: "0.083")!)
    #expect(AzureUnit.perMillionTokens(unit: "1M", price: p) == p)
    #expect(AzureUnit.perMillionTokens(unit: "1", price: p) == Decimal(string: "83")!)
    #expect(AzureUnit.perMillionTokens(unit: "100", price: p) == Decimal(string: "0.83")!)
    #expect(AzureUnit.perMillionTokens(unit: "1 Hour", price: p) == nil)
    #expect(AzureUnit.perMillionTokens(unit: "1/Month", price: p) == nil)
  }

  /// Found by FuzzAzurePage: a unit of `<huge number>K` overflowed `Int` and crashed the reader.
  @Test func blocksTooLargeToCountAreNoUnit() throws {
    #expect(AzureUnit.blockSize("9223372036854775807") == 9_223_372_036_854_775_807)
    #expect(AzureUnit.blockSize("9223372036854775807K") == nil)
    #expect(AzureUnit.blockSize("9223372036854776M") == nil)
    #expect(AzureUnit.blockSize("00000000000000000000000000008198552921648689608K") == nil)
    #expect(AzureUnit.blockSize("9223372036854775K") == 9_223_372_036_854_775_000)
    let page = """
      {"BillingCurrency":"USD","Items":[\(AzureItemJSON.item(unit: "8198552921648689608K"))],"NextPageLink":null}
      """
    let document = SheetDocument(uri: "page.json", data: Data(page.utf8))
    #expect {
      _ = try AzureRetailReader().read([document], options: ReadOptions())
    } throws: { error in
      (error as? LocalizedError)?.errorDescription?.contains("unknown unit '8198552921648689608K'") == true
    }
  }

  @Test func timeUnitsKeepTheirPeriod() {
    #expect(AzureUnit.other(unit: "1 Hour", suffix: "Unit") == "hour")
    #expect(AzureUnit.other(unit: "1/Hour", suffix: "Unit") == "hour")
    #expect(AzureUnit.other(unit: "1/Month", suffix: "Units") == "month")
    #expect(AzureUnit.other(unit: "1/Day", suffix: "GB") == "GB-day")
    #expect(AzureUnit.other(unit: "1 Second", suffix: "Video") == "second")
    #expect(AzureUnit.other(unit: "1", suffix: "Second") == "second")
  }

  @Test func otherUnitsKeepTheSheetUnit() {
    #expect(AzureUnit.other(unit: "100", suffix: "Images") == "100 images")
    #expect(AzureUnit.other(unit: "1K", suffix: "Calls") == "1K calls")
    #expect(AzureUnit.other(unit: "1K", suffix: "Search") == "1K searches")
    #expect(AzureUnit.other(unit: "1", suffix: "Session") == "session")
    #expect(AzureUnit.other(unit: "1M", suffix: "Characters") == "1M characters")
    #expect(AzureUnit.other(unit: "5 Widgets", suffix: nil) == "5 Widgets")
  }

  @Test func imagesArePricedPerImage() {
    #expect(AzureUnit.perImage(unit: "100", suffix: "Images", price: Decimal(string: "8.8")!) == Decimal(string: "0.088")!)
    #expect(AzureUnit.perImage(unit: "1", suffix: "Images", price: 4) == 4)
    #expect(AzureUnit.perImage(unit: "1K", suffix: "Calls", price: 4) == nil)
  }
}
