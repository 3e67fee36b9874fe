/// The version `ratecard --version` prints, recorded with every import batch and shown in the
/// import summary.
public enum RatecardVersion {
  public static let current = "0.16.0"
}
