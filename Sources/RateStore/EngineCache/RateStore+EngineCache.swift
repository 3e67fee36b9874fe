import Foundation
import GRDB
import GRDBSQLite
import Pricing

/// What ``RateStore/cachedEngineRates(_:)`` found.
public struct EngineRatesLoad: Sendable {
  /// Where the rates came from.
  public enum Rates: Sendable {
    /// The stored payload's key matched: its rates, kept encoded, and the layout words stored
    /// with them.
    case cached(EngineRatePayload.Records, layout: [Int32])
    /// Every rate matching the filters, read from the rate table, with the stored price text of
    /// each (what ``RateStore/storeEngineCache(key:rates:priceTexts:layout:)`` keeps).
    case table([Rate], priceTexts: [String])
  }

  public var rates: Rates
  /// The key of the state the rates were read at (to store a rebuilt payload under).
  public var key: EngineCacheKey
}

extension RateStore {
  /// The current rates matching `key`'s filters for the cost engine, from the engine cache when
  /// the stored key is `key` at the store's rate state, else read from the rate table, in one read
  /// transaction so that the key and the rates describe the same state.
  ///
  /// A missing table (read-only database of an older schema), a foreign or corrupted payload are
  /// not errors: the rates are then read directly.
  public func cachedEngineRates(_ key: EngineCacheKey) throws -> EngineRatesLoad {
    try read { db in
      let key = try key.at(db)
      if let (records, layout) = Self.cachedPayload(db, key: key.text) {
        return EngineRatesLoad(rates: .cached(records, layout: layout), key: key)
      }
      var texts: [String]? = []
      let rates = try Self.engineRates(db, key.filters, at: .current, priceTexts: &texts)
      return EngineRatesLoad(rates: .table(rates, priceTexts: texts ?? []), key: key)
    }
  }

  /// The cached rates when the stored key is `key` and the payload decodes; nil otherwise (no
  /// table, no row, other key, bad payload). The blob is read straight into the buffer the
  /// records keep (SQLite's incremental blob I/O), not through a copy of SQLite's own.
  static func cachedPayload(_ db: Database, key: String) -> (records: EngineRatePayload.Records, layout: [Int32])? {
    guard let row = try? Row.fetchOne(db, sql: "SELECT id, length(payload) AS n FROM engineCache WHERE id = 1 AND cacheKey = ? AND typeof(payload) = 'blob'", arguments: [key]),
      let id: Int64 = row["id"], let n: Int = row["n"], n > 0
    else { return nil }
    var blob: OpaquePointer?
    guard sqlite3_blob_open(db.sqliteConnection, "main", "engineCache", "payload", id, 0, &blob) == SQLITE_OK, let blob
    else {
      sqlite3_blob_close(blob)
      return nil
    }
    defer { sqlite3_blob_close(blob) }
    guard Int(sqlite3_blob_bytes(blob)) == n else { return nil }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 8)
    guard sqlite3_blob_read(blob, buffer.baseAddress, Int32(n), 0) == SQLITE_OK else {
      buffer.deallocate()
      return nil
    }
    return EngineRatePayload.decode(owning: buffer)
  }

  /// Stores `rates` (with their stored price texts) and the caller's `layout` words as the engine
  /// cache under `key`, replacing any earlier payload. Best effort: returns false without waiting
  /// when the database is read-only, locked by a writer or of an older schema.
  @discardableResult
  public func storeEngineCache(key: EngineCacheKey, rates: [Rate], priceTexts: [String], layout: [Int32] = []) -> Bool {
    let payload = EngineRatePayload.encode(rates, priceTexts: priceTexts, layout: layout)
    do {
      try pool.writeWithoutTransaction { db in
        let saved = try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
        try db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { try? db.execute(sql: "PRAGMA busy_timeout = \(saved)") }
        try db.inTransaction(.immediate) {
          try db.execute(
            sql: "INSERT OR REPLACE INTO engineCache (id, cacheKey, payload, builtAt) VALUES (1, ?, ?, ?)",
            arguments: [key.text, payload, Self.now()])
          return .commit
        }
      }
      return true
    } catch {
      return false
    }
  }
}
