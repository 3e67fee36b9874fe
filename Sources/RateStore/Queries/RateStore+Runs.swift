import Foundation
import GRDB
import Pricing

/// What `--as-of`, `--from` and `--to` name, before it is looked up in the store.
public enum SnapshotName: Sendable, Hashable {
  /// The rates open now.
  case current
  /// The state right after import run `id` (`42`, `run:42`).
  case run(Int64)
  /// The state right after the last run of `ratecard import` command `id` (`batch:7`).
  case batch(Int64)
  /// A date-time (canonical ISO 8601 text): by default the rates in effect then (the price's
  /// effective date); with ``Basis/importTime``, the rates as imported by then.
  case date(String)

  /// What a date names.
  public enum Basis: String, Sendable, CaseIterable {
    /// The rates whose effective dates span the date (what the sheet says applied then).
    case effective
    /// The rates the store held right after the last import finished by the date.
    case imported
  }

  /// Parses `42`, `run:42`, `batch:7`, `YYYY-MM-DD` (the end of that UTC day) or an ISO 8601
  /// date-time; nil for anything else, including impossible dates (`2026-02-30`, `2026-13-01`).
  public static func parse(_ text: String) -> SnapshotName? {
    let t = text.trimmingCharacters(in: .whitespaces)
    for (prefix, make) in [("batch:", SnapshotName.batch), ("run:", SnapshotName.run), ("", SnapshotName.run)] {
      guard t.hasPrefix(prefix) else { continue }
      let digits = t.dropFirst(prefix.count)
      if !digits.isEmpty, digits.count < 10, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
        let id = Int64(digits)
      {
        return make(id)
      }
    }
    // Foundation's parser rolls `2026-02-30` over to March: a date must read back as written.
    guard let date = ISODate.parse(t) else { return nil }
    if t.count == 10 || t.hasSuffix("Z"), !ISODate.format(date).hasPrefix(t.prefix(19)) { return nil }
    // A bare day means its last second.
    let instant = t.count == 10 ? date.addingTimeInterval(86_399) : date
    return .date(ISODate.format(instant))
  }
}

/// One row of `ratecard runs`.
public struct ImportRunListing: Sendable, Hashable {
  public var run: ImportRunRecord
  /// The coverage key, or the URI of an attempt that failed before its source was known.
  public var source: String
}

extension RateStore {
  /// The snapshot `name` stands for, checked against the store: a run or batch that does not exist
  /// is ``StoreError/unknownSnapshot(_:)``.
  public func snapshot(_ name: SnapshotName, basis: SnapshotName.Basis = .effective) throws -> Snapshot {
    try read { db in try Self.snapshot(db, name, basis: basis) }
  }

  static func snapshot(_ db: Database, _ name: SnapshotName, basis: SnapshotName.Basis) throws -> Snapshot {
    switch name {
    case .current:
      return .current
    case .run(let id):
      guard try ImportRunRecord.fetchOne(db, key: id) != nil else { throw StoreError.unknownSnapshot("run \(id)") }
      return .run(id)
    case .batch(let id):
      guard
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM importRun WHERE batchId = ?", arguments: [id])
      else { throw StoreError.unknownSnapshot("batch \(id)") }
      return .run(last)
    case .date(let t):
      guard basis == .imported else { return .date(t) }
      // The last run finished by then (0: before the first import, nothing is open).
      let last = try Int64.fetchOne(
        db, sql: "SELECT MAX(id) FROM importRun WHERE finishedAt <= ?", arguments: [t])
      return .run(last ?? 0)
    }
  }

  /// The highest import run id (nil when nothing was ever imported).
  public func lastRunId() throws -> Int64? {
    try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM importRun") }
  }

  /// Import runs, newest first, at most `limit`, each with the source it speaks for.
  public func runListing(limit: Int) throws -> [ImportRunListing] {
    try importRuns(limit: limit).map { run in
      ImportRunListing(run: run, source: run.coverageKey.isEmpty ? run.sourceUri : run.coverageKey)
    }
  }

  /// Distinct values of a text column among all rate versions (`region`, `currency`, `sheetModel`,
  /// `model`), sorted: what filters can match.
  public func distinctRateValues(_ column: RateValueColumn) throws -> [String] {
    try read { db in
      try String.fetchAll(
        db, sql: "SELECT DISTINCT \(column.rawValue) FROM rate WHERE \(column.rawValue) IS NOT NULL ORDER BY 1")
    }
  }

  /// The rate columns ``distinctRateValues(_:)`` reads.
  public enum RateValueColumn: String, Sendable {
    case region, currency, sheetModel, model
  }

  /// Currencies of the rates open now, sorted.
  public func currentCurrencies() throws -> [String] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT currency FROM rate WHERE closedByRunId IS NULL ORDER BY 1")
    }
  }

  /// What ``forgetSource(_:)`` did.
  public enum ForgetOutcome: Sendable, Equatable {
    /// The source is left out of `status` from now on (until it is imported again).
    case forgotten(runs: Int)
    /// No source of that name in `status`.
    case unknown(known: [String])
    /// The source still speaks for current rates; forgetting it would hide where they came from.
    case hasRates(Int)
  }

  /// Leaves `source` (as `ratecard status` names it) out of `status`, keeping its runs. A source
  /// with current rates is not forgotten.
  public func forgetSource(_ source: String) throws -> ForgetOutcome {
    let sources = try sourceStatus()
    guard let s = sources.first(where: { $0.coverageKey == source }) else {
      return .unknown(known: sources.map(\.coverageKey))
    }
    guard s.currentRates == 0 else { return .hasRates(s.currentRates) }
    return try write { db in
      let through = s.lastRun.id ?? 0
      try db.execute(
        sql: """
          INSERT INTO forgottenSource (source, throughRunId, forgottenAt) VALUES (?, ?, ?)
          ON CONFLICT (source) DO UPDATE SET throughRunId = excluded.throughRunId, forgottenAt = excluded.forgottenAt
          """, arguments: [source, through, Self.now()])
      let runs =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM importRun WHERE coverageKey = ? OR (coverageKey = '' AND sourceUri = ?)",
          arguments: [source, source]) ?? 0
      return .forgotten(runs: runs)
    }
  }
}

extension RateStore {
  /// The import batch a run belongs to (nil for runs recorded before batches).
  public func batchId(ofRun id: Int64) throws -> Int64? {
    try read { db in try Int64.fetchOne(db, sql: "SELECT batchId FROM importRun WHERE id = ?", arguments: [id]) }
  }
}

extension RateStore {
  /// The sources (coverage keys) that `uri` brought in its latest successful import: the runs of
  /// `uri` itself, or, for an index (`.../index.json`), of the documents under the index's folder
  /// it led to. Empty when it never imported.
  public func coverageKeys(updatedBy uri: String) throws -> [String] {
    try read { db in
      var sql = "SELECT DISTINCT coverageKey FROM importRun WHERE coverageKey != '' AND status IN ('ok', 'unchanged') AND (sourceUri = ?"
      var arguments: StatementArguments = [uri]
      if uri.hasSuffix("index.json") {
        let folder = String(uri.dropLast("index.json".count))
        sql += " OR substr(sourceUri, 1, ?) = ?"
        arguments += [folder.unicodeScalars.count, folder]
      }
      sql += ") ORDER BY coverageKey"
      return try String.fetchAll(db, sql: sql, arguments: arguments)
    }
  }
}
