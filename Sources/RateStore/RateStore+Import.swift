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
      try Self.recordUnchanged(db, previous: previous, sourceKind: sourceKind, sourceUri: sourceUri)
    }
  }

  static func recordUnchanged(
    _ db: Database, previous: ImportRunRecord, sourceKind: String, sourceUri: String
  ) throws -> ImportSummary {
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
    try importTransaction(guard: policy) { session in try sheets.map { try session.merge($0) } }
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

  static func merge(
    _ sheet: SheetImport, policy: ImportGuard, db: Database, statements: MergeStatements
  ) throws -> ImportSummary {
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
    var byIdentity: [RateIdentity: Int] = [:]
    byIdentity.reserveCapacity(current.count)
    for (i, record) in current.enumerated() { byIdentity[record.identity] = i }

    // Indexes into `sheet.rates` (new lines, changed lines) and `current` (changed lines).
    var toAdd: [Int] = []
    var toChange: [(old: Int, new: Int)] = []
    var toRelabel: [(id: Int64, model: String?)] = []
    var seen = Set<RateIdentity>(minimumCapacity: sheet.rates.count)
    var matched = [Bool](repeating: false, count: current.count)
    var unchanged = 0
    var priceChanges = 0
    // Rates are read in place (a pointer), not copied out of the array one by one.
    sheet.rates.withUnsafeBufferPointer { rates in
      for i in rates.indices {
        let identity = rates[i].identity
        guard seen.insert(identity).inserted else { continue }
        guard let o = byIdentity[identity] else {
          toAdd.append(i)
          continue
        }
        matched[o] = true
        let priceText = statements.priceText(rates[i].price)
        if current[o].differsInContent(from: rates[i], priceText: priceText) {
          if current[o].differsInPrice(from: rates[i], priceText: priceText) { priceChanges += 1 }
          toChange.append((o, i))
        } else {
          unchanged += 1
          if current[o].model != rates[i].model { toRelabel.append((current[o].id, rates[i].model)) }
        }
      }
    }
    let withdrawn = current.indices.filter { !matched[$0] }

    try checkGuard(
      policy, source: sheet.sourceUri, current: current.count, withdrawn: withdrawn.count,
      priceChanges: priceChanges)

    try run.insert(db)
    guard let runId = run.id else { throw StoreError.cannotOpen(path: "", reason: "no run id") }
    let boundary = sheet.publicationDate.flatMap(ISODate.normalize) ?? startedAt
    let family = sheet.coverage.family

    let half = toAdd.count / 2
    try sheet.rates.withUnsafeBufferPointer { rates in
      for (n, i) in toAdd.enumerated() {
        if n == half { FaultInjection.check(.midWrite) }
        do {
          try statements.insert(rates[i], effectiveFrom: rates[i].effectiveFrom, runId: runId, family: family)
        } catch let conflict as MergeStatements.MergeConflict {
          throw conflict.error(source: sheet.sourceUri)
        }
      }
    }
    for (o, i) in toChange {
      try statements.replace(current[o], with: sheet.rates[i], boundary: boundary, runId: runId, family: family)
    }
    for o in withdrawn { try statements.withdraw(current[o], boundary: boundary, runId: runId) }
    for (id, model) in toRelabel { try statements.relabel(id: id, model: model) }
    run.ratesAdded = toAdd.count
    run.ratesChanged = toChange.count
    run.ratesWithdrawn = withdrawn.count
    run.ratesUnchanged = unchanged
    run.finishedAt = now()
    try run.update(db)
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
