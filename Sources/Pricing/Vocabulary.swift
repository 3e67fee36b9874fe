/// The cloud that sells a rate.
public enum Provider: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
  case aws
  case azure

  public static func < (lhs: Provider, rhs: Provider) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a request may be served: in the named region, within a geography
/// (AWS geo cross-region profile), within an Azure Data Zone, or anywhere.
public enum Scope: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
  case regional
  case geo
  case datazone
  case global

  /// Order used for stable sorting: narrowest first.
  public var rank: Int {
    switch self {
    case .regional: 0
    case .geo: 1
    case .datazone: 2
    case .global: 3
    }
  }

  public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rank < rhs.rank }
}

/// The service tier of a rate.
public enum Tier: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
  case standard
  case batch
  case flex
  case priority
  case provisioned
  case reserved

  public static func < (lhs: Tier, rhs: Tier) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}

/// What a rate charges for.
public enum Meter: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
  case input
  case output
  case cacheRead = "cache_read"
  case cacheWrite = "cache_write"
  case capacity
  case other

  /// Token meters are priced per 1M tokens after normalisation.
  public var isToken: Bool {
    switch self {
    case .input, .output, .cacheRead, .cacheWrite: true
    case .capacity, .other: false
    }
  }

  public static func < (lhs: Meter, rhs: Meter) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}

/// A purchase commitment attached to a rate.
public enum Commitment: String, Sendable, Codable, CaseIterable, Hashable {
  case none
  case oneMonth = "1 month"
  case threeMonths = "3 months"
  case sixMonths = "6 months"
  case oneYear = "1 year"
  case threeYears = "3 years"
}

/// Normalised units used across providers.
public enum NormalizedUnit {
  /// Token rates are stored per one million tokens.
  public static let perMillionTokens = "1M tokens"
  public static let hour = "hour"
  public static let day = "day"
  public static let month = "month"
  public static let year = "year"
  public static let second = "second"
  /// Image meters are stored per image (a sheet's `100` images block divided out).
  public static let image = "image"
}
