import Foundation
import GRDB
import TestSupport
import Testing

@testable import RateStore

@Suite("Migrations")
struct MigrationTests {
  @Test("the binary ships exactly the migrations in migrations/, with the same text")
  func embeddedMatchesFolder() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("migrations")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".sql") }.sorted()
    #expect(files.map { String($0.dropLast(4)) } == Migrations.all.map(\.name))
    for migration in Migrations.all {
      let text = try String(
        contentsOf: folder.appendingPathComponent(migration.name + ".sql"), encoding: .utf8)
      #expect(text == migration.sql, "migration \(migration.name) differs from its file")
    }
  }

  @Test("a database whose recorded migration differs is refused with a clear error")
  func mismatchRefused() throws {
    let dir = TemporaryDirectory()
    let path = dir.path("db.sqlite")
    _ = try RateStore(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "UPDATE schemaMigration SET sha256 = 'deadbeef' WHERE name = 'v0001_initial'")
    }
    try queue.close()
    #expect {
      _ = try RateStore(path: path)
    } throws: { error in
      guard case StoreError.migrationMismatch(let name, _, _) = error else { return false }
      return name == "v0001_initial"
        && (error as? LocalizedError)?.errorDescription?.contains("refusing") == true
    }
  }

  @Test("a database written by a newer ratecard is refused")
  func newerRefused() throws {
    let dir = TemporaryDirectory()
    let path = dir.path("db.sqlite")
    _ = try RateStore(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO schemaMigration VALUES ('v9999_future', 'x', '2030-01-01')")
    }
    try queue.close()
    #expect(throws: StoreError.unknownMigration(name: "v9999_future")) {
      _ = try RateStore(path: path)
    }
  }

  @Test("the database file is created owner-only, in WAL mode")
  func permissionsAndWAL() throws {
    let dir = TemporaryDirectory()
    let path = dir.path("sub/db.sqlite")
    let store = try RateStore(path: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    #expect(mode & 0o077 == 0, "mode is \(String(mode, radix: 8))")
    let journal = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(journal == "wal")
    #expect(try store.integrityCheck() == "ok")
  }

  @Test("a new file gets the store's page size; a file made with 4 KiB pages keeps them and opens")
  func pageSize() throws {
    let dir = TemporaryDirectory()
    let fresh = try RateStore(path: dir.path("new.sqlite"))
    let freshSize = try fresh.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
    #expect(freshSize == RateStore.newFilePageSize)
    #expect(RateStore.newFilePageSize != 4096)

    // A database made before the change (SQLite's 4 KiB default), then opened and migrated.
    let oldPath = dir.path("old.sqlite")
    let queue = try DatabaseQueue(path: oldPath)
    try queue.write { db in try db.execute(sql: "CREATE TABLE keep (x)") }
    try queue.close()
    let old = try RateStore(path: oldPath)
    let oldSize = try old.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
    #expect(oldSize == 4096)
    #expect(try old.integrityCheck() == "ok")
    #expect(try old.read { db in try db.tableExists("rate") })
  }
}
