import Crypto
import Foundation
import GRDB

extension RateStore {
  /// SHA-256 over every row and column of the `rate` table in id order: two equal digests mean
  /// byte-identical rate tables (used to prove a failed import changed nothing).
  public func rateTableDigest() throws -> String {
    try read { db in
      var hasher = SHA256()
      let rows = try Row.fetchCursor(db, sql: "SELECT * FROM rate ORDER BY id")
      while let row = try rows.next() {
        for (column, value) in row {
          hasher.update(data: Data(column.utf8))
          hasher.update(data: Data("=\(value.description)\u{1F}".utf8))
        }
        hasher.update(data: Data("\u{1E}".utf8))
      }
      return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
  }

  /// Number of rows in the `rate` table (every version).
  public func rateRowCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate") ?? 0 }
  }
}
