import Foundation

/// Where the provider file groups register their readers. Each provider group adds its formats
/// here (one line each), so the enum stays the single switch.
public enum FormatRegistry {
  static func reader(for format: SheetFormat) -> (any SheetReader)? {
    switch format {
    case .ratecardCSV: RatecardCSVReader()
    case .awsOfferJSON: AWSOfferJSONReader()
    case .awsOfferCSV: AWSOfferCSVReader()
    case .awsQueryAPI: AWSQueryAPIReader()
    case .azureRetail: AzureRetailReader()
    case .awsOfferIndex, .awsRegionIndex: nil
    }
  }

  /// Live sources tried, in order, for a URL before a plain fetch.
  public static let liveSources: [any LiveSource] = [AzurePager()]

  static func expander(for format: SheetFormat) -> (any SheetExpander)? {
    switch format {
    case .awsOfferIndex: AWSOfferIndexExpander()
    case .awsRegionIndex: AWSRegionIndexExpander()
    default: nil
    }
  }
}
