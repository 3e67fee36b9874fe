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
  /// The skipped and unclassified counts, as ``RunReasons/json``.
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

  /// The skipped and unclassified counts this run recorded.
  public var reasons: RunReasons { RunReasons(json: skipReasons) }
}

/// The rows a sheet did not import (skipped, by reason) and those it imported without
/// understanding them (unclassified, by reason), as stored in `importRun.skipReasons`: one JSON
/// object with sorted keys, an unclassified reason under ``unclassifiedPrefix`` + reason.
public struct RunReasons: Sendable, Hashable {
  public var skipped: [String: Int]
  public var unclassified: [String: Int]

  static let unclassifiedPrefix = "unclassified: "

  public init(skipped: [String: Int], unclassified: [String: Int]) {
    self.skipped = skipped
    self.unclassified = unclassified
  }

  /// Reads the stored object (an unreadable one holds no reasons).
  init(json: String) {
    let all = (try? JSONDecoder().decode([String: Int].self, from: Data(json.utf8))) ?? [:]
    var skipped: [String: Int] = [:]
    var unclassified: [String: Int] = [:]
    for (key, count) in all {
      if key.hasPrefix(Self.unclassifiedPrefix) {
        unclassified[String(key.dropFirst(Self.unclassifiedPrefix.count)), default: 0] += count
      } else {
        skipped[key] = count
      }
    }
    self.init(skipped: skipped, unclassified: unclassified)
  }

  /// Every reason in one dictionary, each unclassified one under its prefixed key: what is
  /// stored, and what `--strict` reports.
  public var combined: [String: Int] {
    var all = skipped
    for (k, v) in unclassified { all[Self.unclassifiedPrefix + k, default: 0] += v }
    return all
  }

  /// The stored text.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? String(decoding: encoder.encode(combined), as: UTF8.self)) ?? "{}"
  }
}
