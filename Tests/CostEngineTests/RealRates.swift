import CostEngine
import Foundation
import Pricing

/// Real rates from ../shared/pricesheets (AWS provenance.csv rows, Azure Retail Prices pages),
/// built the way the importers store them: unit `1M tokens`, price per 1M tokens.
enum RealRates {
  // Azure OpenAI gpt-4o 2024-11-20 ("gpt 4o 1120"), eastus2 and swedencentral, per 1K in the sheet.
  static func gpt4o(_ region: String) -> [Rate] {
    let sweden = region == "swedencentral"
    func az(_ meter: String, _ scope: Scope, _ tier: Tier, _ m: Meter, _ perMillion: String, _ perK: String, _ id: String) -> Rate {
      rate(.azure, "Azure OpenAI", sku: id, key: "gpt 4o 1120 \(meter) Tokens", sheetModel: "gpt 4o 1120",
        region: region, scope: scope, tier: tier, meter: m, perMillion: perMillion, sheetUnit: "1K", sheetPrice: perK,
        effectiveFrom: "2024-12-01T00:00:00Z")
    }
    var rates = [
      az("Inp glbl", .global, .standard, .input, "2.5", "0.0025", sweden ? "f7b3efe4" : "c1087ab4"),
      az("cached Inp glbl", .global, .standard, .cacheRead, "1.25", "0.00125", sweden ? "0bb7bd8b" : "59319c39"),
      az("Outp glbl", .global, .standard, .output, "10", "0.01", sweden ? "929c8ede" : "4c79fe86"),
      az("Batch Inp glbl", .global, .batch, .input, "1.25", "0.00125", sweden ? "9f4022f6" : "51e27833"),
      az("Batch Outp glbl", .global, .batch, .output, "5", "0.005", sweden ? "f07e91e8" : "7b7f8deb"),
      az("Inp Data Zone", .datazone, .standard, .input, "2.75", "0.00275", sweden ? "3174515e" : "d5825185"),
      az("cached Inp Data Zone", .datazone, .standard, .cacheRead, "1.375", "0.001375", sweden ? "bb8c1c8a" : "df7e82b1"),
      az("Outp Data Zone", .datazone, .standard, .output, "11", "0.011", sweden ? "3d0b0012" : "0401f5ef"),
      az("Batch Inp DZ", .datazone, .batch, .input, "1.375", "0.001375", sweden ? "d78cc83a" : "2cdd1a01"),
      az("Batch Outp DZ", .datazone, .batch, .output, "5.5", "0.0055", sweden ? "799c0a2b" : "f40027fc"),
    ]
    rates += sweden
      ? [
        az("Inp regnl", .regional, .standard, .input, "3.025", "0.003025", "eac000c5"),
        az("cached Inp regnl", .regional, .standard, .cacheRead, "1.513", "0.001513", "9e9885f1"),
        az("Outp regnl", .regional, .standard, .output, "12.1", "0.0121", "b652a5b7"),
      ]
      : [
        az("Inp regnl", .regional, .standard, .input, "2.75", "0.00275", "28a6d421"),
        az("cached Inp regnl", .regional, .standard, .cacheRead, "1.375", "0.001375", "78357244"),
        az("Outp regnl", .regional, .standard, .output, "11", "0.011", "ef3c2168"),
      ]
    return rates
  }

  // Azure OpenAI OSS Models gpt-oss-120B, eastus2 and swedencentral.
  static func gptOssAzure(_ region: String) -> [Rate] {
    let sweden = region == "swedencentral"
    func az(_ meter: String, _ scope: Scope, _ m: Meter, _ perMillion: String, _ perK: String, _ id: String) -> Rate {
      rate(.azure, "Azure OpenAI OSS Models", sku: id, key: "gpt-oss-120B \(meter) Tokens", sheetModel: "gpt-oss-120B",
        region: region, scope: scope, meter: m, perMillion: perMillion, sheetUnit: "1K", sheetPrice: perK,
        effectiveFrom: "2026-03-01T00:00:00Z")
    }
    return [
      az("Inp glbl", .global, .input, "0.15", "0.00015", sweden ? "c6dd229a" : "0efb1dd5"),
      az("Outp glbl", .global, .output, "0.6", "0.0006", sweden ? "67127c87" : "4977c418"),
      az("Inp DZone", .datazone, .input, "0.165", "0.000165", sweden ? "d410d00d" : "7dd5b717"),
      az("Outp DZone", .datazone, .output, "0.66", "0.00066", sweden ? "a73eba81" : "f76b6501"),
    ]
  }

  static func aws(_ sku: String, _ key: String, _ model: String, _ region: String, _ tier: Tier, _ meter: Meter,
                  _ perMillion: String, _ perK: String, scope: Scope = .regional, service: String = "AmazonBedrock") -> Rate {
    rate(.aws, service, sku: sku, key: key, sheetModel: model, region: region, scope: scope, tier: tier, meter: meter,
      perMillion: perMillion, sheetUnit: "1K tokens", sheetPrice: perK)
  }

