import Foundation
import GRDB
import Pricing

/// What identifies a source to merge, known before its first rate.
public struct MergeSource: Sendable {
  public var sourceKind: String
  public var sourceUri: String
  public var format: String
  public var contentSha256: String
  public var readerKey: String
  /// A coverage holding the sheet's final coverage (for a sheet read whole, the coverage itself;
  /// for one merged while it is read, its reader's bound), with the family: the open rates the
  /// sheet may match are read with it before the final coverage is known.
  public var bound: Coverage
  /// About how many rates the sheet will have (sizes the identity table).
  public var expectedRates: Int

  public init(
    sourceKind: String, sourceUri: String, format: String, contentSha256: String,
    readerKey: String, bound: Coverage, expectedRates: Int = 0
  ) {
    self.sourceKind = sourceKind
    self.sourceUri = sourceUri
    self.format = format
    self.contentSha256 = contentSha256
    self.readerKey = readerKey
    self.bound = bound
    self.expectedRates = expectedRates
  }

  /// The source of a sheet read whole.
  init(_ sheet: SheetImport) {
    self.init(
      sourceKind: sheet.sourceKind, sourceUri: sheet.sourceUri, format: sheet.format,
      contentSha256: sheet.contentSha256, readerKey: sheet.readerKey, bound: sheet.coverage,
      expectedRates: sheet.rates.count)
  }
}

/// The history merge of one source into the store, its rates given in chunks as they are read
/// (``add(_:)``), in sheet order; a sheet read whole is one chunk (``ImportSession/merge(_:)``).
///
/// Per rate, one lookup in the open rates of the source's bound decides: new (inserted as its
/// chunk arrives), listed again (unchanged, or changed and replaced at the end), or repeated in
/// the sheet (ignored). ``finish(_:)`` then decides, on the sheet's final coverage: the
/// publication order, the large-change guard, then the changed lines, withdrawals and model
/// relabels are written and the run row completed. The run row is inserted first (the new rows
/// need its id) as a placeholder (status `failed`, no coverage).
///
/// A refusal or an error throws; the caller rolls the import transaction back, new lines
/// included, so nothing of a refused source is kept. An error while writing is kept, writing
/// stops, and it is thrown by ``finish(_:)`` after the guard; the caller takes the chunks to the
/// end either way, so a parse error in a later page wins over it.
///
/// History rules (docs/architecture.md): a changed rate's new version starts at the sheet's date
/// when the sheet moved it forward, else at the publication (or import) time; a rate the sheet
/// lists again after it was withdrawn re-opens no earlier than its last version ended; a sheet
/// that lists an unchanged price with another effective date is unchanged; a sheet published
/// before the latest one imported for its coverage is refused.
public final class SheetMerge {
  let session: ImportSession
  let source: MergeSource
  private var statements: MergeStatements?
  private var run: ImportRunRecord?
  /// The run this content repeats: the merge writes nothing and records an unchanged run.
  private var repeated: ImportRunRecord?
  /// Open rates inside `source.bound`.
  private var current: [RateRecord] = []
  /// Per identity: its index in `current` while no sheet rate matched it yet, or `seenMark`
  /// once the sheet listed it (one hash lookup per rate decides new, matched or repeated).
  private var byIdentity: [RateIdentity: Int] = [:]
  private static let seenMark = -1
  private static let newMark = -2
  private var matched: [Bool] = []
  /// The matched open rates: index in `current` and position of the sheet rate, to check
  /// against the final coverage.
  private var matches: [(index: Int, position: Int)] = []
  private var added = 0
  private var unchanged = 0
  private var toChange: [(old: Int, new: Rate, priceChanged: Bool)] = []
  private var toRelabel: [(old: Int, model: String?)] = []
  /// True when the store holds closed versions: a new rate may then re-open a withdrawn one.
  private var hasHistory = false
  private var error: (any Error)?
  /// Position in the sheet of the rate whose insert failed.
  private var errorPosition = Int.max
  private var midWritePassed = false
  /// Rates received (every chunk), for the caller's progress line.
  public private(set) var rateCount = 0

