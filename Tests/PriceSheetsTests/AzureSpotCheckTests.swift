import Foundation
import Pricing
import Testing

@testable import PriceSheets

/// Every Azure row of `../shared/pricesheets/expected/spot_checks.csv`, reproduced from its page.
@Suite struct AzureSpotCheckTests {
  /// What each `price_kind` must become: tier, meter, variant, normalised unit.
  static let kinds: [String: (Tier, Meter, String, String)] = [
    "input": (.standard, .input, "", "1M tokens"),
    "output": (.standard, .output, "", "1M tokens"),
    "cache_read": (.standard, .cacheRead, "", "1M tokens"),
    "batch_input": (.batch, .input, "", "1M tokens"),
    "priority_input": (.priority, .input, "", "1M tokens"),
    "long_context_input": (.standard, .input, "long-context", "1M tokens"),
    "embedding_input": (.standard, .input, "embedding", "1M tokens"),
    "tokens_combined": (.standard, .input, "combined", "1M tokens"),
    "ptu_hour": (.provisioned, .capacity, "", "hour"),
    "ptu_month": (.provisioned, .capacity, "", "month"),
    "reservation_1month": (.reserved, .capacity, "", "month"),
    "free_meter": (.standard, .other, "", "hour"),
    "storage_gb_day": (.standard, .other, "", "GB-day"),
  ]

  @Test func azureSpotChecksExist() throws {
    let checks = try AzureTestData.spotChecks()
    #expect(checks.count >= 50)
    #expect(Set(checks.compactMap { $0["price_kind"] }).isSubset(of: Set(Self.kinds.keys)))
  }

  @Test(arguments: (try? AzureTestData.spotChecks().indices.map { $0 }) ?? [])
  func spotCheck(_ index: Int) throws {
    let check = try AzureTestData.spotChecks()[index]
    func col(_ name: String) -> String { check[name] ?? "" }
    let file = col("source_file")
    let priceType = col("price_type")
    let sheet = try AzureTestData.page(
      file, options: ReadOptions(includeDevTest: priceType == "DevTestConsumption"))
    let type: String
    var term = ""
    if priceType.hasPrefix("Reservation ") {
      type = "Reservation"
      term = String(priceType.dropFirst("Reservation ".count))
    } else {
      type = priceType
    }
    let matches = sheet.rates.filter {
      $0.sheetKey == col("sheet_key") && $0.region == col("region")
        && $0.service == col("service_code_or_product") && $0.currency == col("currency")
        && $0.rateKey.contains("|\(type)|\(term)|")
    }
    try #require(
      matches.count == 1, "\(col("sheet_key")) \(col("region")) \(priceType): \(matches.count) rates")
    let rate = matches[0]
    let (tier, meter, variant, unit) = try #require(Self.kinds[col("price_kind")])
    #expect(rate.provider == .azure)
    #expect(rate.tier == tier)
    #expect(rate.meter == meter)
    let expectedVariant =
      priceType == "DevTestConsumption"
      ? [variant, "devtest"].filter { !$0.isEmpty }.joined(separator: ",") : variant
    #expect(rate.variant == expectedVariant)
    #expect(rate.unit == unit)
    #expect(rate.sheetUnit == col("unit"))
    #expect(ExactDecimal.parse(rate.sheetPrice) == ExactDecimal.parse(col("price")))
    let scope = col("scope") == "unspecified" ? Scope.regional : Scope(rawValue: col("scope"))
    #expect(rate.scope == scope)
    let normalized = try #require(ExactDecimal.parse(col("price_normalized")))
    if tier == .reserved {
      // The spot check states the hourly equivalent (term total / 730 h); storage keeps the total.
      #expect(rate.commitment == .oneMonth)
      let decimals = col("price_normalized").split(separator: ".").last.map(\.count) ?? 0
      #expect(ExactDecimal.round(rate.price / 730, scale: decimals) == normalized)
      #expect(rate.price == ExactDecimal.parse(col("price")))
    } else {
      #expect(rate.commitment == Commitment.none)
      #expect(rate.price == normalized)
    }
    #expect(rate.sheetModel.isEmpty == false)
  }
}
