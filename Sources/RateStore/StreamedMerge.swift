import Foundation
import GRDB
import Pricing

/// What identifies a source whose rates are merged as they are read, known before its first rate.
public struct StreamedSource: Sendable {
  public var sourceKind: String
  public var sourceUri: String
  public var format: String
  public var contentSha256: String
  public var readerKey: String
  /// A coverage holding the sheet's final coverage (the reader's bound, with the family): the
  /// open rates the sheet may match are read with it before the final coverage is known.
  public var bound: Coverage
  /// About how many rates the sheet will have (sizes the identity table).
  public var expectedRates: Int

  public init(
    sourceKind: String, sourceUri: String, format: String, contentSha256: String,
    readerKey: String, bound: Coverage, expectedRates: Int = 0
  ) {
    self.expectedRates = expectedRates
    self.sourceKind = sourceKind
    self.sourceUri = sourceUri
    self.format = format
    self.contentSha256 = contentSha256
    self.readerKey = readerKey
    self.bound = bound
  }
}

/// The merge of one source whose rates arrive in chunks while it is still read (see
/// ``ImportSession/beginStream(_:)``). It writes what the whole-sheet merge
/// (``ImportSession/merge(_:)``) writes, in the same order, so ids and rows are the same:
///
/// - the new lines are inserted as their chunk arrives (the whole-sheet merge inserts them
///   first, in sheet order, too);
/// - changed lines, withdrawals and model relabels are kept and written in ``finish(_:full:)``,
///   after the large-change guard, which is decided there on the final coverage; a refusal
///   throws and the caller rolls the import transaction back, new lines included;
/// - the run row is inserted first (the new rows need its id) as a placeholder (status `failed`,
///   no coverage) and completed at the end.
///
/// The open rates are read with the source's coverage bound; when the final coverage turns out
/// narrower in a way that matters (a matched open rate outside it), or when the content was
/// found unchanged, everything written since ``ImportSession/beginStream(_:)`` is rolled back to
/// a savepoint and the whole sheet, read again by `full`, is merged the ordinary way.
///
/// An error while writing is kept, writing stops, and it is thrown by ``finish(_:full:)`` after
/// the guard (the whole-sheet merge decides the guard before writing anything); the caller takes
/// the chunks to the end either way, so a parse error in a later page wins over it, as when the
/// sheet was parsed whole before its merge.
public final class StreamedMerge {
  let session: ImportSession
  let source: StreamedSource
  private var statements: MergeStatements?
  private var run: ImportRunRecord?
  /// Open rates inside `source.bound`.
  private var current: [RateRecord] = []
  /// Per identity: its index in `current` while no sheet rate matched it yet, or `seenMark`
  /// once the sheet listed it (one hash lookup per rate decides new, matched or repeated).
  private var byIdentity: [RateIdentity: Int] = [:]
  private static let seenMark = -1
  private var matched: [Bool] = []
  /// Indices into `current` of matched rates, to check against the final coverage.
  private var matchedIndices: [Int] = []
  private var added = 0
  private var unchanged = 0
  private var priceChanges = 0
  private var toChange: [(old: Int, new: Rate)] = []
  private var toRelabel: [(id: Int64, model: String?)] = []
  /// The content was already imported: merge the whole sheet at the end, write nothing now.
  private var wholeSheet = false
  private var savepoint = false
  private var error: (any Error)?
  private var midWritePassed = false
  /// Rates received (every chunk), for the caller's progress line.
  public private(set) var rateCount = 0

  static let savepointName = "ratecardStreamedMerge"

  init(session: ImportSession, source: StreamedSource) {
    self.session = session
    self.source = source
    do {
      try start()
    } catch {
      self.error = error
    }
  }

  private func start() throws {
    let db = session.db
    try db.execute(sql: "SAVEPOINT \(Self.savepointName)")
    savepoint = true
    if try RateStore.unchangedRun(
      db, sha: source.contentSha256, readerKey: source.readerKey, coverageKey: nil) != nil
    {
      wholeSheet = true
      return
    }
    current = try RateStore.openRates(in: source.bound, db: db)
    byIdentity.reserveCapacity(current.count + source.expectedRates)
    for (i, record) in current.enumerated() { byIdentity[record.identity] = i }
    matched = [Bool](repeating: false, count: current.count)
    var run = ImportRunRecord(
      sourceKind: source.sourceKind, sourceUri: source.sourceUri, format: source.format,
      coverageKey: "", contentSha256: source.contentSha256, readerKey: source.readerKey,
      startedAt: RateStore.now(), status: .failed)
    try run.insert(db)
    self.run = run
    if session.statements == nil { session.statements = try MergeStatements(db) }
    statements = session.statements
  }

