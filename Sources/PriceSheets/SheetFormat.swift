import Foundation
import Pricing

/// Every sheet format ratecard reads. The enum chooses the implementation; each format lives in
/// its own file group (`AWS/`, `Azure/`, `Ratecard/`).
public enum SheetFormat: String, Sendable, CaseIterable, Codable {
  /// ratecard's own CSV (negotiated or private rates), see docs/formats.md.
  case ratecardCSV = "ratecard-csv"
  /// AWS Price List offer file, JSON (bulk or per region).
  case awsOfferJSON = "aws-json"
  /// AWS Price List offer file, CSV variant.
  case awsOfferCSV = "aws-csv"
  /// `aws pricing get-products` output.
  case awsQueryAPI = "aws-query"
  /// AWS offer index (`offers/v1.0/aws/index.json`).
  case awsOfferIndex = "aws-offer-index"
  /// AWS region index of one offer (`region_index.json`).
  case awsRegionIndex = "aws-region-index"
  /// Azure Retail Prices API page(s).
  case azureRetail = "azure-retail"

  /// The reader for this format, or nil for index formats (which expand into other documents).
  public var reader: (any SheetReader)? {
    FormatRegistry.reader(for: self)
  }

  /// The expander for index formats.
  public var expander: (any SheetExpander)? { FormatRegistry.expander(for: self) }

  /// True when several documents of this format form one source (Azure pages).
  public var isPaged: Bool { self == .azureRetail }
}
