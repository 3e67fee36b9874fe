import Foundation
import GRDB

extension RateStore {
  /// Calls `body` for each rate at a snapshot matching a filter, in the stable order, one row at a
  /// time from a database cursor (memory does not grow with the number of rows).
  public func eachRate(
    _ filter: RateFilter, at snapshot: Snapshot = .current, _ body: (RateRecord) throws -> Void
  ) throws {
    try read { db in
      let (s, sargs) = Self.snapshotClause(snapshot)
      let (f, fargs) = filter.clause()
      var sql = "SELECT * FROM rate WHERE \(s)"
      if !f.isEmpty { sql += " AND \(f)" }
      sql += " ORDER BY \(Self.order)"
      let cursor = try RateRecord.fetchCursor(db, sql: sql, arguments: Self.bind(sargs + fargs))
      while let record = try cursor.next() { try body(record) }
    }
  }
}
