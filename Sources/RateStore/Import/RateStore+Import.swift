import Foundation
import GRDB
import Pricing

extension RateStore {
  /// True when the latest successful import of some source had exactly these bytes, read by the
  /// same reader with the same options: the sheet need not even be parsed.
  public func unchangedRun(contentSha256: String, readerKey: String) throws -> ImportRunRecord? {
    try read { db in
      try Self.unchangedRun(db, sha: contentSha256, readerKey: readerKey, coverageKey: nil)
    }
  }

  /// Records that a source was read again with the same content; no rate is touched.
  public func recordUnchanged(
    previous: ImportRunRecord, sourceKind: String, sourceUri: String, clock: ImportClock = .system
  ) throws -> ImportSummary {
    try write { db in
      try Self.recordUnchanged(db, previous: previous, sourceKind: sourceKind, sourceUri: sourceUri, at: clock.now())
    }
  }

  static func recordUnchanged(
    _ db: Database, previous: ImportRunRecord, sourceKind: String, sourceUri: String, at now: String
  ) throws -> ImportSummary {
    var run = ImportRunRecord(
      sourceKind: sourceKind, sourceUri: sourceUri, format: previous.format,
      coverageKey: previous.coverageKey, contentSha256: previous.contentSha256,
      readerKey: previous.readerKey, sheetVersion: previous.sheetVersion,
      publicationDate: previous.publicationDate, startedAt: now, status: .unchanged)
    run.rowsRead = previous.rowsRead
    run.rowsSkipped = previous.rowsSkipped
    run.skipReasons = previous.skipReasons
    run.ratesUnchanged = previous.ratesAdded + previous.ratesChanged + previous.ratesUnchanged
    run.finishedAt = now
    try run.insert(db)
    let reasons = previous.reasons
    return ImportSummary(
      runId: run.id, sourceUri: sourceUri, format: run.format, coverageKey: run.coverageKey,
      status: .unchanged, rowsRead: run.rowsRead, added: 0, changed: 0, withdrawn: 0,
      unchanged: run.ratesUnchanged, skipped: reasons.skipped, unclassified: reasons.unclassified,
      message: nil)
  }

  /// The run whose content this sheet repeats, when it is the latest successful run of its coverage.
  static func unchangedRun(_ db: Database, sha: String, readerKey: String, coverageKey: String?)
    throws -> ImportRunRecord?
  {
    var sql = """
      SELECT * FROM importRun WHERE contentSha256 = ? AND readerKey = ?
        AND status IN ('ok', 'unchanged')
      """
    var args: StatementArguments = [sha, readerKey]
    if let coverageKey {
      sql += " AND coverageKey = ?"
      args += [coverageKey]
    }
    sql += " ORDER BY id DESC LIMIT 1"
    guard let run = try ImportRunRecord.fetchOne(db, sql: sql, arguments: args) else { return nil }
    let latest = try ImportRunRecord.fetchOne(
      db,
      sql: """
        SELECT * FROM importRun WHERE coverageKey = ? AND status IN ('ok', 'unchanged')
        ORDER BY id DESC LIMIT 1
        """, arguments: [run.coverageKey])
    return latest?.contentSha256 == sha && latest?.readerKey == readerKey ? latest : nil
  }

  /// Merges every source in one transaction: all land or none do. A refused or failed source
  /// rolls the whole transaction back; the caller records the failure with ``recordFailure``.
  public func importSheets(_ sheets: [SheetImport], guard policy: ImportGuard, clock: ImportClock = .system)
    throws -> [ImportSummary]
  {
    try importTransaction(guard: policy, clock: clock) { session in try sheets.map { try session.merge($0) } }
  }

  /// Records a failed or refused attempt (in its own transaction; rates are not touched).
  public func recordFailure(
    sourceKind: String, sourceUri: String, format: String, coverageKey: String = "",
    contentSha256: String = "", readerKey: String = "", status: ImportRunRecord.Status,
    message: String, clock: ImportClock = .system
  ) throws {
    let now = clock.now()
    try write { db in
      var run = ImportRunRecord(
        sourceKind: sourceKind, sourceUri: sourceUri, format: format, coverageKey: coverageKey,
        contentSha256: contentSha256, readerKey: readerKey, startedAt: now, status: status)
      run.finishedAt = now
      run.message = message
      try run.insert(db)
    }
  }