  init(session: ImportSession, source: MergeSource) {
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
    repeated = try RateStore.unchangedRun(
      db, sha: source.contentSha256, readerKey: source.readerKey, coverageKey: nil)
    if repeated != nil { return }
    current = try RateStore.openRates(in: source.bound, db: db)
    byIdentity.reserveCapacity(current.count + source.expectedRates)
    for (i, record) in current.enumerated() { byIdentity[record.identity] = i }
    matched = [Bool](repeating: false, count: current.count)
    hasHistory = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rate WHERE closedByRunId IS NOT NULL)") ?? false
    var run = ImportRunRecord(
      sourceKind: source.sourceKind, sourceUri: source.sourceUri, format: source.format,
      coverageKey: "", contentSha256: source.contentSha256, readerKey: source.readerKey,
      startedAt: session.now(), status: .failed)
    try run.insert(db)
    self.run = run
    statements = try session.mergeStatements()
  }

  /// Merges the next chunk of the sheet's rates (in sheet order).
  public func add(_ rates: [Rate]) {
    let first = rateCount
    rateCount += rates.count
    guard error == nil, repeated == nil, let statements, let runId = run?.id else { return }
    let family = source.bound.family
    var insertedAny = false
    var position = first
    do {
      try rates.withUnsafeBufferPointer { rates in
        for i in rates.indices {
          position = first + i
          let o = Self.mark(&byIdentity[rates[i].identity, default: Self.newMark])
          if o == Self.seenMark { continue }
          if o == Self.newMark {
            let from = hasHistory ? try statements.reopening(rates[i]) : rates[i].effectiveFrom
            try statements.insert(rates[i], effectiveFrom: from, runId: runId, family: family)
            added += 1
            insertedAny = true
            continue
          }
          matched[o] = true
          matches.append((o, position))
          let priceText = statements.priceText(rates[i].price)
          if current[o].differsInContent(from: rates[i], priceText: priceText) {
            let priceChanged = current[o].differsInPrice(from: rates[i], priceText: priceText)
            toChange.append((o, rates[i], priceChanged))
          } else {
            unchanged += 1
            if current[o].model != rates[i].model { toRelabel.append((o, rates[i].model)) }
          }
        }
      }
    } catch let conflict as MergeStatements.MergeConflict {
      error = conflict.error(source: source.sourceUri)
      errorPosition = position
    } catch {
      self.error = error
      errorPosition = position
    }
    if insertedAny, !midWritePassed {
      midWritePassed = true
      FaultInjection.check(.midWrite)
    }
  }

  /// The value before `value` is marked as seen.
  private static func mark(_ value: inout Int) -> Int {
    let old = value
    value = seenMark
    return old
  }

  /// Ends the merge once every chunk was added: `sheet` is the source's final coverage and
  /// counts (its rates, if any, are not read again).
  public func finish(_ sheet: SheetImport) throws -> ImportSummary {
    let db = session.db
    if let repeated {
      return try RateStore.recordRepeated(db, sheet, previous: repeated, at: session.now())
    }
    guard var run, let runId = run.id, let statements else {
      throw error ?? StoreError.cannotOpen(path: "", reason: "no run id")
    }
    let coverage = sheet.coverage
    // An open rate the sheet lists but its final coverage leaves out: the sheet contradicts
    // itself (as a rate outside the bound, whose insert failed). The first in sheet order wins.
    if let outside = matches.first(where: { !Self.contains(coverage, current[$0.index]) }),
      outside.position < errorPosition
    {
      let r = current[outside.index]
      error = StoreError.rateOutsideCoverage(source: source.sourceUri, rateKey: r.rateKey, region: r.region)
    }
    try checkPublication(sheet)
    let withdrawn = try checkGuard(coverage)
    if let error { throw error }
    run.coverageKey = coverage.key
    run.sheetVersion = sheet.sheetVersion
    run.publicationDate = sheet.publicationDate
    run.status = .ok
    run.rowsRead = sheet.rowsRead
    run.rowsSkipped = sheet.skipped.values.reduce(0, +)
    run.skipReasons = RunReasons(skipped: sheet.skipped, unclassified: sheet.unclassified).json
    let boundary = sheet.publicationDate.flatMap(ISODate.normalize) ?? run.startedAt
    let family = coverage.family
    for (o, new, _) in toChange {
      try statements.replace(current[o], with: new, boundary: boundary, runId: runId, family: family)
    }
    for o in withdrawn { try statements.withdraw(current[o], boundary: boundary, runId: runId) }
    for (o, model) in toRelabel { try statements.relabel(id: current[o].id, model: model) }
    run.ratesAdded = added
    run.ratesChanged = toChange.count
    run.ratesWithdrawn = withdrawn.count
    run.ratesUnchanged = unchanged
    run.finishedAt = session.now()
    try run.update(db)
    // The open rates and the identity table are freed off this thread.
    let state = (current, byIdentity)
    current = []
    byIdentity = [:]
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(state) {} }
    return RateStore.summary(run, sheet)
  }

  /// Refuses a sheet published before the latest successful import of its coverage: merging it
  /// would rewrite history that a newer publication already wrote.
  private func checkPublication(_ sheet: SheetImport) throws {
    guard let published = sheet.publicationDate.flatMap(ISODate.normalize) else { return }
    let latest = try String.fetchOne(
      session.db,
      sql: """
        SELECT publicationDate FROM importRun WHERE coverageKey = ? AND status IN ('ok', 'unchanged')
          AND publicationDate IS NOT NULL ORDER BY publicationDate DESC LIMIT 1
        """, arguments: [sheet.coverage.key])
    guard let latest, let newest = ISODate.normalize(latest), published < newest else { return }
    throw StoreError.olderPublication(source: source.sourceUri, published: published, latest: newest)
  }

  /// The large-change guard on the final coverage; returns the indices into `current` of the
  /// open rates inside it that the sheet no longer lists.
  private func checkGuard(_ coverage: Coverage) throws -> [Int] {
    let inside = current.indices.filter { Self.contains(coverage, current[$0]) }
    let withdrawn = inside.filter { !matched[$0] }
    let priceChanges = toChange.filter { $0.priceChanged && Self.contains(coverage, current[$0.old]) }.count
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
  /// Starts merging a source whose rates will arrive in chunks (``SheetMerge``). Errors are kept
  /// and thrown by ``SheetMerge/finish(_:)``.
  public func beginMerge(_ source: MergeSource) -> SheetMerge {
    SheetMerge(session: self, source: source)
  }

  /// Merges one source read whole: a merge of one chunk.
  public func merge(_ sheet: SheetImport) throws -> ImportSummary {
    let merge = beginMerge(MergeSource(sheet))
    merge.add(sheet.rates)
    return try merge.finish(sheet)
  }
}
