import Foundation
import GRDB
import Pricing

/// The SQLite store of rates and their history.
///
/// WAL mode: readers see the last committed import, never a half-written one. Every import is one
/// write transaction. The file is created with owner-only permissions.
public final class RateStore: Sendable {
  /// The database path.
  public let path: String
  /// The page size of a database file this store creates (bytes).
  static let newFilePageSize = 32768
  let pool: DatabasePool

  /// Opens (creating if needed) the database at `path`, applying and verifying migrations.
  /// - Parameter busyTimeout: how long a writer waits for another writer before giving up.
  public init(path: String, busyTimeout: TimeInterval = 60, readOnly: Bool = false) throws {
    self.path = path
    let fm = FileManager.default
    let existed = fm.fileExists(atPath: path)
    if !existed {
      let dir = (path as NSString).deletingLastPathComponent
      if !dir.isEmpty, !fm.fileExists(atPath: dir) {
        do {
          try fm.createDirectory(
            atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
          throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
      }
      // Create the file with owner-only permissions before SQLite opens it.
      _ = fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    }
    var config = Configuration()
    config.busyMode = .timeout(busyTimeout)
    config.foreignKeysEnabled = true
    config.readonly = readOnly
    config.label = "ratecard"
    config.prepareDatabase { db in
      // A new file gets larger pages: an import writes every page through the WAL and again at
      // the checkpoint, so larger pages mean several times fewer write calls than SQLite's 4 KiB
      // default. An existing file keeps its page size (the pragma is a no-op once a table exists).
      if !existed { try db.execute(sql: "PRAGMA page_size = \(RateStore.newFilePageSize)") }
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // Reads (the engine cache's multi-megabyte blob above all) come from a mapping of the file
      // instead of one pread per page.
      try db.execute(sql: "PRAGMA mmap_size = 268435456")
    }
    do {
      pool = try DatabasePool(path: path, configuration: config)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
      throw StoreError.busy(path: path)
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
    // WAL and SHM side files get the same owner-only permissions.
    // (chmod(2) itself: FileManager's attribute call reads the user and group databases.)
    for suffix in ["-wal", "-shm"] { _ = chmod(path + suffix, 0o600) }
    // A read-only check first: the write transaction (and the writer lock) only when a migration
    // is missing.
    if !readOnly, try !read({ db in try Migrations.isUpToDate(db) }) {
      try write { db in try Migrations.migrate(db) }
    }
  }

  /// Runs `block` in one write transaction, mapping lock time-outs to ``StoreError/busy(path:)``.
  public func write<T>(_ block: (Database) throws -> T) throws -> T {
    do {
      return try pool.write(block)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
      throw StoreError.busy(path: path)
    }
  }

  /// Runs `block` on a consistent read snapshot.
  public func read<T>(_ block: (Database) throws -> T) throws -> T {
    do {
      return try pool.read(block)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
      throw StoreError.busy(path: path)
    }
  }

  /// `PRAGMA integrity_check` result ("ok" when healthy).
  public func integrityCheck() throws -> String {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
  }

  /// Closes the database.
  public func close() throws { try pool.close() }
}

extension RateStore {
  /// The current time, canonical text.
  static func now() -> String { ISODate.format(Date()) }
}
