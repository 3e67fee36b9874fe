extension SheetFormat {
  /// Bumped whenever a reader's output for the same bytes changes, so that a re-import of an
  /// unchanged sheet is parsed again (and reclassified) after an upgrade.
  public var readerVersion: Int {
    switch self {
    case .ratecardCSV: 1
    case .awsOfferJSON, .awsOfferCSV, .awsQueryAPI, .awsOfferIndex, .awsRegionIndex: 2
    case .azureRetail: 3
    }
  }
}

extension SheetFormat {
  /// The family of sheets a format belongs to; see ``Coverage/family``.
  public var family: String {
    switch self {
    case .ratecardCSV: "ratecard-csv"
    case .awsOfferJSON, .awsOfferCSV, .awsQueryAPI, .awsOfferIndex, .awsRegionIndex: "aws-price-list"
    case .azureRetail: "azure-retail"
    }
  }
}
