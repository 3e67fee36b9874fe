import Foundation
import Pricing
import Testing

@testable import PriceSheets

@Suite struct AzureRetailReaderTests {
  @Test func wholeDumpCounts() throws {
    #expect(AzureTestData.usdPages.count == 22)
    let sheet = try AzureTestData.usd.get()
    #expect(sheet.rowsRead == 21_528)
    #expect(sheet.skipped[AzureRetailReader.Reason.duplicate] == 5)
    #expect(sheet.skipped[AzureRetailReader.Reason.devTest] == 566)
    // 21,523 unique items, of which 566 DevTest are skipped.
    #expect(sheet.rates.count == 21_523 - 566)
    #expect(sheet.rates.count + sheet.skipped.values.reduce(0, +) == 21_528)
    #expect(sheet.coverage == Coverage(providers: [.azure], services: nil, regions: nil, currency: "USD"))
    let identities = Set(sheet.rates.map(\.identity))
    #expect(identities.count == sheet.rates.count)
  }

  @Test func zeroUnparsedTokenMeters() throws {
    let sheet = try AzureTestData.usd.get()
    #expect(sheet.unclassified.isEmpty, "\(sheet.unclassified)")
    // Every item whose meter name is priced in tokens became a token rate, except training tokens.
    let tokenNamed = sheet.rates.filter { $0.sheetKey.hasSuffix(" Tokens") }
    // 19,767 unique Consumption items are named `... Tokens` (counted independently from the pages).
    #expect(tokenNamed.count == 19_767)
    let notToken = tokenNamed.filter { !$0.meter.isToken && !$0.variant.contains("training") }
    #expect(notToken.isEmpty, "\(notToken.prefix(5).map(\.sheetKey))")
    #expect(tokenNamed.allSatisfy { $0.unit == "1M tokens" })
    // Each token rate has a scope word or is a documented scope-less legacy meter.
    let models = Set(tokenNamed.map(\.sheetModel))
    #expect(!models.contains(""))
  }

  @Test func onlyPlainTextChatTokensHaveEmptyVariant() throws {
    let sheet = try AzureTestData.usd.get()
    let plain = sheet.rates.filter { $0.variant.isEmpty }
    #expect(plain.allSatisfy { $0.meter.isToken || $0.meter == .capacity || $0.meter == .other })
    let audioPlain = plain.filter { $0.meter.isToken && $0.sheetKey.lowercased().contains(" audio ") }
    #expect(audioPlain.isEmpty, "\(audioPlain.prefix(3).map(\.sheetKey))")
  }

