import Pricing

/// What an Azure meter name says once parsed by ``AzureMeterGrammar``: the model and its version,
/// the direction (input, output, cached, cache write), scope, tier and variant tags.
public struct AzureMeterName: Sendable, Hashable {
  /// What the meter bills for.
  public enum Role: String, Sendable, Hashable {
    /// Inference (tokens or other per-use units).
    case usage
    /// Fine-tuning training (tokens or hours).
    case training
    /// Fine-tuned model hosting (hours).
    case hosting
    /// Provisioned throughput units (PTU).
    case provisioned
  }

  /// The meter name without its unit suffix (`gpt 4o 1120 Inp glbl`).
  public var base: String
  /// The unit word the meter name ends with (`Tokens`, `Unit`, `Images`, ...), or nil.
  public var suffix: String?
  /// The model tokens, in order, joined by one space (`gpt 4o mini`).
  public var stem: String
  /// The model version (`MMDD` or `MMDDYYYY`), when the name carries one.
  public var version: String?
  /// Input or output, from the direction word; nil when the name has none.
  public var direction: Meter?
  /// A cached-input word (`cached`, `cd`, `cchd`, ...).
  public var cached: Bool
  /// A cache-write phrase (`Cd Wr`).
  public var cacheWrite: Bool
  /// The scope word; nil when the name has none (legacy meters).
  public var scope: Scope?
  /// The tier word (`Batch`, `pp`, `Std`); nil when none.
  public var tier: Tier?
  public var role: Role
  /// Variant tags in canonical order (`long-context`, `fine-tuned`, `audio`, ...).
  public var tags: [String]
  /// Why the name could not be classified, when it could not.
  public var problem: String?

  /// The model as named in the sheet: the stem followed by the version.
  public var sheetModel: String {
    let parts = [stem, version ?? ""].filter { !$0.isEmpty }
    return parts.isEmpty ? base : parts.joined(separator: " ")
  }

  /// True when the meter is priced in tokens.
  public var isTokens: Bool { suffix == "Tokens" }

  /// The token meter this name denotes (nil for non-token meters).
  public var tokenMeter: Meter? {
    guard isTokens else { return nil }
    if role == .training { return .other }
    if cacheWrite { return .cacheWrite }
    if cached { return .cacheRead }
    return direction ?? .input
  }

  /// The variant text: tags joined by `,` ("" for plain text chat tokens).
  public var variant: String { tags.joined(separator: ",") }
}
