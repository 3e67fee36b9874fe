/// The version `ratecard --version` prints, recorded with every import batch and shown in the
/// import summary and the HTML report's footer.
public enum RatecardVersion {
  public static let current = "0.16.0"
}
