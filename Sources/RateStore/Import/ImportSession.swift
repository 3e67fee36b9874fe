import Foundation
import GRDB
import Pricing

/// The write transaction of one import. Sources are merged into it one at a time, so the caller
/// holds the rates of one source at a time; everything lands at COMMIT or nothing does. Made by
/// ``RateStore/importTransaction(guard:_:)``; valid only inside its closure.
public final class ImportSession {
  let db: Database
  let policy: ImportGuard
  let clock: ImportClock
  /// The prepared statements of the merge, made on first use and reused for every source.
  private var statements: MergeStatements?

  init(db: Database, policy: ImportGuard, clock: ImportClock) {
    self.db = db
    self.policy = policy
    self.clock = clock
  }

  /// The current time from the import's clock, canonical text.
  func now() -> String { clock.now() }

  func mergeStatements() throws -> MergeStatements {
    if let statements { return statements }
    let made = try MergeStatements(db)
    statements = made
    return made
  }

  /// Records, inside this transaction, that a source was read again with the same content.
  public func recordUnchanged(previous: ImportRunRecord, sourceKind: String, sourceUri: String)
    throws -> ImportSummary
  {
    try RateStore.recordUnchanged(db, previous: previous, sourceKind: sourceKind, sourceUri: sourceUri, at: now())
  }
}

/// Where an import reads the time it records (run start and end, and the boundary of a sheet
/// without a publication date): the wall clock, or a fixed time (tests that compare stores).
public struct ImportClock: Sendable {
  let read: @Sendable () -> Date

  public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

  /// The wall clock.
  public static let system = ImportClock { Date() }

  /// Always `date`.
  public static func fixed(_ date: Date) -> ImportClock { ImportClock { date } }

  /// The time, canonical text (`2026-09-01T00:00:00Z`).
  func now() -> String { ISODate.format(read()) }
}

extension RateStore {
  /// Runs `body` in one write transaction for an import: COMMIT when it returns, ROLLBACK when it
  /// throws. Passes the `before-commit` and `after-commit` fault points.
  public func importTransaction<T>(
    guard policy: ImportGuard, clock: ImportClock = .system, _ body: (ImportSession) throws -> T
  ) throws -> T {
    let result = try write { db in
      let result = try body(ImportSession(db: db, policy: policy, clock: clock))
      FaultInjection.check(.beforeCommit)
      return result
    }
    FaultInjection.check(.afterCommit)
    return result
  }
}
