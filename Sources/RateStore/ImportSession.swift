import Foundation
import GRDB

/// The write transaction of one import. Sources are merged into it one at a time, so the caller
/// holds the rates of one source at a time; everything lands at COMMIT or nothing does. Made by
/// ``RateStore/importTransaction(guard:_:)``; valid only inside its closure.
public final class ImportSession {
  let db: Database
  let policy: ImportGuard
  /// The prepared statements of the merge, made on first use and reused for every source.
  var statements: MergeStatements?

  init(db: Database, policy: ImportGuard) {
    self.db = db
    self.policy = policy
  }

  /// Merges one source (open / change / withdraw, the large-change guard). A thrown error leaves
  /// the transaction to be rolled back by the caller.
  public func merge(_ sheet: SheetImport) throws -> ImportSummary {
    if statements == nil { statements = try MergeStatements(db) }
    return try RateStore.merge(sheet, policy: policy, db: db, statements: statements!)
  }

  /// Records, inside this transaction, that a source was read again with the same content.
  public func recordUnchanged(previous: ImportRunRecord, sourceKind: String, sourceUri: String)
    throws -> ImportSummary
  {
    try RateStore.recordUnchanged(db, previous: previous, sourceKind: sourceKind, sourceUri: sourceUri)
  }
}

extension RateStore {
  /// Runs `body` in one write transaction for an import: COMMIT when it returns, ROLLBACK when it
  /// throws. Passes the `before-commit` and `after-commit` fault points.
  public func importTransaction<T>(guard policy: ImportGuard, _ body: (ImportSession) throws -> T)
    throws -> T
  {
    let result = try write { db in
      let result = try body(ImportSession(db: db, policy: policy))
      FaultInjection.check(.beforeCommit)
      return result
    }
    FaultInjection.check(.afterCommit)
    return result
  }
}
