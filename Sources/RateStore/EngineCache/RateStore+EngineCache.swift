import Foundation
import GRDB
import GRDBSQLite
import Pricing

/// What ``RateStore/cachedEngineRates(_:)`` found.
public struct EngineRatesLoad: Sendable {
  /// The cached rates when the stored payload's key matched, else every rate matching the filters.
  public var rates: [Rate]
  /// The layout words stored with the cached rates (empty when read from the rate table).
  public var layout: [Int32]
  /// The stored price text of each rate when they were read from the rate table (empty when
  /// they came from the cache): what ``RateStore/storeEngineCache(key:rates:priceTexts:layout:)``
  /// keeps.
  public var priceTexts: [String]
  /// True when `rates` came from the cache.
  public var fromCache: Bool
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
      if let (rates, layout) = Self.cachedPayload(db, key: key.text) {
        return EngineRatesLoad(rates: rates, layout: layout, priceTexts: [], fromCache: true, key: key)
      }
      var texts: [String]? = []
      let rates = try Self.engineRates(db, key.filters, at: .current, priceTexts: &texts)
      return EngineRatesLoad(rates: rates, layout: [], priceTexts: texts ?? [], fromCache: false, key: key)
    }
  }

  /// The cached rates when the stored key is `key` and the payload decodes, read from SQLite's
  /// buffer without copying the blob; nil otherwise (no table, no row, other key, bad payload).
  static func cachedPayload(_ db: Database, key: String) -> (rates: [Rate], layout: [Int32])? {
    guard let statement = try? db.makeStatement(sql: "SELECT payload FROM engineCache WHERE id = 1 AND cacheKey = ?"),
      (try? statement.setArguments([key])) != nil
    else { return nil }
    let handle = statement.sqliteStatement
    defer { sqlite3_reset(handle) }
    guard sqlite3_step(handle) == SQLITE_ROW, sqlite3_column_type(handle, 0) == SQLITE_BLOB else { return nil }
    // The pointer first, then the length (the order SQLite documents).
    guard let blob = sqlite3_column_blob(handle, 0) else { return nil }
    let n = Int(sqlite3_column_bytes(handle, 0))
    return EngineRatePayload.decode(UnsafeRawBufferPointer(start: blob, count: n))
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
