@testable import PriceSheets
import Pricing
import Testing

/// The classifier on a table of rows, one per quirk of the Price List.
@Suite("AWS classifier")
struct AWSClassifierTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var usagetype: String
    var unit: String = "1K tokens"
    var offer: String = AWSOffers.bedrock
    var attributes: [String: String] = [:]
    var description: String = ""
    /// `tier/meter/scope/variant/commitment`, `skip: <reason>` or `unclassified: <reason>`.
    var expected: String
    var testDescription: String { usagetype }
  }

  static let fm = AWSOffers.foundationModels

  static let cases: [Case] = [
    // AmazonBedrock legacy SKUs.
    Case(
      usagetype: "USE1-Claude2.0-input-tokens",
      attributes: ["feature": "On-demand Inference", "inferenceType": "Input tokens"],
      expected: "standard/input/regional//none"),
    Case(
      usagetype: "USE1-NovaMicro-output-tokens", attributes: ["provider": ""],
      expected: "standard/output/regional//none"),
    Case(
      usagetype: "USE1-Llama4-Scout-17B-input-tokens-batch",
      attributes: ["feature": "BatchInference", "inferenceType": "input tokens batch"],
      expected: "batch/input/regional//none"),
    Case(
      usagetype: "APN1-NovaPro-input-tokens-batch",
      attributes: ["feature": "Batch Inference", "inferenceType": "Input tokens"],
      expected: "batch/input/regional//none"),
    // Nova 2.0 Lite global batch: only the usagetype tail says batch.
    Case(
      usagetype: "USE1-Nova2.0Lite-input-tokens-cross-region-global-batch",
      attributes: ["feature": "On-demand Inference", "inferenceType": "Input tokens"],
      expected: "batch/input/global//none"),
    Case(
      usagetype: "EU-Nova2.0Lite-output-tokens-priority-cross-region-global",
      attributes: ["inferenceType": "Output tokens priority"], expected: "priority/output/global//none"),
    Case(
      usagetype: "USE1-NovaPro-cache-write-input-token-count", expected: "standard/cache_write/regional//none"
    ),
    Case(
      usagetype: "USE1-NovaPro-cache-read-input-token-count", expected: "standard/cache_read/regional//none"),
    Case(
      usagetype: "USE2-Llama3-1-405B-input-tokens-latency-optimized",
      expected: "standard/input/regional/latency-optimized/none"),
    Case(usagetype: "USE1-NovaSonic-speech-input-tokens", expected: "standard/input/regional/speech/none"),
    Case(usagetype: "USE1-NovaSonic-text-output-tokens", expected: "standard/output/regional//none"),
    Case(
      usagetype: "USE1-Nova2.0Omni-input-audio-token-count", expected: "standard/input/regional/audio/none"),
    Case(
      usagetype: "UGE1-TitanEmbeddingV2-Text-input-tokens",
      attributes: ["titanModel": "Titan Text Embeddings V2"],
      expected: "standard/input/regional/embedding/none"),
    Case(
      usagetype: "USE1-NovaPro-input-tokens-custom-model",
      expected: "standard/input/regional/custom-model/none"),
    Case(
      usagetype: "USE1-Claude4Sonnet-input-tokens-long-context-cross-region-global-batch",
      offer: AWSOffers.service, attributes: ["feature": "Batch Inference"],
      expected: "batch/input/global/long-context/none"),
    // Mantle endpoint.
    Case(
      usagetype: "APN1-zai.glm5-mantle-input-tokens-standard", attributes: ["service_tier": "standard"],
      expected: "standard/input/regional//none"),
    Case(
      usagetype: "EUS1-qwen.qwen3-coder-next-mantle-input-tokens-flex", attributes: ["service_tier": "flex"],
      expected: "flex/input/regional//none"),
    Case(
      usagetype: "USE1-openai.gpt-5.6-luna-mantle-input-tokens-global-standard",
      attributes: ["service_tier": "global-standard"], expected: "standard/input/global//none"),
    Case(
      usagetype: "USE1-moonshotai.kimi-k3.1-mantle-output-tokens-global-priority",
      expected: "priority/output/global//none"),
    Case(
      usagetype: "USW2-anthropic.claude-haiku-4-5-mantle-cache-write-tokens-1h-standard",
      expected: "standard/cache_write/regional/1h/none"),
    Case(
      usagetype: "APS3-moonshotai.kimi-k3.1-mantle-cache-write-tokens-5m-global-standard",
      expected: "standard/cache_write/global/5m/none"),
    Case(
      usagetype: "USE2-openai.gpt-5.6-sol-mantle-cache-read-tokens-long-ctx-standard",
      expected: "standard/cache_read/regional/long-context/none"),
    // FM camel usagetypes.
    Case(
      usagetype: "USE1-MP:USE1_InputTokenCount-Units", unit: "1M tokens", offer: fm,
      expected: "standard/input/regional//none"),
    Case(
      usagetype: "USE1-MP:USE1_InputTokenCount_Global-Units", unit: "1M tokens", offer: fm,
      expected: "standard/input/global//none"),
    Case(
      usagetype: "USE1-MP:USE1_InputTokenCount_Geo-Units", unit: "1M tokens", offer: fm,
      expected: "standard/input/geo//none"),
    Case(
      usagetype: "APS3-MP:APS3_InputTokenCount_Batch-Units", unit: "1M tokens", offer: fm,
      expected: "batch/input/regional//none"),
    Case(
      usagetype: "EUW2-MP:EUW2_InputTokenCount_Global_Batch-Units", unit: "1M tokens", offer: fm,
      expected: "batch/input/global//none"),
    Case(
      usagetype: "EUW2-MP:EUW2_OutputTokenCount_LCtx-Units", unit: "1M tokens", offer: fm,
      expected: "standard/output/regional/long-context/none"),
    Case(
      usagetype: "EUC1-MP:EUC1_CacheWrite1hInputTokenCount_Global-Units", unit: "1M tokens", offer: fm,
      expected: "standard/cache_write/global/1h/none"),
    Case(
      usagetype: "USE1-MP:USE1_CacheWriteInputTokenCount-Units", unit: "1M tokens", offer: fm,
      expected: "standard/cache_write/regional//none"),
    Case(
      usagetype: "USE2-MP:USE2_OutputTokenCount_LatencyOptimized-Units", unit: "1M tokens", offer: fm,
      expected: "standard/output/regional/latency-optimized/none"),
    Case(
      usagetype: "USE1-MP:USE1_InputTokenCount-Units", unit: "Units", offer: fm,
      attributes: ["servicename": "Claude 3 Haiku (Amazon Bedrock Edition)"],
      expected: "standard/input/regional//none"),
    // FM snake usagetypes.
    Case(
      usagetype: "USW2-MP:USW2_input_tokens_global_standard-Units", unit: "1M tokens", offer: fm,
      expected: "standard/input/global//none"),
    Case(
      usagetype: "APS4-MP:APS4_output_tokens_global_batch-Units", unit: "1M tokens", offer: fm,
      expected: "batch/output/global//none"),
    Case(
      usagetype: "EU-MP:EU_cache_write_tokens_1h_long_ctx_standard-Units", unit: "1M tokens", offer: fm,
      expected: "standard/cache_write/regional/long-context 1h/none"),
    Case(
      usagetype: "USW2-MP:USW2_cache_write_tokens_30m_standard-Units", unit: "1M tokens", offer: fm,
      expected: "standard/cache_write/regional/30m/none"),
    Case(
      usagetype: "APS6-MP:APS6_input_tokens_long_ctx_standard-Units", unit: "1M tokens", offer: fm,
      expected: "standard/input/regional/long-context/none"),
    // Direction only in the description (Cohere Embed 4).
    Case(
      usagetype: "USE1-MP:USE1_Cohere_Embed_V4-Units", unit: "Units", offer: fm,
      description: "AWS Marketplace software usage|us-east-1|Million Input Tokens",
      expected: "standard/input/regional/embedding/none"),
    // Capacity.
    Case(
      usagetype: "USW2-Llama3-1-70B-ProvisionedThroughput-6MonthCommit", unit: "hour",
      attributes: ["feature": "Provisioned Throughput"], expected: "provisioned/capacity/regional//6 months"),
    Case(
      usagetype: "USW2-Llama3-1-70B-ProvisionedThroughput-NoCommit", unit: "hour",
      expected: "provisioned/capacity/regional//none"),
    Case(
      usagetype: "USE1-MP:USE1_ProvisionedThroughput_1MonthCommit_ModelUnits_Usage-Units", unit: "hour",
      offer: fm, expected: "provisioned/capacity/regional//1 month"),
    Case(
      usagetype: "USE1-MP:USE1_Reserved_1Month_InputTPM_Geo-Units", unit: "1M TPM Hour", offer: fm,
      expected: "reserved/capacity/geo/input-tpm/1 month"),
    Case(
      usagetype: "USE1-MP:USE1_Reserved_1Month_OutputTPM_Global-Units", unit: "1M TPM Hour", offer: fm,
      expected: "reserved/capacity/global/output-tpm/1 month"),
    Case(
      usagetype: "USE1-MP:USE1_Reserved_3Month_OutputTPM_Global-Units", unit: "1M TPM Hour", offer: fm,
      expected: "reserved/capacity/global/output-tpm/3 months"),
    // Non-token SKUs.
    Case(
      usagetype: "APS6-Guardrail-ContentPolicyUnitsConsumed", unit: "1K text units",
      attributes: ["feature": "Guardrails"], expected: "standard/other/regional/guardrail content-policy/none"
    ),
    Case(
      usagetype: "USE1-NovaCanvas-T2I-1024-Premium", unit: "image",
      expected: "standard/other/regional/image-generation 1024-premium/none"),
    Case(
      usagetype: "USE1-NovaReel-T2V-720p", unit: "second",
      expected: "standard/other/regional/video-generation 720p/none"),
    Case(
      usagetype: "CAN1-amazon.rerank-v1-search-units", unit: "Requests",
      expected: "standard/other/regional/rerank/none"),
    Case(
      usagetype: "USW2-Llama3-2-90B-custom-model-storage", unit: "Model-Month",
      expected: "standard/other/regional/custom-model-storage/none"),
    Case(
      usagetype: "USW2-Llama3-2-90B-customization-training", expected: "standard/other/regional/training/none"
    ),
    Case(
      usagetype: "USW2-MP:USW2_inputVideoSecond_Global-Units", unit: "Units", offer: fm,
      expected: "standard/other/global/video-input-second/none"),
    Case(
      usagetype: "USW2-MP:USW2_InputImageCount-Units", unit: "Units", offer: fm,
      expected: "standard/other/regional/image-input/none"),
    // Skipped and unclassified.
    Case(
      usagetype: "USE1-MP:USE1_InputTokenCount-Units", unit: "Units", offer: fm,
      attributes: ["servicename": "Claude Instant (100K) (Amazon Bedrock Edition)"],
      expected: "skip: legacy listing 'Claude Instant (100K)' (superseded by 'Claude Instant')"),
    Case(
      usagetype: "USE1-Mystery-tokens",
      expected: "unclassified: token SKU without input/output/cache direction"),
    Case(
      usagetype: "USE1-Foo-input-tokens-batch", attributes: ["service_tier": "flex"],
      expected: "unclassified: tier signals disagree (usagetype says batch, service_tier says flex)"),
    Case(
      usagetype: "USE1-Foo-widgets", unit: "Widgets",
      expected: "unclassified: non-token SKU of unknown kind (unit 'Widgets')"),
    Case(
      usagetype: "USE1-MP:USE1_inputWidgetCount-Units", unit: "Units", offer: fm,
      description: "AWS Marketplace software usage|us-east-1|Input Widgets",
      expected: "unclassified: non-token SKU of unknown kind (unit 'Units')"),
  ]

  @Test("classification table", arguments: cases)
  func table(_ c: Case) {
    var attributes = c.attributes
    attributes["usagetype"] = c.usagetype
    let row = AWSPriceRow(
      offerCode: c.offer, sku: "SKU", offerTermCode: "JRTCKXETXF", rateCode: "SKU.JRTCKXETXF.X",
      attributes: attributes, unit: c.unit, currency: "USD", priceText: "1", description: c.description,
      effectiveDate: "2026-01-01T00:00:00Z", location: "here", productLocation: "products.SKU")
    let got: String =
      switch AWSClassifier().classify(row) {
      case .classified(let k): k.description
      case .skipped(let reason): "skip: " + reason.text
      case .unclassified(_, let reason): "unclassified: " + reason
      }
    #expect(got == c.expected)
  }

  @Test("region from regionCode, else the usagetype prefix, else the location")
  func regions() {
    #expect(AWSRegions.region(regionCode: "eu-west-1", usagetype: "USE1-x", location: nil) == "eu-west-1")
    #expect(
      AWSRegions.region(regionCode: nil, usagetype: "EU-Llama3-8B-input-tokens", location: nil) == "eu-west-1"
    )
    #expect(AWSRegions.region(regionCode: "", usagetype: "EUC1-x", location: nil) == "eu-central-1")
    #expect(AWSRegions.region(regionCode: nil, usagetype: "APS3-x", location: nil) == "ap-south-1")
    #expect(AWSRegions.region(regionCode: nil, usagetype: "APS4-x", location: nil) == "ap-southeast-3")
    #expect(AWSRegions.region(regionCode: nil, usagetype: "UGW1-x", location: nil) == "us-gov-west-1")
    #expect(
      AWSRegions.region(regionCode: nil, usagetype: "Global-x", location: "AWS GovCloud (US-East)")
        == "us-gov-east-1")
    #expect(AWSRegions.region(regionCode: nil, usagetype: "x", location: "Mars (Olympus)") == nil)
  }

  @Test("usagetype words")
  func words() {
    #expect(
      AWSClassifier.words("CacheWrite1hInputTokenCount_Global") == [
        "cache", "write", "1h", "input", "token", "count", "global",
      ])
    #expect(
      AWSClassifier.words("ProvisionedThroughput-1MonthCommit") == [
        "provisioned", "throughput", "1month", "commit",
      ])
    #expect(AWSClassifier.usageTail("USE1-MP:USE1_InputTokenCount-Units") == "InputTokenCount-Units")
    #expect(AWSClassifier.usageTail("EU-Llama3-8B-input-tokens") == "Llama3-8B-input-tokens")
  }
}
