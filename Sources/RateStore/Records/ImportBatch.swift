import Foundation
import GRDB
import Pricing

/// One `ratecard import` command (the `importBatch` table): the runs it recorded share its id.
public struct ImportBatch: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "importBatch"

  public var id: Int64?
  public var startedAt: String
  /// The ratecard version that ran the command.
  public var ratecardVersion: String
  /// The command's sources as given, space-separated.
  public var sources: String

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let startedAt = Column(CodingKeys.startedAt)
  }

  public init(startedAt: String, ratecardVersion: String, sources: String) {
    self.startedAt = startedAt
    self.ratecardVersion = ratecardVersion
    self.sources = sources
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// The batch open on the writer connection: a temporary table (private to the connection,
  /// transactional like any table) holds the command's batch while it runs. Its `batchId` is
  /// written with the first run, inside that run's transaction, so a rolled-back transaction
  /// leaves neither the batch row nor the id behind.
  static let openTable = "temp.openImportBatch"

  /// The open batch's id, its row written now if this is its first run; nil when no batch is open.
  static func joinOpen(_ db: Database) throws -> Int64? {
    guard try db.tableExists("openImportBatch", in: "temp"),
      let open = try Row.fetchOne(db, sql: "SELECT startedAt, ratecardVersion, sources, batchId FROM \(openTable)")
    else { return nil }
    if let id: Int64 = open["batchId"] { return id }
    var batch = ImportBatch(startedAt: open["startedAt"], ratecardVersion: open["ratecardVersion"], sources: open["sources"])
    try batch.insert(db)
    try db.execute(sql: "UPDATE \(openTable) SET batchId = ?", arguments: [batch.id])
    return batch.id
  }
}

extension RateStore {
  /// Opens a batch for one import command: every run recorded until ``endImportBatch()`` belongs
  /// to it.
  public func beginImportBatch(sources: [String], version: String) throws {
    try write { db in
      try db.execute(
        sql: """
          CREATE TEMP TABLE IF NOT EXISTS openImportBatch (
            startedAt TEXT NOT NULL, ratecardVersion TEXT NOT NULL, sources TEXT NOT NULL, batchId INTEGER)
          """)
      try db.execute(sql: "DELETE FROM \(ImportBatch.openTable)")
      try db.execute(
        sql: "INSERT INTO \(ImportBatch.openTable) (startedAt, ratecardVersion, sources) VALUES (?, ?, ?)",
        arguments: [Self.now(), version, sources.joined(separator: " ")])
    }
  }

  /// Closes the batch opened by ``beginImportBatch(sources:version:)``; returns its id (nil when
  /// it recorded no run).
  @discardableResult
  public func endImportBatch() throws -> Int64? {
    try write { db in
      guard try db.tableExists("openImportBatch", in: "temp") else { return nil }
      let id = try Int64.fetchOne(db, sql: "SELECT batchId FROM \(ImportBatch.openTable)")
      try db.execute(sql: "DELETE FROM \(ImportBatch.openTable)")
      return id
    }
  }
}
