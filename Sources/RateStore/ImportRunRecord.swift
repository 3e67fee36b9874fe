import Foundation
import GRDB

/// One import attempt of one source (the `importRun` table).
public struct ImportRunRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "importRun"

  public enum Status: String, Codable, Sendable {
    case ok, unchanged, failed, refused
  }

  public var id: Int64?
  public var sourceKind: String
  public var sourceUri: String
  public var format: String
  public var coverageKey: String
  public var contentSha256: String
  public var readerKey: String
  public var sheetVersion: String?
  public var publicationDate: String?
  public var startedAt: String
  public var finishedAt: String?
  public var rowsRead: Int
  public var ratesAdded: Int
  public var ratesChanged: Int
  public var ratesWithdrawn: Int
  public var ratesUnchanged: Int
  public var rowsSkipped: Int
  /// JSON object: reason -> count.
  public var skipReasons: String
  public var status: Status
  public var message: String?
  /// The `ratecard import` command (``ImportBatch``) that recorded this run; nil for runs recorded
  /// before batches existed or outside an import command.
  public var batchId: Int64?

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let coverageKey = Column(CodingKeys.coverageKey)
    public static let contentSha256 = Column(CodingKeys.contentSha256)
    public static let status = Column(CodingKeys.status)
    public static let batchId = Column(CodingKeys.batchId)
    public static let finishedAt = Column(CodingKeys.finishedAt)
  }

  public init(
    sourceKind: String, sourceUri: String, format: String, coverageKey: String,
    contentSha256: String, readerKey: String, sheetVersion: String? = nil,
    publicationDate: String? = nil, startedAt: String, status: Status
  ) {
    self.sourceKind = sourceKind
    self.sourceUri = sourceUri
    self.format = format
    self.coverageKey = coverageKey
    self.contentSha256 = contentSha256
    self.readerKey = readerKey
    self.sheetVersion = sheetVersion
    self.publicationDate = publicationDate
    self.startedAt = startedAt
    self.rowsRead = 0
    self.ratesAdded = 0
    self.ratesChanged = 0
    self.ratesWithdrawn = 0
    self.ratesUnchanged = 0
    self.rowsSkipped = 0
    self.skipReasons = "{}"
    self.status = status
  }

  /// Joins the import batch open on this connection (``RateStore/beginImportBatch(sources:version:)``),
  /// writing the batch's row with its first run, so every run one command records, in whichever
  /// transaction, carries the same batch id.
  public mutating func willInsert(_ db: Database) throws {
    if batchId == nil { batchId = try ImportBatch.joinOpen(db) }
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// The skip reasons as a dictionary.
  public var skipReasonCounts: [String: Int] {
    (try? JSONDecoder().decode([String: Int].self, from: Data(skipReasons.utf8))) ?? [:]
  }
}