  /// Merges the next chunk of the sheet's rates (in sheet order).
  public func add(_ rates: [Rate]) {
    rateCount += rates.count
    guard error == nil, !wholeSheet, let statements, let runId = run?.id else { return }
    let family = source.bound.family
    var insertedAny = false
    do {
      try rates.withUnsafeBufferPointer { rates in
        for i in rates.indices {
          let o = Self.mark(&byIdentity[rates[i].identity, default: Self.newMark])
          if o == Self.seenMark { continue }
          if o == Self.newMark {
            try statements.insert(
              rates[i], effectiveFrom: rates[i].effectiveFrom, runId: runId, family: family)
            added += 1
            insertedAny = true
            continue
          }
          matched[o] = true
          matchedIndices.append(o)
          let priceText = statements.priceText(rates[i].price)
          if current[o].differsInContent(from: rates[i], priceText: priceText) {
            if current[o].differsInPrice(from: rates[i], priceText: priceText) { priceChanges += 1 }
            toChange.append((o, rates[i]))
          } else {
            unchanged += 1
            if current[o].model != rates[i].model { toRelabel.append((current[o].id, rates[i].model)) }
          }
        }
      }
    } catch let conflict as MergeStatements.MergeConflict {
      self.error = conflict.error(source: source.sourceUri)
    } catch {
      self.error = error
    }
    if insertedAny, !midWritePassed {
      midWritePassed = true
      FaultInjection.check(.midWrite)
    }
  }

  private static let newMark = -2

  /// The value before `value` is marked as seen.
  private static func mark(_ value: inout Int) -> Int {
    let old = value
    value = seenMark
    return old
  }

  /// Ends the merge once every chunk was added: `sheet` is the source without its rates (its
  /// final coverage and counts); `full` reads the whole sheet again, used only when the stream
  /// could not be merged as it came.
  public func finish(_ sheet: SheetImport, full: () throws -> SheetImport) throws -> ImportSummary {
    let db = session.db
    let coverage = sheet.coverage
    if let error {
      // Nothing more is written; the guard is still decided first, as the whole-sheet merge does.
      if !wholeSheet, run != nil { try checkGuard(coverage) }
      throw error
    }
    var fallBack = wholeSheet
    if !fallBack {
      fallBack =
        try RateStore.unchangedRun(
          db, sha: source.contentSha256, readerKey: source.readerKey, coverageKey: coverage.key) != nil
        || coverage.family != source.bound.family
        || matchedIndices.contains { !Self.contains(coverage, current[$0]) }
    }
    if fallBack {
      try db.execute(sql: "ROLLBACK TO SAVEPOINT \(Self.savepointName)")
      try db.execute(sql: "RELEASE SAVEPOINT \(Self.savepointName)")
      savepoint = false
      return try session.merge(full())
    }
    let withdrawn = try checkGuard(coverage)
    guard var run, let runId = run.id, let statements else {
      throw StoreError.cannotOpen(path: "", reason: "no run id")
    }
    run.coverageKey = coverage.key
    run.sheetVersion = sheet.sheetVersion
    run.publicationDate = sheet.publicationDate
    run.status = .ok
    run.rowsRead = sheet.rowsRead
    run.rowsSkipped = sheet.skipped.values.reduce(0, +)
    run.skipReasons = RateStore.encodeReasons(sheet.skipped, sheet.unclassified)
    let boundary = sheet.publicationDate.flatMap(ISODate.normalize) ?? run.startedAt
    let family = coverage.family
    for (o, new) in toChange {
      try statements.replace(current[o], with: new, boundary: boundary, runId: runId, family: family)
    }
    for o in withdrawn { try statements.withdraw(current[o], boundary: boundary, runId: runId) }
    for (id, model) in toRelabel { try statements.relabel(id: id, model: model) }
    run.ratesAdded = added
    run.ratesChanged = toChange.count
    run.ratesWithdrawn = withdrawn.count
    run.ratesUnchanged = unchanged
    run.finishedAt = RateStore.now()
    try run.update(db)
    try db.execute(sql: "RELEASE SAVEPOINT \(Self.savepointName)")
    savepoint = false
    // The open rates and the identity table are freed off this thread.
    let state = (current, byIdentity)
    current = []
    byIdentity = [:]
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(state) {} }
    return RateStore.summary(run, sheet)
  }

  /// The large-change guard on the final coverage; returns the indices into `current` of the
  /// open rates inside it that the sheet no longer lists.
  @discardableResult
  private func checkGuard(_ coverage: Coverage) throws -> [Int] {
    let inside = current.indices.filter { Self.contains(coverage, current[$0]) }
    let withdrawn = inside.filter { !matched[$0] }
    try RateStore.checkGuard(
      session.policy, source: source.sourceUri, current: inside.count, withdrawn: withdrawn.count,
      priceChanges: priceChanges)
    return withdrawn
  }

  static func contains(_ coverage: Coverage, _ r: RateRecord) -> Bool {
    coverage.contains(provider: r.provider, service: r.service, region: r.region, currency: r.currency)
  }
}

extension ImportSession {
  /// Starts merging a source whose rates will arrive in chunks (``StreamedMerge``). Errors are
  /// kept and thrown by ``StreamedMerge/finish(_:full:)``.
  public func beginStream(_ source: StreamedSource) -> StreamedMerge {
    StreamedMerge(session: self, source: source)
  }
}
