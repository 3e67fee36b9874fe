import Foundation
import PriceSheets
import Pricing
import Testing

/// Every AWS row of `expected/spot_checks.csv` is reproduced by reading its source file.
@Suite("AWS spot checks")
struct AWSSpotCheckTests {
  /// What a spot check's `price_kind` means in ratecard's vocabulary.
  struct Expectation {
    var tier: Tier
    var meter: Meter
    /// Accepted variants ("" for plain text tokens; `embedding` is accepted for embedding models).
    var variants: Set<String>
    var commitment: Commitment = .none
    var unit: String?
  }

  static let kinds: [String: Expectation] = [
    "input": .init(tier: .standard, meter: .input, variants: ["", "embedding"], unit: "1M tokens"),
    "output": .init(tier: .standard, meter: .output, variants: ["", "embedding"], unit: "1M tokens"),
    "cache_write": .init(tier: .standard, meter: .cacheWrite, variants: ["", "5m"], unit: "1M tokens"),
    "cache_write_1h": .init(tier: .standard, meter: .cacheWrite, variants: ["1h"], unit: "1M tokens"),
    "batch_input": .init(tier: .batch, meter: .input, variants: [""], unit: "1M tokens"),
    "batch_output": .init(tier: .batch, meter: .output, variants: [""], unit: "1M tokens"),
    "flex_input": .init(tier: .flex, meter: .input, variants: [""], unit: "1M tokens"),
    "priority_input": .init(tier: .priority, meter: .input, variants: [""], unit: "1M tokens"),
    "latency_optimized_input": .init(
      tier: .standard, meter: .input, variants: ["latency-optimized"], unit: "1M tokens"),
    "long_context_input": .init(
      tier: .standard, meter: .input, variants: ["long-context"], unit: "1M tokens"),
    "audio_input": .init(tier: .standard, meter: .input, variants: ["speech", "audio"], unit: "1M tokens"),
    "embedding_input": .init(tier: .standard, meter: .input, variants: ["embedding"], unit: "1M tokens"),
    "pt_hour_1month": .init(
      tier: .provisioned, meter: .capacity, variants: [""], commitment: .oneMonth, unit: "hour"),
    "pt_hour_6month": .init(
      tier: .provisioned, meter: .capacity, variants: [""], commitment: .sixMonths, unit: "hour"),
    "reserved_tpm_1month_input": .init(
      tier: .reserved, meter: .capacity, variants: ["input-tpm"], commitment: .oneMonth,
      unit: "1M TPM Hour"),
    "guardrail": .init(
      tier: .standard, meter: .other, variants: ["guardrail content-policy"], unit: "1K text units"),
    "image_generation": .init(
      tier: .standard, meter: .other, variants: ["image-generation 1024-standard"], unit: "image"),
    "storage_month": .init(
      tier: .standard, meter: .other, variants: ["custom-model-storage"], unit: "Model-Month"),
  ]

  @Test("every AWS spot check is reproduced from its source file")
  func spotChecks() throws {
    let checks = try AWSTestData.spotChecks()
    #expect(checks.count == 47)
    for check in checks {
      let key = check["sheet_key"] ?? ""
      let model = check["model"] ?? ""
      let region = check["region"] ?? ""
      let service = check["service_code_or_product"] ?? ""
      let priceKind = check["price_kind"] ?? ""
      let label = "\(key) / \(model) [\(priceKind)]"
      let kind = try #require(Self.kinds[priceKind], "unmapped price kind: \(label)")
      let sheet = try AWSTestData.sheet(AWSTestData.shared(check["source_file"] ?? ""))
      let matches: [Rate] = sheet.rates.filter { (r: Rate) -> Bool in
        r.service == service && r.sheetKey == key && r.region == region && r.sheetModel == model
      }
      let rate = try #require(matches.count == 1 ? matches.first : nil, "\(matches.count) rates for \(label)")
      #expect(rate.scope.rawValue == check["scope"], "\(label)")
      #expect(rate.tier == kind.tier, "\(label)")
      #expect(rate.meter == kind.meter, "\(label)")
      #expect(kind.variants.contains(rate.variant), "\(label): variant '\(rate.variant)'")
      #expect(rate.commitment == kind.commitment, "\(label)")
      #expect(rate.sheetUnit == check["unit"], "\(label)")
      #expect(rate.sheetPrice == check["price"], "\(label)")
      let normalized = try #require(ExactDecimal.parse(check["price_normalized"] ?? ""))
      #expect(rate.price == normalized, "\(label): \(rate.price)")
      if let unit = kind.unit { #expect(rate.unit == unit, "\(label)") }
      #expect(rate.currency == check["currency"], "\(label)")
    }
  }

  @Test("embedding models carry the embedding variant, chat models none")
  func embeddingVariant() throws {
    let sheet = try AWSTestData.sheet(
      AWSTestData.shared("aws/offers/v1.0/aws/AmazonBedrock/20260911124408/us-gov-east-1/index.json"))
    let titan = try #require(sheet.rates.first { $0.sheetKey == "UGE1-TitanEmbeddingV2-Text-input-tokens" })
    #expect(titan.variant == "embedding")
    #expect(titan.sheetModel == "Titan Text Embeddings V2")
  }
}
