/// AWS region names as the Price List spells them: the usagetype prefix (`USE1`, `EU`, `APS3`)
/// and the `location` text, each mapped to the region code.
public enum AWSRegions {
  /// Usagetype prefix → region code. Note `EU` (not `EUW1`) for eu-west-1 and `APS3` for
  /// ap-south-1, `APS4` for ap-southeast-3, `APS6` for ap-southeast-4.
  public static let byUsagePrefix: [String: String] = [
    "USE1": "us-east-1", "USE2": "us-east-2", "USW1": "us-west-1", "USW2": "us-west-2",
    "CAN1": "ca-central-1", "SAE1": "sa-east-1",
    "EUC1": "eu-central-1", "EUC2": "eu-central-2", "EU": "eu-west-1", "EUW2": "eu-west-2",
    "EUW3": "eu-west-3", "EUN1": "eu-north-1", "EUS1": "eu-south-1", "EUS2": "eu-south-2",
    "APN1": "ap-northeast-1", "APN2": "ap-northeast-2", "APN3": "ap-northeast-3",
    "APS1": "ap-southeast-1", "APS2": "ap-southeast-2", "APS3": "ap-south-1",
    "APS4": "ap-southeast-3", "APS5": "ap-south-2", "APS6": "ap-southeast-4", "APE1": "ap-east-1",
    "MES1": "me-south-1", "MEC1": "me-central-1", "AFS1": "af-south-1", "ILC1": "il-central-1",
    "UGW1": "us-gov-west-1", "UGE1": "us-gov-east-1",
  ]

  /// `location` text → region code.
  public static let byLocation: [String: String] = [
    "US East (N. Virginia)": "us-east-1", "US East (Ohio)": "us-east-2",
    "US West (N. California)": "us-west-1", "US West (Oregon)": "us-west-2",
    "Canada (Central)": "ca-central-1", "South America (Sao Paulo)": "sa-east-1",
    "EU (Frankfurt)": "eu-central-1", "Europe (Frankfurt)": "eu-central-1",
    "EU (Zurich)": "eu-central-2", "EU (Ireland)": "eu-west-1", "EU (London)": "eu-west-2",
    "EU (Paris)": "eu-west-3", "EU (Stockholm)": "eu-north-1", "EU (Milan)": "eu-south-1",
    "EU (Spain)": "eu-south-2",
    "Asia Pacific (Tokyo)": "ap-northeast-1", "Asia Pacific (Seoul)": "ap-northeast-2",
    "Asia Pacific (Osaka)": "ap-northeast-3", "Asia Pacific (Mumbai)": "ap-south-1",
    "Asia Pacific (Hyderabad)": "ap-south-2", "Asia Pacific (Singapore)": "ap-southeast-1",
    "Asia Pacific (Sydney)": "ap-southeast-2", "Asia Pacific (Jakarta)": "ap-southeast-3",
    "Asia Pacific (Melbourne)": "ap-southeast-4", "Asia Pacific (Hong Kong)": "ap-east-1",
    "AWS GovCloud (US)": "us-gov-west-1", "AWS GovCloud (US-West)": "us-gov-west-1",
    "AWS GovCloud (US-East)": "us-gov-east-1",
  ]

  /// The region of a row: `regionCode`, else the usagetype prefix, else `location`.
  public static func region(regionCode: String?, usagetype: String, location: String?) -> String? {
    if let regionCode, !regionCode.isEmpty { return regionCode }
    if let dash = usagetype.firstIndex(of: "-"),
      let code = byUsagePrefix[String(usagetype[..<dash])]
    {
      return code
    }
    if let location, let code = byLocation[location] { return code }
    return nil
  }

  /// True for text shaped like a region code (`us-east-1`, `us-gov-west-1`).
  public static func looksLikeRegionCode(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3 || (parts.count == 4 && parts[1] == "gov") else { return false }
    guard let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
    return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase } }
  }
}