  // AmazonBedrock Nova Pro, us-east-1 and eu-central-1 (cache write is a published zero).
  static let novaPro: [Rate] = [
    aws("F3XFCXK1T0FUR1Z1", "USE1-NovaPro-input-tokens", "Nova Pro", "us-east-1", .standard, .input, "0.8", "0.0008000000"),
    aws("TXCIIO0CV0SLR6W0", "USE1-NovaPro-output-tokens", "Nova Pro", "us-east-1", .standard, .output, "3.2", "0.0032000000"),
    aws("204PD7KSPCU8HOG0", "USE1-NovaPro-cache-read-input-token-count", "Nova Pro", "us-east-1", .standard, .cacheRead, "0.2", "0.0002000000"),
    aws("MKEAK2HLYPN47VK8", "USE1-NovaPro-cache-write-input-token-count", "Nova Pro", "us-east-1", .standard, .cacheWrite, "0", "0.0000000000"),
    aws("3X1UWNHKIUC8HRK8", "USE1-NovaPro-input-tokens-batch", "Nova Pro", "us-east-1", .batch, .input, "0.4", "0.0004000000"),
    aws("H6ISP6XFX5PIZALL", "USE1-NovaPro-output-tokens-batch", "Nova Pro", "us-east-1", .batch, .output, "1.6", "0.0016000000"),
    aws("HYIT19NMDUN1NJYO", "EUC1-NovaPro-input-tokens", "Nova Pro", "eu-central-1", .standard, .input, "1.05", "0.0010500000"),
    aws("CPSX7LMSCWWMD1GY", "EUC1-NovaPro-output-tokens", "Nova Pro", "eu-central-1", .standard, .output, "4.2", "0.0042000000"),
    aws("8Q8CN03FSMMYAN10", "EUC1-NovaPro-cache-read-input-token-count", "Nova Pro", "eu-central-1", .standard, .cacheRead, "0.2625", "0.0002625000"),
    aws("75SKF4SO2DTLNI01", "EUC1-NovaPro-cache-write-input-token-count", "Nova Pro", "eu-central-1", .standard, .cacheWrite, "0", "0.0000000000"),
    aws("8X6G94XUWRQMQK04", "EUC1-NovaPro-input-tokens-batch", "Nova Pro", "eu-central-1", .batch, .input, "0.525", "0.0005250000"),
    aws("GC0LFSUFJSPACWP2", "EUC1-NovaPro-output-tokens-batch", "Nova Pro", "eu-central-1", .batch, .output, "2.1", "0.0021000000"),
  ]

  // AmazonBedrock gpt-oss-120b us-east-1: legacy SKUs and their mantle service-tier twins (same price).
  static let gptOssAWS: [Rate] = [
    aws("P9OJ5CITLL2SGJVW", "USE1-GPT-OSS-120B-input-tokens", "gpt-oss-120b", "us-east-1", .standard, .input, "0.15", "0.0001500000"),
    aws("4JYDWBTOFYM3RCFE", "USE1-GPT-OSS-120B-output-tokens", "gpt-oss-120b", "us-east-1", .standard, .output, "0.6", "0.0006000000"),
    aws("6IXWNI5NECS8SJZL", "USE1-openai.gpt-oss-120b-mantle-input-tokens-standard", "gpt-oss-120b", "us-east-1", .standard, .input, "0.15", "0.0001500000"),
    aws("36TIV5DVW904E9AQ", "USE1-openai.gpt-oss-120b-mantle-output-tokens-standard", "gpt-oss-120b", "us-east-1", .standard, .output, "0.6", "0.0006000000"),
    aws("NN7BHPH6DIOOZEBU", "USE1-GPT-OSS-120B-input-tokens-batch", "gpt-oss-120b", "us-east-1", .batch, .input, "0.075", "0.0000750000"),
    aws("BWGUWM8SKZVWL2C2", "USE1-GPT-OSS-120B-output-tokens-batch", "gpt-oss-120b", "us-east-1", .batch, .output, "0.3", "0.0003000000"),
  ]

  // AmazonBedrock Llama 3.3 70B us-east-1.
  static let llama33: [Rate] = [
    aws("OE1XZ5UP69D6Y99Z", "USE1-Llama3-3-70B-input-tokens", "Llama 3.3 70B", "us-east-1", .standard, .input, "0.72", "0.0007200000"),
    aws("AHAZBHBD0KKX3987", "USE1-Llama3-3-70B-output-tokens", "Llama 3.3 70B", "us-east-1", .standard, .output, "0.72", "0.0007200000"),
  ]