  @Test func reservationsAreReservedCapacityWithTermTotals() throws {
    let sheet = try AzureTestData.usd.get()
    let reserved = sheet.rates.filter { $0.tier == .reserved }
    #expect(reserved.count == 48)
    #expect(reserved.allSatisfy { $0.meter == .capacity && $0.sheetUnit == "1/Hour" })
    #expect(
      reserved.allSatisfy {
        ($0.commitment == .oneMonth && $0.unit == "month") || ($0.commitment == .oneYear && $0.unit == "year")
      })
    #expect(reserved.allSatisfy { ExactDecimal.parse($0.sheetPrice) == $0.price })
  }

  @Test func exponentPricesKeepTheirText() throws {
    let sheet = try AzureTestData.usd.get()
    let exp = sheet.rates.filter { $0.sheetPrice.contains("e-") }
    #expect(!exp.isEmpty)
    for rate in exp.prefix(50) {
      let value = try #require(ExactDecimal.parse(rate.sheetPrice))
      #expect(rate.unit == "1M tokens")
      #expect(rate.price == value * (rate.sheetUnit == "1K" ? 1000 : 1))
    }
    let one = try #require(sheet.rates.first { $0.sheetPrice == "8.3e-05" })
    #expect(one.price == Decimal(string: "0.083")!)
  }

  @Test func eurPagesImportAsEUR() throws {
    #expect(AzureTestData.eurPages.count == 3)
    let sheet = try AzureTestData.eur.get()
    #expect(sheet.rowsRead == 2_239)
    #expect(sheet.skipped[AzureRetailReader.Reason.duplicate] == 1)
    #expect(sheet.skipped[AzureRetailReader.Reason.devTest] == 64)
    #expect(sheet.rates.count == 2_174)
    #expect(sheet.rates.allSatisfy { $0.currency == "EUR" })
    #expect(sheet.coverage.currency == "EUR")
    #expect(sheet.coverage.regions == ["westeurope", "swedencentral"])
    #expect(Set(sheet.rates.map(\.region)) == ["westeurope", "swedencentral"])
  }

  @Test func devTestIsCountedAndImportedOnRequest() throws {
    let page = "azure/retail-prices/page-0011.json"
    let plain = try AzureTestData.page(page)
    let devCount = try #require(plain.skipped[AzureRetailReader.Reason.devTest])
    #expect(devCount > 0)
    let with = try AzureTestData.page(page, options: ReadOptions(includeDevTest: true))
    #expect(with.skipped[AzureRetailReader.Reason.devTest] == nil)
    #expect(with.rates.count == plain.rates.count + devCount)
    let dev = with.rates.filter { $0.rateKey.contains("|DevTestConsumption|") }
    #expect(dev.count == devCount)
    #expect(dev.allSatisfy { $0.variant.hasSuffix("devtest") })
  }

  @Test func regionOptionFiltersAndNarrowsCoverage() throws {
    let sheet = try AzureTestData.page(
      "azure/retail-prices/page-0001.json", options: ReadOptions(regions: ["eastus2"]))
    #expect(!sheet.rates.isEmpty)
    #expect(sheet.rates.allSatisfy { $0.region == "eastus2" })
    #expect(sheet.coverage.regions == ["eastus2"])
    #expect((sheet.skipped[AzureRetailReader.Reason.regionNotSelected] ?? 0) > 0)
  }

  // MARK: envelope checks

  @Test func nullItemsIsAnErrorNamingFileAndPath() {
    let data = Data(#"{"BillingCurrency":"USD","Items":null,"NextPageLink":null}"#.utf8)
    #expect(
      throws: SheetError.malformed(file: "p.json", location: "Items", reason: "Items is missing or null")
    ) {
      try AzureRetailReader().read([SheetDocument(uri: "p.json", data: data)], options: ReadOptions())
    }
    let missing = Data(#"{"BillingCurrency":"USD","NextPageLink":null}"#.utf8)
    #expect(throws: SheetError.self) {
      try AzureRetailReader().read([SheetDocument(uri: "q.json", data: missing)], options: ReadOptions())
    }
  }

  @Test func badItemNamesItsPath() {
    let data = AzureTestData.pageJSON(items: "[\(AzureTestData.item()), {\"currencyCode\":\"USD\"}]")
    do {
      _ = try AzureRetailReader().read([SheetDocument(uri: "p.json", data: data)], options: ReadOptions())
      Issue.record("expected an error")
    } catch let SheetError.malformed(file, location, _) {
      #expect(file == "p.json")
      #expect(location.hasPrefix("Items[1]."))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func pagesInAnotherCurrencyAreAnError() {
    let a = SheetDocument(uri: "a.json", data: AzureTestData.pageJSON(items: "[\(AzureTestData.item())]"))
    let b = SheetDocument(
      uri: "b.json",
      data: AzureTestData.pageJSON(
        currency: "EUR", items: "[\(AzureTestData.item(meterId: "m-2", currency: "EUR"))]"))
    #expect(throws: SheetError.self) {
      try AzureRetailReader().read([a, b], options: ReadOptions())
    }
  }

  @Test func itemCurrencyMustMatchBillingCurrency() {
    let data = AzureTestData.pageJSON(items: "[\(AzureTestData.item(currency: "EUR"))]")
    do {
      _ = try AzureRetailReader().read([SheetDocument(uri: "p.json", data: data)], options: ReadOptions())
      Issue.record("expected an error")
    } catch let SheetError.invalidValue(_, location, _) {
      #expect(location == "Items[0].currencyCode")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func duplicatesCollapseAndConflictsFail() throws {
    let item = AzureTestData.item()
    let same = AzureTestData.pageJSON(items: "[\(item), \(item)]")
    let sheet = try AzureRetailReader().read(
      [SheetDocument(uri: "p.json", data: same)], options: ReadOptions())
    #expect(sheet.rates.count == 1)
    #expect(sheet.skipped[AzureRetailReader.Reason.duplicate] == 1)
    let conflict = AzureTestData.pageJSON(items: "[\(item), \(AzureTestData.item(price: "0.003"))]")
    #expect(throws: SheetError.self) {
      try AzureRetailReader().read([SheetDocument(uri: "p.json", data: conflict)], options: ReadOptions())
    }
  }

  @Test func numberTextIsKeptExactly() throws {
    let data = AzureTestData.pageJSON(items: "[\(AzureTestData.item(price: "8.3e-05"))]")
    let sheet = try AzureRetailReader().read(
      [SheetDocument(uri: "p.json", data: data)], options: ReadOptions())
    let rate = try #require(sheet.rates.first)
    #expect(rate.sheetPrice == "8.3e-05")
    #expect(rate.price == Decimal(string: "0.083")!)
    #expect(rate.unit == "1M tokens")
    #expect(rate.sheetModel == "gpt 4o 1120")
    #expect(rate.rateKey == "m-1|P1/0001|eastus2|Consumption||0")
  }

  @Test func unparsableTokenMeterIsCountedUnclassified() throws {
    let data = AzureTestData.pageJSON(
      items: "[\(AzureTestData.item(meterName: "gpt 4o Inp Outp glbl Tokens"))]")
    let sheet = try AzureRetailReader().read(
      [SheetDocument(uri: "p.json", data: data)], options: ReadOptions())
    #expect(sheet.unclassified.values.reduce(0, +) == 1)
    #expect(sheet.rates.first?.meter == .other)
  }

  /// Pretty-printed page, nested `savingsPlan` prices and a string that mentions `"retailPrice":`:
  /// the captured number text is still each item's own `retailPrice`.
  @Test func numberTextIgnoresNestedPricesAndStrings() throws {
    let sheet = try AzureRetailReader().read(
      [try AzureTestData.fixture("pretty-savings-plan.json")], options: ReadOptions())
    #expect(sheet.rates.count == 2)
    let cached = try #require(sheet.rates.first { $0.meter == .cacheRead })
    #expect(cached.sheetPrice == "8.3e-05")
    #expect(cached.price == Decimal(string: "0.083")!)
    #expect(cached.sheetModel == "gpt 4o mini 0718")
    let reserved = try #require(sheet.rates.first { $0.tier == .reserved })
    #expect(reserved.sheetPrice == "2652.0")
    #expect(reserved.price == 2652)
    #expect(reserved.commitment == .oneYear && reserved.unit == "year" && reserved.scope == .global)
  }
}
