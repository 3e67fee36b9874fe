/// The version of ratecard, printed by `ratecard --version` and in the HTML report's footer.
public enum RatecardVersion {
  public static let current = "0.1.0"
}
