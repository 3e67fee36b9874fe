import Foundation
import PriceSheets
import Pricing
import Testing

/// The three full offers: every token SKU classified, and every SKU's class agrees with the
/// generator's own record of it (`aws/provenance.csv`: price kind and scope per SKU).
@Suite("AWS full offers")
struct AWSProvenanceTests {
  static let offers = [AWSOffers.bedrock, AWSOffers.foundationModels, AWSOffers.service]

  @Test("zero unclassified rows, and only the named skips, across the three full offers")
  func nothingUnclassified() throws {
    var rowsRead = 0
    var rates = 0
    var skipped: [String: Int] = [:]
    for offer in Self.offers {
      let sheet = try AWSTestData.sheet(AWSTestData.bulk(offer))
      #expect(sheet.unclassified.isEmpty, "\(offer): \(sheet.unclassified)")
      #expect(sheet.coverage.services == [offer])
      #expect(sheet.coverage.regions == nil, "a bulk file speaks for every region")
      #expect(sheet.coverage.currency == "USD")
      #expect(sheet.sheetVersion?.hasPrefix("20260911") == true)
      #expect(sheet.publicationDate?.hasPrefix("2026-09-11T") == true)
      rowsRead += sheet.rowsRead
      rates += sheet.rates.count
      skipped.merge(sheet.skipped, uniquingKeysWith: +)
    }
    #expect(rowsRead == 4558 + 4577 + 68)
    #expect(rates + skipped.values.reduce(0, +) == rowsRead)
    #expect(skipped["legacy listing 'Claude Instant (100K)' (superseded by 'Claude Instant')"] == 2)
    #expect(skipped.count == 1, "\(skipped)")
  }

  /// The expected class of a provenance `price_kind`: tier, meter, commitment, and the variant
  /// words it requires.
  static func expected(_ kind: String) -> (Tier, Meter, Commitment, [String])? {
    switch kind {
    case "pt_hour_nocommit": return (.provisioned, .capacity, .none, [])
    case "pt_hour_1month": return (.provisioned, .capacity, .oneMonth, [])
    case "pt_hour_6month": return (.provisioned, .capacity, .sixMonths, [])
    case "reserved_tpm_1month_input": return (.reserved, .capacity, .oneMonth, ["input-tpm"])
    case "reserved_tpm_1month_output": return (.reserved, .capacity, .oneMonth, ["output-tpm"])
    case "reserved_tpm_3month_input": return (.reserved, .capacity, .threeMonths, ["input-tpm"])
    case "reserved_tpm_3month_output": return (.reserved, .capacity, .threeMonths, ["output-tpm"])
    case "guardrail", "image_generation", "rerank_query", "storage_month", "training",
      "video_generation", "audio_input_second", "video_input_second", "text_request":
      return (.standard, .other, .none, [])
    default: break
    }
    var rest = Substring(kind)
    var tier = Tier.standard
    var words: [String] = []
    for (prefix, t) in [("batch_", Tier.batch), ("flex_", .flex), ("priority_", .priority)]
    where rest.hasPrefix(prefix) {
      tier = t
      rest = rest.dropFirst(prefix.count)
    }
    if rest.hasPrefix("long_context_") {
      words.append("long-context")
      rest = rest.dropFirst("long_context_".count)
      if rest.hasPrefix("batch_") {
        tier = .batch
        rest = rest.dropFirst("batch_".count)
      }
    }
    if rest.hasPrefix("latency_optimized_") {
      words.append("latency-optimized")
      rest = rest.dropFirst("latency_optimized_".count)
    }
    for modality in ["audio", "image", "video", "embedding"] where rest.hasPrefix(modality + "_") {
      words.append(modality)
      rest = rest.dropFirst(modality.count + 1)
    }
    switch rest {
    case "input": return (tier, .input, .none, words)
    case "output": return (tier, .output, .none, words)
    case "cache_read": return (tier, .cacheRead, .none, words)
    case "cache_write": return (tier, .cacheWrite, .none, words)
    case "cache_write_1h": return (tier, .cacheWrite, .none, words + ["1h"])
    case "cache_write_30m": return (tier, .cacheWrite, .none, words + ["30m"])
    default: return nil
    }
  }

