import Foundation
import GRDB

extension RateStore {
  /// Calls `body` for each change between two snapshots, computed by SQL and read from a cursor
  /// (memory does not grow with the number of changes). Same result and order as ``diff(from:to:filter:)``.
  public func eachChange(
    from: Snapshot, to: Snapshot, filter: RateFilter = RateFilter(), _ body: (RateChange) throws -> Void
  ) throws {
    try read { db in
      try Self.validate(from, db)
      try Self.validate(to, db)
      let (sa, aa) = Self.snapshotClause(from)
      let (sb, ab) = Self.snapshotClause(to)
      let (f, fargs) = filter.clause()
      let extra = f.isEmpty ? "" : " AND \(f)"
      let identity = "x.provider = y.provider AND x.service = y.service AND x.rateKey = y.rateKey AND x.currency = y.currency"
      let sql = """
        WITH a AS (SELECT * FROM rate WHERE \(sa)\(extra)),
             b AS (SELECT * FROM rate WHERE \(sb)\(extra))
        SELECT 'added' AS kind, NULL AS oldId, y.id AS newId, y.provider AS p, y.service AS s,
               COALESCE(y.model, y.sheetModel) AS m, y.region AS r, y.rateKey AS k
          FROM b y WHERE NOT EXISTS (SELECT 1 FROM a x WHERE \(identity))
        UNION ALL
        SELECT 'changed', x.id, y.id, y.provider, y.service, COALESCE(y.model, y.sheetModel), y.region, y.rateKey
          FROM b y JOIN a x ON \(identity)
          WHERE x.id != y.id AND (x.price != y.price OR x.unit != y.unit)
        UNION ALL
        SELECT 'withdrawn', x.id, NULL, x.provider, x.service, COALESCE(x.model, x.sheetModel), x.region, x.rateKey
          FROM a x WHERE NOT EXISTS (SELECT 1 FROM b y WHERE \(identity))
        ORDER BY kind, p, s, m, r, k
        """
      let cursor = try Row.fetchCursor(db, sql: sql, arguments: Self.bind(aa + fargs + ab + fargs))
      while let row = try cursor.next() {
        let kind = RateChange.Kind(rawValue: row["kind"]) ?? .changed
        let oldId: Int64? = row["oldId"]
        let newId: Int64? = row["newId"]
        let old = try oldId.flatMap { try RateRecord.fetchOne(db, key: $0) }
        let new = try newId.flatMap { try RateRecord.fetchOne(db, key: $0) }
        try body(RateChange(kind: kind, old: old, new: new))
      }
    }
  }
}
