import CostEngine
import Foundation

/// The provisioned-throughput table (tokens per minute per unit) used when a profile sizes
/// provisioned capacity. `data/provisioned-throughput.yaml` is compiled in (a test keeps the two
/// equal) so a copied binary has it; `--throughput FILE` replaces it.
public enum ThroughputTables {
  /// The table from `path`, or the built-in one.
  public static func load(path: String?) throws -> ThroughputTable {
    guard let path else { return try ThroughputTable.parse(builtIn, file: "data/provisioned-throughput.yaml") }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw EngineCatalogError.malformed("\(path): cannot read the throughput table")
    }
    return try ThroughputTable.parse(text, file: path)
  }

  /// The text of data/provisioned-throughput.yaml.
  public static let builtIn = #"""
# Tokens per minute one provisioned unit serves, per provider and model family (or canonical id).
# The price sheets do not state throughput. Every value here is an ASSUMPTION to be checked against
# the provider's own capacity calculator before buying; a profile's throughput_per_unit overrides it.
# Azure: input-token throughput per PTU as recalled from Microsoft Learn's "Provisioned throughput"
# model table (global deployments, 2025) - not verified against a stored copy.
# AWS: Bedrock does not publish tokens per model unit; no entry = no sizing unless the profile gives one.
- {provider: azure, model: gpt-4o, tokens_per_minute_per_unit: 2500, minimum_units: 15, source: "assumption: Microsoft Learn PTU table (gpt-4o 2,500 input TPM per PTU), not verified"}
- {provider: azure, model: gpt-4o-mini, tokens_per_minute_per_unit: 37000, minimum_units: 15, source: "assumption: Microsoft Learn PTU table (gpt-4o-mini 37,000 input TPM per PTU), not verified"}
- {provider: azure, model: gpt-4.1, tokens_per_minute_per_unit: 3000, minimum_units: 15, source: "assumption: Microsoft Learn PTU table (gpt-4.1 3,000 input TPM per PTU), not verified"}

"""#
}
