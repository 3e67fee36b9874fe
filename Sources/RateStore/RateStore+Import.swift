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
  public func recordUnchanged(previous: ImportRunRecord, sourceKind: String, sourceUri: String)
    throws -> ImportSummary
  {
    try write { db in
      var run = ImportRunRecord(
        sourceKind: sourceKind, sourceUri: sourceUri, format: previous.format,
        coverageKey: previous.coverageKey, contentSha256: previous.contentSha256,
        readerKey: previous.readerKey, sheetVersion: previous.sheetVersion,
        publicationDate: previous.publicationDate, startedAt: Self.now(), status: .unchanged)
      run.rowsRead = previous.rowsRead
      run.rowsSkipped = previous.rowsSkipped
      run.skipReasons = previous.skipReasons
      run.ratesUnchanged = previous.ratesAdded + previous.ratesChanged + previous.ratesUnchanged
      run.finishedAt = Self.now()
      try run.insert(db)
      let reasons = previous.skipReasonCounts
      return ImportSummary(
        runId: run.id, sourceUri: sourceUri, format: run.format, coverageKey: run.coverageKey,
        status: .unchanged, rowsRead: run.rowsRead, added: 0, changed: 0, withdrawn: 0,
        unchanged: run.ratesUnchanged,
        skipped: reasons.filter { !$0.key.hasPrefix("unclassified: ") },
        unclassified: Dictionary(
          uniqueKeysWithValues: reasons.filter { $0.key.hasPrefix("unclassified: ") }.map {
            (String($0.key.dropFirst("unclassified: ".count)), $0.value)
          }),
        message: nil)
    }
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
  public func importSheets(_ sheets: [SheetImport], guard policy: ImportGuard) throws
    -> [ImportSummary]
  {
    let summaries = try write { db in
      let result = try sheets.map { try Self.merge($0, policy: policy, db: db) }
      FaultInjection.check(.beforeCommit)
      return result
    }
    FaultInjection.check(.afterCommit)
    return summaries
  }

  /// Records a failed or refused attempt (in its own transaction; rates are not touched).
  public func recordFailure(
    sourceKind: String, sourceUri: String, format: String, coverageKey: String = "",
    contentSha256: String = "", readerKey: String = "", status: ImportRunRecord.Status,
    message: String
  ) throws {
    try write { db in
      var run = ImportRunRecord(
        sourceKind: sourceKind, sourceUri: sourceUri, format: format, coverageKey: coverageKey,
        contentSha256: contentSha256, readerKey: readerKey, startedAt: Self.now(), status: status)
      run.finishedAt = Self.now()
      run.message = message
      try run.insert(db)
    }
  }

  static func encodeReasons(_ skipped: [String: Int], _ unclassified: [String: Int]) -> String {
    var all = skipped
    for (k, v) in unclassified { all["unclassified: " + k, default: 0] += v }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? String(decoding: encoder.encode(all), as: UTF8.self)) ?? "{}"
  }

  static func merge(_ sheet: SheetImport, policy: ImportGuard, db: Database) throws -> ImportSummary {
    let startedAt = now()
    let coverageKey = sheet.coverage.key
    var run = ImportRunRecord(
      sourceKind: sheet.sourceKind, sourceUri: sheet.sourceUri, format: sheet.format,
      coverageKey: coverageKey, contentSha256: sheet.contentSha256, readerKey: sheet.readerKey,
      sheetVersion: sheet.sheetVersion, publicationDate: sheet.publicationDate,
      startedAt: startedAt, status: .ok)
    run.rowsRead = sheet.rowsRead
    run.rowsSkipped = sheet.skipped.values.reduce(0, +)
    run.skipReasons = encodeReasons(sheet.skipped, sheet.unclassified)

    // Unchanged content (checked again under the write lock: another import may have landed it).
    if let previous = try unchangedRun(
      db, sha: sheet.contentSha256, readerKey: sheet.readerKey, coverageKey: coverageKey)
    {
      run.status = .unchanged
      run.ratesUnchanged = previous.ratesAdded + previous.ratesChanged + previous.ratesUnchanged
      run.finishedAt = now()
      try run.insert(db)
      return summary(run, sheet)
    }

    // The open rates this sheet speaks for.
    let current = try openRates(in: sheet.coverage, db: db)
    var byIdentity: [RateIdentity: RateRecord] = [:]
    byIdentity.reserveCapacity(current.count)
    for record in current { byIdentity[record.identity] = record }

    var toAdd: [Rate] = []
    var toChange: [(old: RateRecord, new: Rate)] = []
    var toRelabel: [(id: Int64, model: String?)] = []
    var seen = Set<RateIdentity>()
    var unchanged = 0
    var priceChanges = 0
    for rate in sheet.rates {
      let identity = rate.identity
      guard seen.insert(identity).inserted else { continue }
      guard let old = byIdentity[identity] else {
        toAdd.append(rate)
        continue
      }
      let oldRate = old.rate
      if rate.differsInContent(from: oldRate) {
        if rate.differsInPrice(from: oldRate) { priceChanges += 1 }
        toChange.append((old, rate))
      } else {
        unchanged += 1
        if old.model != rate.model { toRelabel.append((old.id, rate.model)) }
      }
    }
    let withdrawn = current.filter { !seen.contains($0.identity) }

    // The guard: only meaningful when the source already had rates.
    if !policy.allowLargeChange, !current.isEmpty {
      let total = Decimal(current.count)
      if Decimal(withdrawn.count) / total > policy.maxWithdrawnShare {
        throw StoreError.largeChange(
          source: sheet.sourceUri,
          reason:
            "it would withdraw \(withdrawn.count) of \(current.count) current rates (more than \(percent(policy.maxWithdrawnShare)))"
        )
      }
      if Decimal(priceChanges) / total > policy.maxChangedShare {
        throw StoreError.largeChange(
          source: sheet.sourceUri,
          reason:
            "it would change \(priceChanges) of \(current.count) current prices (more than \(percent(policy.maxChangedShare)))"
        )
      }
    }

    try run.insert(db)
    guard let runId = run.id else { throw StoreError.cannotOpen(path: "", reason: "no run id") }
    let boundary = sheet.publicationDate.flatMap(ISODate.normalize) ?? startedAt

    let insert = try db.cachedStatement(
      sql: "INSERT INTO rate (\(RateRecord.insertColumns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: RateRecord.insertColumns.count).joined(separator: ", ")))"
    )
    let close = try db.cachedStatement(
      sql: "UPDATE rate SET effectiveTo = ?, closedByRunId = ?, closeReason = ? WHERE id = ?")
    let half = toAdd.count / 2
    for (i, rate) in toAdd.enumerated() {
      if i == half { FaultInjection.check(.midWrite) }
      try insert.execute(arguments: RateRecord.insertArguments(rate, effectiveFrom: rate.effectiveFrom, runId: runId, family: sheet.coverage.family))
    }
    for (old, new) in toChange {
      // The new version starts at the sheet's date when the sheet moved it forward, otherwise at
      // the publication (or import) time; the old version ends where the new one starts.
      let from = new.effectiveFrom > old.effectiveFrom ? new.effectiveFrom : max(boundary, old.effectiveFrom)
      try close.execute(arguments: [from, runId, "changed", old.id])
      try insert.execute(arguments: RateRecord.insertArguments(new, effectiveFrom: from, runId: runId, family: sheet.coverage.family))
    }
    for old in withdrawn {
      try close.execute(arguments: [max(boundary, old.effectiveFrom), runId, "withdrawn", old.id])
    }
    if !toRelabel.isEmpty {
      let relabel = try db.cachedStatement(sql: "UPDATE rate SET model = ? WHERE id = ?")
      for (id, model) in toRelabel { try relabel.execute(arguments: [model, id]) }
    }
    run.ratesAdded = toAdd.count
    run.ratesChanged = toChange.count
    run.ratesWithdrawn = withdrawn.count
    run.ratesUnchanged = unchanged
    run.finishedAt = now()
    try run.update(db)
    return summary(run, sheet)
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