  /// Records a source whose content repeats `previous` (found under the write lock: another
  /// import may have landed it since the content was checked); no rate is touched.
  static func recordRepeated(_ db: Database, _ sheet: SheetImport, previous: ImportRunRecord, at now: String)
    throws -> ImportSummary
  {
    var run = ImportRunRecord(
      sourceKind: sheet.sourceKind, sourceUri: sheet.sourceUri, format: sheet.format,
      coverageKey: sheet.coverage.key, contentSha256: sheet.contentSha256, readerKey: sheet.readerKey,
      sheetVersion: sheet.sheetVersion, publicationDate: sheet.publicationDate, startedAt: now,
      status: .unchanged)
    run.rowsRead = sheet.rowsRead
    run.rowsSkipped = sheet.skipped.values.reduce(0, +)
    run.skipReasons = RunReasons(skipped: sheet.skipped, unclassified: sheet.unclassified).json
    run.ratesUnchanged = previous.ratesAdded + previous.ratesChanged + previous.ratesUnchanged
    run.finishedAt = now
    try run.insert(db)
    return summary(run, sheet)
  }

  /// The large-change guard: only meaningful when the source already had rates.
  static func checkGuard(
    _ policy: ImportGuard, source: String, current: Int, withdrawn: Int, priceChanges: Int
  ) throws {
    guard !policy.allowLargeChange, current > 0 else { return }
    let total = Decimal(current)
    if Decimal(withdrawn) / total > policy.maxWithdrawnShare {
      throw StoreError.largeChange(
        source: source,
        reason:
          "it would withdraw \(withdrawn) of \(current) current rates (more than \(percent(policy.maxWithdrawnShare)))"
      )
    }
    if Decimal(priceChanges) / total > policy.maxChangedShare {
      throw StoreError.largeChange(
        source: source,
        reason:
          "it would change \(priceChanges) of \(current) current prices (more than \(percent(policy.maxChangedShare)))"
      )
    }
  }

  static func percent(_ share: Decimal) -> String {
    ExactDecimal.format(share * 100) + "%"
  }

  static func summary(_ run: ImportRunRecord, _ sheet: SheetImport) -> ImportSummary {
    ImportSummary(
      runId: run.id, sourceUri: run.sourceUri, format: run.format, coverageKey: run.coverageKey,
      status: run.status, rowsRead: run.rowsRead, added: run.ratesAdded,
      changed: run.ratesChanged, withdrawn: run.ratesWithdrawn, unchanged: run.ratesUnchanged,
      skipped: sheet.skipped, unclassified: sheet.unclassified, message: run.message)
  }

  /// Open (current) rates inside a coverage.
  static func openRates(in coverage: Coverage, db: Database) throws -> [RateRecord] {
    var sql = "SELECT * FROM rate WHERE closedByRunId IS NULL AND family = ?"
    var args: StatementArguments = [coverage.family]
    if let providers = coverage.providers {
      sql += " AND provider IN (\(providers.map { _ in "?" }.joined(separator: ",")))"
      for p in providers.sorted() { args += [p.rawValue] }
    }
    if let currency = coverage.currency {
      sql += " AND currency = ?"
      args += [currency]
    }
    if let services = coverage.services, services.count <= 50 {
      sql += " AND service IN (\(services.map { _ in "?" }.joined(separator: ",")))"
      for s in services.sorted() { args += [s] }
    }
    if let regions = coverage.regions, regions.count <= 50 {
      sql += " AND region IN (\(regions.map { _ in "?" }.joined(separator: ",")))"
      for r in regions.sorted() { args += [r] }
    }
    return try RateRecord.fetchAll(db, sql: sql, arguments: args).filter {
      coverage.contains(provider: $0.provider, service: $0.service, region: $0.region, currency: $0.currency)
    }
  }
}
