import Foundation
import Pricing

/// An offer that cannot serve a profile, with every reason.
public struct Exclusion: Sendable, Hashable {
  public var provider: Provider
  public var model: String
  public var region: String
  public var scope: Scope
  public var endpoint: String
  /// Residency reasons (shared by every offer at this location for the profile).
  var locationReasons: [ExclusionReason]
  /// Needs and parity reasons (shared by every offer of this model for the profile).
  var modelReasons: [ExclusionReason]
  var pricingReasons: [ExclusionReason]

  var location: Location { Location(provider: provider, region: region, scope: scope) }

  init(offer: Offer, location: [ExclusionReason], model: [ExclusionReason], pricing: [ExclusionReason]) {
    provider = offer.provider
    self.model = offer.model
    region = offer.region
    scope = offer.scope
    endpoint = offer.endpoint
    locationReasons = location
    modelReasons = model
    pricingReasons = pricing
  }

  /// Every reason, residency first, then needs and parity, then pricing.
  public var reasonCodes: [ExclusionReason] { locationReasons + modelReasons + pricingReasons }
  /// Every reason as a sentence.
  public var reasons: [String] { reasonCodes.map(\.description) }
}

/// The answer for one profile: the cheapest eligible offer, the next ones, the saving against the
/// current deployment, and every excluded candidate with its reasons.
public struct Recommendation: Sendable {
  public var profile: Profile
  public var recommended: Projection?
  public var alternatives: [Projection]
  /// The current deployment priced the same way, when it is in the rates.
  public var current: Projection?
  /// Why the current deployment could not be priced or would not be eligible (empty when fine).
  public var currentNotes: [String]
  /// current - recommended (exact), when both are priced.
  public var savingVsCurrent: Decimal? {
    guard let c = current, let r = recommended else { return nil }
    return c.monthlyCost - r.monthlyCost
  }
  /// Every candidate excluded, in the tie-break order.
  public var excluded: [Exclusion]
  /// Number of eligible offers.
  public var eligibleCount: Int
  /// Number of candidates in the profile's currency that are not eligible (also when `excluded`
  /// was not collected).
  public var excludedCount: Int
  /// Provisioned-throughput options for the recommended offer (profiles with a peak).
  public var provisioned: [ProvisionedOption]
  /// `--explain MODEL`: why that model was or was not chosen.
  public var explanation: Explanation?
  /// Why provisioned sizing was skipped for a profile with a peak (nil when sized or not asked).
  public var provisionedNote: String?
}

/// The sentences of exclusions' reasons, each made once. The residency reasons of one location
/// and the needs and parity reasons of one model are one array shared by every exclusion there,
/// so an array is looked up by its storage first (one pointer hash instead of hashing each
/// reason), then each reason by its value.
public struct ReasonSentences {
  private struct Shared: Hashable {
    var base: UInt
    var count: Int
  }
  /// Per array storage: the array (kept, so its storage is not freed and reused by another while
  /// the memo lives) and its sentences.
  private var byArray: [Shared: (reasons: [ExclusionReason], texts: [String])] = [:]
  private var byReason: [ExclusionReason: String] = [:]

  public init() {}

  /// Every reason of `e` as a sentence, residency first, then needs and parity, then pricing.
  public mutating func sentences(_ e: Exclusion) -> [String] {
    sentences(e.locationReasons) + sentences(e.modelReasons) + sentences(e.pricingReasons)
  }

  private mutating func sentences(_ reasons: [ExclusionReason]) -> [String] {
    guard !reasons.isEmpty else { return [] }
    let key = reasons.withUnsafeBufferPointer { Shared(base: UInt(bitPattern: $0.baseAddress), count: $0.count) }
    if let known = byArray[key] { return known.texts }
    let texts = reasons.map { reason in
      if let known = byReason[reason] { return known }
      let text = reason.description
      byReason[reason] = text
      return text
    }
    byArray[key] = (reasons, texts)
    return texts
  }
}
