import Foundation
import GRDB
import Pricing
import TestSupport
import Testing

@testable import RateStore

@Suite("Migration v0002: the rate table rebuilt for import speed")
struct ImportSpeedMigrationTests {
  let dir = TemporaryDirectory()

  /// A database at schema version 1 holding two runs and three rate rows (one closed).
  func versionOneDatabase() throws -> String {
    let path = dir.path("v1.sqlite")
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      let v1 = try #require(Migrations.all.first { $0.name == "v0001_initial" })
      try db.execute(
        sql: "CREATE TABLE schemaMigration (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, appliedAt TEXT NOT NULL)")
      try db.execute(sql: v1.sql)
      try db.execute(
        sql: "INSERT INTO schemaMigration VALUES (?, ?, '2026-01-01T00:00:00Z')",
        arguments: [v1.name, v1.checksum])
      for id in 1...2 {
        try db.execute(
          sql: """
            INSERT INTO importRun (sourceKind, sourceUri, format, coverageKey, contentSha256,
              readerKey, startedAt, status) VALUES ('file', 'x', 'ratecard-csv', 'k', ?, 'r', 't', 'ok')
            """, arguments: ["sha\(id)"])
      }
      let insert = """
        INSERT INTO rate (provider, service, rateKey, sku, sheetKey, sheetModel, model, region, scope,
          tier, meter, variant, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom,
          effectiveTo, openedByRunId, closedByRunId, closeReason, family)
        VALUES (?, 'svc', ?, 'S', 'k', 'm', ?, 'us-east-1', ?, ?, ?, '', ?, '1K tokens', ?, '1M tokens',
          ?, 'USD', '2026-01-01T00:00:00Z', ?, ?, ?, ?, 'ratecard-csv')
        """
      try db.execute(
        sql: insert,
        arguments: ["aws", "a", "model-a", "regional", "standard", "input", "none", "0.001", "1", "2026-02-01T00:00:00Z", 1, 2, "changed"])
      try db.execute(
        sql: insert,
        arguments: ["aws", "a", "model-a", "regional", "standard", "input", "none", "0.002", "2", nil, 2, nil, nil])
      try db.execute(
        sql: insert,
        arguments: ["azure", "b", nil, "datazone", "provisioned", "capacity", "1 year", "5", "5", nil, 2, nil, nil])
    }
    try queue.close()
    return path
  }

  func rows(_ db: Database) throws -> [[String]] {
    try Row.fetchAll(db, sql: "SELECT * FROM rate ORDER BY id").map { row in
      row.databaseValues.map(\.description)
    }
  }

  @Test("a version-1 database keeps every row, id and the AUTOINCREMENT counter")
  func keepsRows() throws {
    let path = try versionOneDatabase()
    let before = try DatabaseQueue(path: path).read { db in
      (try rows(db), try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'rate'"))
    }
    let store = try RateStore(path: path)
    try store.read { db in
      #expect(try rows(db) == before.0)
      #expect(try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'rate'") == before.1)
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'rate_v3'") == 0)
      let indexes = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rate' AND sql IS NOT NULL ORDER BY name")
      #expect(indexes == ["rate_current", "rate_opened"])
    }
    #expect(try store.integrityCheck() == "ok")
    // A new row continues after the highest id ever given.
    try store.write { db in
      try db.execute(
        sql: """
          INSERT INTO rate (provider, service, rateKey, sku, sheetKey, sheetModel, region, scope, tier,
            meter, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom, openedByRunId)
          VALUES ('aws', 'svc', 'c', 'S', 'k', 'm', 'r', 'global', 'batch', 'output', 'u', '1', 'u', '1',
            'USD', '2026-01-01T00:00:00Z', 2)
          """)
      #expect(db.lastInsertedRowID == 4)
    }
  }

  @Test("the rebuilt CHECKs accept every vocabulary value and nothing else")
  func checks() throws {
    let store = try RateStore(path: dir.path("checks.sqlite"))
    try store.write { db in
      try db.execute(
        sql: """
          INSERT INTO importRun (sourceKind, sourceUri, format, coverageKey, contentSha256, readerKey,
            startedAt, status) VALUES ('file', 'x', 'f', 'k', 's', 'r', 't', 'ok')
          """)
    }
    var n = 0
    func insert(
      provider: String = "aws", scope: String = "regional", tier: String = "standard",
      meter: String = "input", commitment: String = "none"
    ) throws {
      n += 1
      try store.write { db in
        try db.execute(
          sql: """
            INSERT INTO rate (provider, service, rateKey, sku, sheetKey, sheetModel, region, scope,
              tier, meter, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom,
              openedByRunId) VALUES (?, 's', ?, 'S', 'k', 'm', 'r', ?, ?, ?, ?, 'u', '1', 'u', '1',
              'USD', 't', 1)
            """, arguments: [provider, "key-\(n)", scope, tier, meter, commitment])
      }
    }
    for p in Provider.allCases { try insert(provider: p.rawValue) }
    for s in Scope.allCases { try insert(scope: s.rawValue) }
    for t in Tier.allCases { try insert(tier: t.rawValue) }
    for m in Meter.allCases { try insert(meter: m.rawValue) }
    for c in Commitment.allCases { try insert(commitment: c.rawValue) }
    #expect(throws: DatabaseError.self) { try insert(provider: "gcp") }
    #expect(throws: DatabaseError.self) { try insert(scope: "local") }
    #expect(throws: DatabaseError.self) { try insert(tier: "Standard") }
    #expect(throws: DatabaseError.self) { try insert(meter: "tokens") }
    #expect(throws: DatabaseError.self) { try insert(commitment: "2 years") }
    #expect(throws: DatabaseError.self) {
      try store.write { db in try db.execute(sql: "UPDATE rate SET closeReason = 'deleted' WHERE id = 1") }
    }
    // Two open versions of one identity are still refused.
    #expect(throws: DatabaseError.self) {
      try store.write { db in
        try db.execute(
          sql: """
            INSERT INTO rate (provider, service, rateKey, sku, sheetKey, sheetModel, region, scope,
              tier, meter, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom, openedByRunId)
            VALUES ('aws', 's', 'key-1', 'S', 'k', 'm', 'r', 'regional', 'standard', 'input', 'u', '1',
              'u', '1', 'USD', 't', 1)
            """)
      }
    }
  }
}
