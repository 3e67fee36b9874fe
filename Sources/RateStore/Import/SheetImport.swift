import Foundation
import Pricing

/// One source ready to be merged into the store: its parsed rates plus what identifies it.
public struct SheetImport: Sendable {
  public var sourceKind: String
  public var sourceUri: String
  public var format: String
  public var coverage: Coverage
  public var contentSha256: String
  /// Reader version and options; see `importRun.readerKey`.
  public var readerKey: String
  public var rates: [Rate]
  public var rowsRead: Int
  public var skipped: [String: Int]
  public var unclassified: [String: Int]
  public var sheetVersion: String?
  public var publicationDate: String?

  public init(
    sourceKind: String, sourceUri: String, format: String, coverage: Coverage,
    contentSha256: String, readerKey: String, rates: [Rate], rowsRead: Int,
    skipped: [String: Int], unclassified: [String: Int], sheetVersion: String?,
    publicationDate: String?
  ) {
    self.sourceKind = sourceKind
    self.sourceUri = sourceUri
    self.format = format
    self.coverage = coverage
    self.contentSha256 = contentSha256
    self.readerKey = readerKey
    self.rates = rates
    self.rowsRead = rowsRead
    self.skipped = skipped
    self.unclassified = unclassified
    self.sheetVersion = sheetVersion
    self.publicationDate = publicationDate
  }
}

/// Limits that stop a nightly job from writing a broken sheet over good data.
public struct ImportGuard: Sendable {
  /// Refuse when more than this share of a source's current rates would be withdrawn.
  public var maxWithdrawnShare: Decimal = Decimal(string: "0.30")!
  /// Refuse when more than this share of a source's current prices would change.
  public var maxChangedShare: Decimal = Decimal(string: "0.50")!
  /// `--allow-large-change`.
  public var allowLargeChange = false

  public init(allowLargeChange: Bool = false) { self.allowLargeChange = allowLargeChange }
}

/// What an import did to one source.
public struct ImportSummary: Sendable, Codable, Hashable {
  public var runId: Int64?
  public var sourceUri: String
  public var format: String
  public var coverageKey: String
  public var status: ImportRunRecord.Status
  public var rowsRead: Int
  public var added: Int
  public var changed: Int
  public var withdrawn: Int
  public var unchanged: Int
  public var skipped: [String: Int]
  public var unclassified: [String: Int]
  public var message: String?
}
