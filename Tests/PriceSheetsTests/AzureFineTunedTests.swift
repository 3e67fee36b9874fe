import Foundation
import Pricing
import Testing

@testable import PriceSheets

/// Fine-tuned meters are not base prices: every spelling of a fine-tune meter in the shared Azure
/// pages (`ft`, `FT`, `RFT`, `Fine Tuned`) gets the `fine-tuned` variant, so the engine, which
/// compares plain variants only, never quotes a base model at a fine-tuned price.
@Suite("Azure fine-tuned meters")
struct AzureFineTunedTests {
  /// Words that spell "fine-tuned" in a meter name, as a user reading the sheet would see them.
  static func isFineTuneSpelling(_ meterName: String) -> Bool {
    meterName.contains(try! Regex("(?i)(^|[^a-z])(r?ft|fine[ -]?tuned?)([^a-z]|$)"))
  }

  @Test("every fine-tune spelling in the real pages is tagged fine-tuned")
  func everySpellingTagged() throws {
    let sheet = try AzureTestData.usd.get()
    let fineTuned = sheet.rates.filter { Self.isFineTuneSpelling($0.sheetKey) }
    #expect(fineTuned.count > 100)
    let untagged = Set(fineTuned.filter { !$0.variant.split(separator: ",").contains("fine-tuned") }.map(\.sheetKey))
    #expect(untagged.isEmpty, "\(untagged.sorted())")
  }

  @Test("the Babbage-002 and Davinci-002 'Fine Tuned' meters are fine-tuned, not base prices")
  func legacyFineTunedMeters() throws {
    let sheet = try AzureTestData.usd.get()
    let legacy = sheet.rates.filter { $0.sheetKey.contains("Fine Tuned") }
    #expect(
      Set(legacy.map(\.sheetKey)) == [
        "Az-Babbage-002-Fine Tuned-Input Tokens", "Az-Babbage-002-Fine Tuned-Output Tokens",
        "Az-Davinci-002-Fine Tuned-Input Tokens", "Az-Davinci-002-Fine Tuned-Output Tokens",
      ])
    #expect(legacy.count == 6)
    for rate in legacy {
      #expect(rate.variant == "fine-tuned", "\(rate.sheetKey) \(rate.region)")
    }
    // No plain (base-price) babbage-002 or davinci-002 token rate comes from a fine-tune meter.
    let plain = sheet.rates.filter {
      $0.variant.isEmpty && Self.isFineTuneSpelling($0.sheetKey)
    }
    #expect(plain.isEmpty, "\(plain.map(\.sheetKey))")
  }
}