  @Test("every SKU's tier, meter, scope, commitment and variant agree with provenance.csv")
  func agreesWithProvenance() throws {
    var bySku: [String: Rate] = [:]
    for offer in Self.offers {
      for rate in try AWSTestData.sheet(AWSTestData.bulk(offer)).rates {
        bySku[offer + "|" + rate.sku] = rate
      }
    }
    let provenance = try AWSTestData.provenance()
    #expect(provenance.count == 9203)
    var checked = 0
    for row in provenance {
      let kind = row["price_kind"] ?? ""
      let label = "\(row["offer"] ?? "") \(row["usagetype"] ?? "") [\(kind)]"
      if (row["model_or_servicename"] ?? "").hasPrefix("Claude Instant (100K)")
      {
        #expect(bySku[(row["offer"] ?? "") + "|" + (row["sku"] ?? "")] == nil, "\(label) is skipped")
        continue
      }
      var (tier, meter, commitment, words) = try #require(Self.expected(kind), "unmapped \(label)")
      // A count of images (unit `image`, or FM `InputImageCount`) is not a token meter.
      if kind == "image_input", !(row["usagetype"] ?? "").lowercased().contains("token") {
        (meter, words) = (.other, [])
      }
      let rate = try #require(bySku[(row["offer"] ?? "") + "|" + (row["sku"] ?? "")], "missing \(label)")
      #expect(rate.tier == tier, "\(label): \(rate.tier)")
      #expect(rate.meter == meter, "\(label): \(rate.meter)")
      #expect(rate.commitment == commitment, "\(label)")
      #expect(rate.scope.rawValue == row["scope"], "\(label): \(rate.scope)")
      #expect(rate.region == row["regionCode"], "\(label)")
      #expect(rate.sheetPrice == row["pricePerUnit_USD"], "\(label)")
      #expect(rate.effectiveFrom == row["effectiveDate"], "\(label)")
      // The variant holds the required words; any other word must be stated by the usagetype
      // (a 5m TTL, an embedding or image modality, a custom-model deployment).
      let parts = rate.variant.split(separator: " ").map(String.init)
      let usage =
        (row["usagetype"] ?? "").lowercased() + " " + (row["model_or_servicename"] ?? "").lowercased()
      for word in words {
        #expect(
          parts.contains(word) || (word == "audio" && parts.contains("speech")),
          "\(label): variant '\(rate.variant)' lacks \(word)")
      }
      for part in parts where !words.contains(part) && meter.isToken {
        let stated =
          switch part {
          case "embedding": usage.contains("embed")
          case "speech", "image", "video", "5m": usage.contains(part)
          case "custom-model": usage.contains("custom-model")
          default: false
          }
        #expect(stated, "\(label): unexpected variant word '\(part)' in '\(rate.variant)'")
      }
      checked += 1
    }
    #expect(checked == 9203 - 2)
  }

  @Test("token rates are per 1M tokens exactly; 1K-token prices are multiplied by 1000")
  func tokenUnits() throws {
    for offer in Self.offers {
      for rate in try AWSTestData.sheet(AWSTestData.bulk(offer)).rates where rate.meter.isToken {
        #expect(rate.unit == "1M tokens")
        let sheet = try #require(ExactDecimal.parse(rate.sheetPrice))
        switch rate.sheetUnit {
        case "1K tokens": #expect(rate.price == sheet * 1000, "\(rate.sku)")
        case "1M tokens", "Units": #expect(rate.price == sheet, "\(rate.sku)")
        default: Issue.record("token rate \(rate.sku) with unit \(rate.sheetUnit)")
        }
      }
    }
  }

  @Test("quirks: empty provider, titanModel, twins, zero prices, legacy input-only SKUs")
  func quirks() throws {
    let bedrock = try AWSTestData.sheet(AWSTestData.bulk(AWSOffers.bedrock))
    // Amazon's own models have provider "" and are still named by `model`.
    let micro = try #require(bedrock.rates.first { $0.sheetKey == "USE1-NovaMicro-input-tokens" })
    #expect(micro.sheetModel == "Nova Micro")
    // Titan rows carry `titanModel` instead of `model`.
    #expect(bedrock.rates.contains { $0.sheetModel == "Titan Text Embeddings V2" })
    // The GLM 5 twins in Tokyo: legacy and mantle SKUs, same class and price, both kept.
    let twins = bedrock.rates.filter {
      $0.sheetKey == "APN1-zai.glm5-input-tokens"
        || $0.sheetKey == "APN1-zai.glm5-mantle-input-tokens-standard"
    }
    #expect(twins.count == 2)
    #expect(Set(twins.map(\.price)).count == 1)
    #expect(Set(twins.map { "\($0.tier)\($0.meter)\($0.scope)\($0.variant)" }).count == 1)
    // Zero prices are real prices.
    let zeros = bedrock.rates.filter { $0.price == 0 }
    #expect(zeros.count == 62)
    // Legacy Claude 2.0: an input SKU and no output SKU; the description defect is harmless.
    let claude2 = bedrock.rates.filter { $0.sheetModel == "Claude 2.0" }
    #expect(!claude2.isEmpty && claude2.allSatisfy { $0.meter == .input })
    let real = try #require(claude2.first { $0.sku == "3G679R3Y8YSQSJTA" })
    #expect(real.rateKey == "3G679R3Y8YSQSJTA.JRTCKXETXF")
    #expect(real.price == 8 && real.region == "us-east-1" && real.scope == .regional)
    #expect(real.effectiveFrom == "2025-06-01T00:00:00Z")
  }
}
