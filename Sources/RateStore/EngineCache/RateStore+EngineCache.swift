import Foundation
import GRDB
import GRDBSQLite
import Pricing

/// What ``RateStore/cachedEngineRates(_:tag:)`` found.
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
  public var key: String
}

extension RateStore {
  /// The current rates for the cost engine, from the engine cache when its key matches the rate
  /// state and `tag` (the caller's catalogue and selection), else read from the rate table, in one
  /// read transaction so that the key and the rates describe the same state.
  ///
  /// A missing table (read-only database of an older schema), a foreign or corrupted payload are
  /// not errors: the rates are then read directly.
  public func cachedEngineRates(_ filters: [RateFilter], tag: String) throws -> EngineRatesLoad {
    try read { db in
      let key = try Self.engineCacheKey(db, tag: tag)
      if let (rates, layout) = Self.cachedPayload(db, key: key) {
        return EngineRatesLoad(rates: rates, layout: layout, priceTexts: [], fromCache: true, key: key)
      }
      var texts: [String]? = []
      let rates = try Self.engineRates(db, filters, at: .current, priceTexts: &texts)
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
  public func storeEngineCache(key: String, rates: [Rate], priceTexts: [String], layout: [Int32] = []) -> Bool {
    let payload = EngineRatePayload.encode(rates, priceTexts: priceTexts, layout: layout)
    do {
      try pool.writeWithoutTransaction { db in
        let saved = try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
        try db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { try? db.execute(sql: "PRAGMA busy_timeout = \(saved)") }
        try db.inTransaction(.immediate) {
          try db.execute(
            sql: "INSERT OR REPLACE INTO engineCache (id, cacheKey, payload, builtAt) VALUES (1, ?, ?, ?)",
            arguments: [key, payload, Self.now()])
          return .commit
        }
      }
      return true
    } catch {
      return false
    }
  }

  /// The cache key: the payload format, `tag`, and the rate state. Every change to the rate table
  /// comes with a new import run (rates opened, closed or relabelled) or a catalogue re-resolution
  /// (`catalogState`); new rate rows also advance the rate table's id sequence.
  static func engineCacheKey(_ db: Database, tag: String) throws -> String {
    let run = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM importRun") ?? 0
    let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'rate'") ?? 0
    let state = try Row.fetchOne(db, sql: "SELECT sha256, resolvedAt FROM catalogState WHERE id = 1")
    let sha: String = state?["sha256"] ?? ""
    let resolvedAt: String = state?["resolvedAt"] ?? ""
    return "format \(EngineRatePayload.formatVersion); run \(run); rate \(seq); catalog \(sha) \(resolvedAt); \(tag)"
  }
}
