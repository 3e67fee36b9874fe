import Foundation
import GRDB
import GRDBSQLite
import Pricing

/// The statements of the history merge, prepared once per import transaction. Rows are bound
/// straight to SQLite: the text columns of a row are copied into one reused buffer and bound
/// without copies (`SQLITE_STATIC`, valid until the row is stepped), instead of boxing every
/// value into `StatementArguments`.
final class MergeStatements {
  private let db: Database
  private let insert: Statement
  private let close: Statement
  private var relabel: Statement?
  private var lastEnd: Statement?
  /// The text of one row, column after column.
  private var buffer: [UInt8] = []
  /// (offset, length) in `buffer` of each text column of the row being bound; length -1 is NULL.
  private var spans: [(Int, Int)] = []

  /// The canonical text of each price seen (many rates share a price).
  private var priceTexts: [Decimal: String] = [:]
  /// The same answers by the price's bytes (hashing and comparing `Decimal` values is slow); a
  /// miss asks `priceTexts`, so equal prices stored differently still get one text.
  private var priceTextsByBits: [DecimalBits: String] = [:]

  init(_ db: Database) throws {
    self.db = db
    let columns = RateRecord.insertColumns
    insert = try db.makeStatement(
      sql: "INSERT INTO rate (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    )
    close = try db.makeStatement(
      sql: "UPDATE rate SET effectiveTo = ?, closedByRunId = ?, closeReason = ? WHERE id = ?")
    buffer.reserveCapacity(1024)
    spans.reserveCapacity(columns.count)
  }

  deinit {
    sqlite3_clear_bindings(insert.sqliteStatement)
  }

  /// The canonical decimal text of `price` (``ExactDecimal/format(_:)``), memoised.
  func priceText(_ price: Decimal) -> String {
    let bits = DecimalBits(price)
    if let text = priceTextsByBits[bits] { return text }
    let text = decimalPriceText(price)
    priceTextsByBits[bits] = text
    return text
  }

  private func decimalPriceText(_ price: Decimal) -> String {
    if let text = priceTexts[price] { return text }
    let text = price.exactText
    priceTexts[price] = text
    return text
  }

  /// Inserts a new version of `rate` (columns in ``RateRecord/insertColumns`` order).
  func insert(_ r: Rate, effectiveFrom: String, runId: Int64, family: String) throws {
    // Work on local copies of the reused buffers (no exclusivity checks per append).
    var row = RowText(buffer: buffer, spans: spans)
    buffer = []
    spans = []
    defer {
      buffer = row.buffer
      spans = row.spans
    }
    row.reset()
    let price = priceText(r.price)
    for column in Rate.Column.allCases {
      switch column {
      case .effectiveFrom: row.append(effectiveFrom)
      default:
        if let text = r.text(column, priceText: price) { row.append(text) } else { row.appendNull() }
      }
    }
    row.appendNull()  // effectiveTo
    let runIdIndex = row.spans.count
    row.appendNull()  // openedByRunId, bound as an integer below
    row.append(family)
    let statement = insert.sqliteStatement
    let spans = row.spans
    let code = row.buffer.withUnsafeBufferPointer { bytes -> CInt in
      // A valid pointer even for an empty buffer (an empty text is not NULL).
      let base = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? Self.emptyText
      for i in spans.indices {
        let (offset, length) = spans[i]
        let index = CInt(i + 1)
        let rc: CInt
        if i == runIdIndex {
          rc = sqlite3_bind_int64(statement, index, runId)
        } else if length < 0 {
          rc = sqlite3_bind_null(statement, index)
        } else {
          rc = sqlite3_bind_text(
            statement, index, (base + offset).assumingMemoryBound(to: CChar.self), CInt(length),
            nil)  // SQLITE_STATIC: read in place, valid until the step below
        }
        if rc != SQLITE_OK { return rc }
      }
      let rc = sqlite3_step(statement)
      sqlite3_reset(statement)
      return rc
    }
    guard code == SQLITE_DONE else {
      // The only unique index is on the open versions' identity: a rate the merge took for new
      // is open already, outside the coverage the sheet declared.
      if sqlite3_extended_errcode(db.sqliteConnection) == ResultCode.SQLITE_CONSTRAINT_UNIQUE.rawValue {
        throw MergeConflict(rate: r)
      }
      throw error(code, insert)
    }
  }

  /// A new version of a rate whose identity is open already (see ``insert(_:effectiveFrom:runId:family:)``).
  struct MergeConflict: Error {
    let rate: Rate

    func error(source: String) -> StoreError {
      .rateOutsideCoverage(source: source, rateKey: rate.rateKey, region: rate.region)
    }
  }

  /// Closes the open version `id` at `effectiveTo` (reason `changed` or `withdrawn`).
  /// The history rule for one changed rate: the new version starts at the sheet's date when the
  /// sheet moved it forward, otherwise at `boundary` (the publication or import time); the old
  /// version ends where the new one starts.
  func replace(_ old: RateRecord, with new: Rate, boundary: String, runId: Int64, family: String) throws {
    let from = new.effectiveFrom > old.effectiveFrom ? new.effectiveFrom : max(boundary, old.effectiveFrom)
    try close(id: old.id, effectiveTo: from, runId: runId, reason: "changed")
    try insert(new, effectiveFrom: from, runId: runId, family: family)
  }

  /// Where a new version of `rate` starts: the sheet's date, or the end of the rate's last
  /// closed version when that is later (a re-listed rate never overlaps its own history).
  func reopening(_ rate: Rate) throws -> String {
    if lastEnd == nil {
      lastEnd = try db.makeStatement(
        sql: "SELECT MAX(effectiveTo) FROM rate WHERE provider = ? AND service = ? AND rateKey = ? AND currency = ?")
    }
    let end = try String.fetchOne(
      lastEnd!, arguments: [rate.provider.rawValue, rate.service, rate.rateKey, rate.currency])
    guard let end, end > rate.effectiveFrom else { return rate.effectiveFrom }
    return end
  }

  /// Closes an open rate the sheet no longer lists, at `boundary` (never before it opened).
  func withdraw(_ old: RateRecord, boundary: String, runId: Int64) throws {
    try close(id: old.id, effectiveTo: max(boundary, old.effectiveFrom), runId: runId, reason: "withdrawn")
  }

  func close(id: Int64, effectiveTo: String, runId: Int64, reason: String) throws {
    try close.execute(arguments: [effectiveTo, runId, reason, id])
  }

  /// Sets the resolved model of an unchanged version.
  func relabel(id: Int64, model: String?) throws {
    if relabel == nil { relabel = try db.makeStatement(sql: "UPDATE rate SET model = ? WHERE id = ?") }
    try relabel!.execute(arguments: [model, id])
  }

  private func error(_ code: CInt, _ statement: Statement) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code),
      message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
  }

  /// A pointer for a row whose buffer is empty (never read: every span then has length 0).
  nonisolated(unsafe) private static let emptyText = UnsafeRawPointer(
    UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))
}

/// The bytes of a `Decimal` (20 of them), as a key: equal bytes are an equal value.
struct DecimalBits: Hashable {
  var a: UInt64
  var b: UInt64
  var c: UInt32

  init(_ value: Decimal) {
    (a, b, c) = withUnsafeBytes(of: value) { raw in
      (
        raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
      )
    }
  }
}

/// The text of one row being bound: every column's UTF-8 bytes in one buffer.
private struct RowText {
  var buffer: [UInt8]
  /// (offset, length) in `buffer` per column; length -1 is NULL.
  var spans: [(Int, Int)]

  mutating func reset() {
    buffer.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
  }

  mutating func append(_ text: String) {
    let start = buffer.count
    buffer.append(contentsOf: text.utf8)
    spans.append((start, buffer.count - start))
  }

  mutating func appendNull() { spans.append((0, -1)) }
}
