import Foundation
import GRDB
import Pricing

/// A change between two snapshots.
public struct RateChange: Sendable, Hashable {
  public enum Kind: String, Sendable, Codable { case added, changed, withdrawn }
  public var kind: Kind
  public var old: RateRecord?
  public var new: RateRecord?

  /// Relative price change in percent (new / old - 1) x 100, nil when the old price is zero or absent.
  public var percentChange: Decimal? {
    guard let o = old?.priceValue, let n = new?.priceValue, o != 0 else { return nil }
    return (n - o) / o * 100
  }

  /// The record that names the line (new when present).
  public var record: RateRecord { (new ?? old)! }
}

/// One source's state for `ratecard status`.
public struct SourceStatus: Sendable, Hashable {
  public var coverageKey: String
  public var lastRun: ImportRunRecord
  public var lastSuccess: ImportRunRecord?
  public var currentRates: Int
}

extension RateStore {
  /// Rates at a snapshot matching a filter, in a stable order.
  public func rates(_ filter: RateFilter, at snapshot: Snapshot = .current, limit: Int? = nil)
    throws -> [RateRecord]
  {
    try read { db in try Self.rates(db, filter, at: snapshot, limit: limit) }
  }

  static func snapshotClause(_ snapshot: Snapshot) -> (String, [any DatabaseValueConvertibleSendable]) {
    switch snapshot {
    case .current: ("closedByRunId IS NULL", [])
    case .date(let t): ("effectiveFrom <= ? AND (effectiveTo IS NULL OR effectiveTo > ?)", [t, t])
    case .run(let id): ("openedByRunId <= ? AND (closedByRunId IS NULL OR closedByRunId > ?)", [id, id])
    }
  }

  static let order =
    "provider, service, COALESCE(model, sheetModel), region, scope, tier, meter, variant, commitment, rateKey, currency, id"

  static func rates(_ db: Database, _ filter: RateFilter, at snapshot: Snapshot, limit: Int?)
    throws -> [RateRecord]
  {
    let (s, sargs) = snapshotClause(snapshot)
    let (f, fargs) = filter.clause()
    var sql = "SELECT * FROM rate WHERE \(s)"
    if !f.isEmpty { sql += " AND \(f)" }
    sql += " ORDER BY \(order)"
    if let limit { sql += " LIMIT \(max(0, limit))" }
    return try RateRecord.fetchAll(db, sql: sql, arguments: bind(sargs + fargs))
  }

  static func bind(_ values: [any DatabaseValueConvertibleSendable]) -> StatementArguments {
    var arguments = StatementArguments()
    for v in values {
      if let s = v as? String {
        arguments += [s]
      } else if let i = v as? Int64 {
        arguments += [i]
      }
    }
    return arguments
  }

  /// Every version of the rates matching the filter, oldest first within each line.
  public func history(_ filter: RateFilter) throws -> [RateRecord] {
    try read { db in
      let (f, fargs) = filter.clause()
      var sql = "SELECT * FROM rate"
      if !f.isEmpty { sql += " WHERE \(f)" }
      sql += " ORDER BY provider, service, rateKey, currency, id"
      return try RateRecord.fetchAll(db, sql: sql, arguments: Self.bind(fargs))
    }
  }

  /// Added, changed and withdrawn lines between two snapshots.
  public func diff(from: Snapshot, to: Snapshot, filter: RateFilter = RateFilter()) throws
    -> [RateChange]
  {
    try read { db in
      try Self.validate(from, db)
      try Self.validate(to, db)
      let a = try Self.rates(db, filter, at: from, limit: nil)
      let b = try Self.rates(db, filter, at: to, limit: nil)
      var old: [RateIdentity: RateRecord] = [:]
      for r in a { old[r.identity] = r }
      var changes: [RateChange] = []
      var seen = Set<RateIdentity>()
      for r in b {
        let id = r.identity
        seen.insert(id)
        if let o = old[id] {
          if o.id != r.id, o.price != r.price || o.unit != r.unit {
            changes.append(RateChange(kind: .changed, old: o, new: r))
          }
        } else {
          changes.append(RateChange(kind: .added, old: nil, new: r))
        }
      }
      for r in a where !seen.contains(r.identity) {
        changes.append(RateChange(kind: .withdrawn, old: r, new: nil))
      }
      return changes.sorted { lhs, rhs in
        let l = lhs.record
        let r = rhs.record
        return (lhs.kind.rawValue, l.provider, l.service, l.model ?? l.sheetModel, l.region, l.rateKey)
          < (rhs.kind.rawValue, r.provider, r.service, r.model ?? r.sheetModel, r.region, r.rateKey)
      }
    }
  }

  static func validate(_ snapshot: Snapshot, _ db: Database) throws {
    if case .run(let id) = snapshot {
      guard try ImportRunRecord.fetchOne(db, key: id) != nil else {
        throw StoreError.unknownSnapshot("run \(id)")
      }
    }
  }

  /// All import runs, newest first.
  public func importRuns(limit: Int = 100) throws -> [ImportRunRecord] {
    try read { db in
      try ImportRunRecord.fetchAll(
        db, sql: "SELECT * FROM importRun ORDER BY id DESC LIMIT ?", arguments: [limit])
    }
  }

  /// Each source's latest import and the number of its rates open now. Attempts that failed before their
  /// source was known (unreadable files) are listed by their URI.
  public func sourceStatus() throws -> [SourceStatus] {
    try read { db in
      let groups = try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT coverageKey, CASE WHEN coverageKey = '' THEN sourceUri ELSE '' END AS uri
          FROM importRun ORDER BY coverageKey, uri
          """)
      return try groups.compactMap { group -> SourceStatus? in
        let key: String = group["coverageKey"]
        let uri: String = group["uri"]
        let condition = key.isEmpty ? "coverageKey = '' AND sourceUri = ?" : "coverageKey = ?"
        let argument = key.isEmpty ? uri : key
        guard
          let last = try ImportRunRecord.fetchOne(
            db, sql: "SELECT * FROM importRun WHERE \(condition) ORDER BY id DESC LIMIT 1",
            arguments: [argument])
        else { return nil }
        // A forgotten source stays hidden until it is imported again.
        if let through = try Int64.fetchOne(
          db, sql: "SELECT throughRunId FROM forgottenSource WHERE source = ?", arguments: [key.isEmpty ? uri : key]),
          (last.id ?? 0) <= through
        {
          return nil
        }
        let ok = try ImportRunRecord.fetchOne(
          db,
          sql: "SELECT * FROM importRun WHERE \(condition) AND status IN ('ok','unchanged') ORDER BY id DESC LIMIT 1",
          arguments: [argument])
        // The rates open now that a run of this source opened (the last run's own counts go
        // stale once another source withdraws or replaces some of them).
        let count =
          key.isEmpty
          ? 0
          : try Int.fetchOne(
            db,
            sql: """
              SELECT COUNT(*) FROM rate WHERE closedByRunId IS NULL
                AND openedByRunId IN (SELECT id FROM importRun WHERE coverageKey = ?)
              """, arguments: [key]) ?? 0
        return SourceStatus(
          coverageKey: key.isEmpty ? uri : key, lastRun: last, lastSuccess: ok, currentRates: count)
      }
    }
  }

  /// Number of rate rows (all versions) and of open rates.
  public func counts() throws -> (all: Int, open: Int) {
    try read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate") ?? 0,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate WHERE closedByRunId IS NULL") ?? 0
      )
    }
  }
}
