import Crypto
import Foundation
import GRDB
import Pricing

/// The schema migrations shipped inside the binary (from `migrations/*.sql`, embedded at build
/// time), applied in order and recorded with their SHA-256 so a database written with a different
/// text of a migration is refused rather than silently misread.
public enum Migrations {
  /// A migration: a name (the file name without `.sql`) and its SQL text.
  public struct Migration: Sendable {
    public let name: String
    public let sql: String

    /// SHA-256 of the SQL text, hex.
    public var checksum: String { Migrations.sha256(sql) }
  }

  /// Every shipped migration in the order it is applied. Adding a migration: add the file under
  /// `migrations/`, declare it in Package.swift, and append it here.
  public static let all: [Migration] = [
    Migration(name: "v0001_initial", sql: String(decoding: PackageResources.v0001_initial_sql, as: UTF8.self)),
    Migration(
      name: "v0002_import_speed",
      sql: String(decoding: PackageResources.v0002_import_speed_sql, as: UTF8.self)),
    Migration(
      name: "v0003_offer_cache",
      sql: String(decoding: PackageResources.v0003_offer_cache_sql, as: UTF8.self)),
    Migration(
      name: "v0004_import_batches",
      sql: String(decoding: PackageResources.v0004_import_batches_sql, as: UTF8.self)),
    Migration(name: "v0005_usage", sql: String(decoding: PackageResources.v0005_usage_sql, as: UTF8.self)),
  ]

  static func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// True when every shipped migration is recorded with its checksum (nothing to apply), without
  /// writing: a read transaction, so opening an up-to-date database does not take the writer lock.
  /// Throws like ``migrate(_:)`` on an unknown or changed migration; false when one is missing.
  static func isUpToDate(_ db: Database) throws -> Bool {
    guard try db.tableExists("schemaMigration") else { return false }
    let recorded = try Dictionary(
      Row.fetchAll(db, sql: "SELECT name, sha256 FROM schemaMigration").map {
        (row: Row) -> (String, String) in (row["name"], row["sha256"])
      }, uniquingKeysWith: { a, _ in a })
    let shipped = Set(all.map(\.name))
    if let unknown = recorded.keys.sorted().first(where: { !shipped.contains($0) }) {
      throw StoreError.unknownMigration(name: unknown)
    }
    for migration in all {
      guard let sha = recorded[migration.name] else { return false }
      guard sha == migration.checksum else {
        throw StoreError.migrationMismatch(name: migration.name, recorded: sha, shipped: migration.checksum)
      }
    }
    return true
  }

  /// Applies missing migrations and verifies the recorded ones, in one transaction.
  static func migrate(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE IF NOT EXISTS schemaMigration (
          name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, appliedAt TEXT NOT NULL)
        """)
    let recorded = try Dictionary(
      uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, sha256 FROM schemaMigration").map {
        (row: Row) -> (String, String) in (row["name"], row["sha256"])
      })
    let shipped = Set(all.map(\.name))
    if let unknown = recorded.keys.sorted().first(where: { !shipped.contains($0) }) {
      throw StoreError.unknownMigration(name: unknown)
    }
    for migration in all {
      if let sha = recorded[migration.name] {
        guard sha == migration.checksum else {
          throw StoreError.migrationMismatch(
            name: migration.name, recorded: sha, shipped: migration.checksum)
        }
        continue
      }
      try db.execute(sql: migration.sql)
      try db.execute(
        sql: "INSERT INTO schemaMigration (name, sha256, appliedAt) VALUES (?, ?, ?)",
        arguments: [migration.name, migration.checksum, ISODate.format(Date())])
    }
  }
}
