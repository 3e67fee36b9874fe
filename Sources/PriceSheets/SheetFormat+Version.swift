extension SheetFormat {
  /// Bumped whenever a reader's output for the same bytes changes, so that a re-import of an
  /// unchanged sheet is parsed again (and reclassified) after an upgrade.
  public var readerVersion: Int {
    switch self {
    case .ratecardCSV: 1
    case .awsOfferJSON, .awsOfferCSV, .awsQueryAPI, .awsOfferIndex, .awsRegionIndex: 1
    case .azureRetail: 1
    }
  }
}