  // AmazonBedrock Llama 3.1 70B us-east-1, on demand and provisioned throughput (hourly per model unit).
  static let llama31: [Rate] = [
    aws("DSTYDDZ21T7LGXJH", "USE1-Llama3-1-70B-input-tokens", "Llama 3.1 70B", "us-east-1", .standard, .input, "0.72", "0.0007200000"),
    aws("47B4BJ6A9Z69HK93", "USE1-Llama3-1-70B-output-tokens", "Llama 3.1 70B", "us-east-1", .standard, .output, "0.72", "0.0007200000"),
    rate(.aws, "AmazonBedrock", sku: "WXXUX7YZDNK6DB6Q", key: "USE1-Llama3-1-70B-ProvisionedThroughput-NoCommit",
      sheetModel: "Llama 3.1 70B", region: "us-east-1", scope: .regional, tier: .provisioned, meter: .capacity,
      perMillion: "24", sheetUnit: "hour", sheetPrice: "24.0000000000", unit: "hour"),
    rate(.aws, "AmazonBedrock", sku: "5TXRIZ19K158N0A8", key: "USE1-Llama3-1-70B-ProvisionedThroughput-1MonthCommit",
      sheetModel: "Llama 3.1 70B", region: "us-east-1", scope: .regional, tier: .provisioned, meter: .capacity,
      perMillion: "21.18", sheetUnit: "hour", sheetPrice: "21.1800000000", unit: "hour", commitment: .oneMonth),
    rate(.aws, "AmazonBedrock", sku: "OG65RDAPEP58JE2I", key: "USE1-Llama3-1-70B-ProvisionedThroughput-6MonthCommit",
      sheetModel: "Llama 3.1 70B", region: "us-east-1", scope: .regional, tier: .provisioned, meter: .capacity,
      perMillion: "13.08", sheetUnit: "hour", sheetPrice: "13.0800000000", unit: "hour", commitment: .sixMonths),
  ]

  // AmazonBedrockFoundationModels Claude Sonnet 4.6 us-east-1, regional and global (prices per 1M in the sheet).
  static let sonnet46: [Rate] = {
    func fm(_ sku: String, _ key: String, _ scope: Scope, _ tier: Tier, _ meter: Meter, _ price: String, variant: String = "") -> Rate {
      rate(.aws, "AmazonBedrockFoundationModels", sku: sku, key: key, sheetModel: "Claude Sonnet 4.6 (Amazon Bedrock Edition)",
        region: "us-east-1", scope: scope, tier: tier, meter: meter, variant: variant, perMillion: price,
        sheetUnit: "1M tokens", effectiveFrom: "2026-02-01T00:00:00Z")
    }
    return [
      fm("RUPHDRS1UGKB153X", "USE1-MP:USE1_InputTokenCount-Units", .regional, .standard, .input, "3.3"),
      fm("7WSX1FJQ6MO1MLD1", "USE1-MP:USE1_OutputTokenCount-Units", .regional, .standard, .output, "16.5"),
      fm("QOMKVMDE06458Y1W", "USE1-MP:USE1_CacheReadInputTokenCount-Units", .regional, .standard, .cacheRead, "0.33"),
      fm("0OAVOGIY7J25HQFJ", "USE1-MP:USE1_CacheWriteInputTokenCount-Units", .regional, .standard, .cacheWrite, "4.125"),
      fm("PEYGYBP5ULJ2O9EC", "USE1-MP:USE1_CacheWrite1hInputTokenCount-Units", .regional, .standard, .cacheWrite, "6.6", variant: "1h"),
      fm("RY8Z3ECEFRKEPFM8", "USE1-MP:USE1_InputTokenCount_Batch-Units", .regional, .batch, .input, "1.65"),
      fm("OU8TOVIXEGUUY0KA", "USE1-MP:USE1_OutputTokenCount_Batch-Units", .regional, .batch, .output, "8.25"),
      fm("GSXUVDT7CAMR4FUT", "USE1-MP:USE1_InputTokenCount_Global-Units", .global, .standard, .input, "3"),
      fm("UJY7DAMDZBPY7EOQ", "USE1-MP:USE1_OutputTokenCount_Global-Units", .global, .standard, .output, "15"),
      fm("T9CNJ8EQ507FQ885", "USE1-MP:USE1_CacheReadInputTokenCount_Global-Units", .global, .standard, .cacheRead, "0.3"),
      fm("ZWN8JACSOPCD8OLL", "USE1-MP:USE1_CacheWriteInputTokenCount_Global-Units", .global, .standard, .cacheWrite, "3.75"),
      fm("X9TBND6L3YYES53T", "USE1-MP:USE1_InputTokenCount_Global_Batch-Units", .global, .batch, .input, "1.5"),
      fm("2V7Q9LD701L2KCUF", "USE1-MP:USE1_OutputTokenCount_Global_Batch-Units", .global, .batch, .output, "7.5"),
    ]
  }()

  // Claude 3 Haiku: AmazonBedrock has only the legacy input SKU (real SKU KMZFVEBPVFAP5FUF), no output.
  static let claude3HaikuInputOnly: [Rate] = [
    rate(.aws, "AmazonBedrock", sku: "KMZFVEBPVFAP5FUF", key: "USE1-Claude3Haiku-input-tokens", sheetModel: "Claude 3 Haiku",
      model: "anthropic/claude-3-haiku-20240307", region: "us-east-1", scope: .regional, meter: .input,
      perMillion: "0.25", sheetPrice: "0.0002500000")
  ]

  static var all: [Rate] {
    gpt4o("eastus2") + gpt4o("swedencentral") + gptOssAzure("eastus2") + gptOssAzure("swedencentral") + novaPro
      + gptOssAWS + llama33 + llama31 + sonnet46
  }
}
