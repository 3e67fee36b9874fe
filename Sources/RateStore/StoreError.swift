import Foundation

/// Why the store refused or failed an operation.
public enum StoreError: Error, LocalizedError, Equatable, Sendable {
  /// The database was migrated with a migration whose text differs from the one this binary ships.
  case migrationMismatch(name: String, recorded: String, shipped: String)
  /// The database has a migration this binary does not know (it was written by a newer ratecard).
  case unknownMigration(name: String)
  /// An import would change more than the guard allows; `--allow-large-change` overrides it.
  case largeChange(source: String, reason: String)
  /// Another process holds the write lock for longer than the busy timeout.
  case busy(path: String)
  /// A run id or date given to `diff` or `history` does not exist or cannot be read.
  case unknownSnapshot(String)
  /// The database file cannot be opened or created.
  case cannotOpen(path: String, reason: String)
  /// A sheet lists a rate that is already open in the store but outside the coverage the sheet
  /// declares (its regions, services or currency): the sheet contradicts itself.
  case rateOutsideCoverage(source: String, rateKey: String, region: String)
  /// A sheet published before the latest sheet imported for the same coverage: merging it would
  /// rewrite the history the newer one wrote.
  case olderPublication(source: String, published: String, latest: String)
  /// A stored rate row holds a value that does not read as its column's type.
  case unreadableRate(id: Int64, column: String, text: String)

  public var errorDescription: String? {
    switch self {
    case .migrationMismatch(let name, let recorded, let shipped):
      "the database was created with a different version of migration \(name) (recorded sha256 \(recorded.prefix(12)), this ratecard ships \(shipped.prefix(12))); refusing to open it. Use the ratecard version that created it, or start a new database."
    case .unknownMigration(let name):
      "the database has migration \(name), which this ratecard does not know: it was written by a newer ratecard"
    case .largeChange(let source, let reason):
      "refused: \(source): \(reason). Check the sheet; if the change is real, run again with --allow-large-change"
    case .busy(let path):
      "\(path): the database is locked by another ratecard process (an import is running); try again later"
    case .unknownSnapshot(let s):
      "'\(s)' is neither an import run id nor an ISO 8601 date"
    case .cannotOpen(let path, let reason): "\(path): cannot open the database: \(reason)"
    case .rateOutsideCoverage(let source, let rateKey, let region):
      "\(source): rate '\(rateKey)' (\(region)) is already open in the store, but the sheet's own coverage (the regions, services and currency it says it speaks for; for Azure pages, the NextPageLink $filter) leaves it out: the sheet contradicts itself; nothing was imported"
    case .olderPublication(let source, let published, let latest):
      "refused: \(source) was published \(published), before the sheet of \(latest) already imported for the same coverage; history is not rewritten by an older sheet. Import a sheet published \(latest) or later"
    case .unreadableRate(let id, let column, let text):
      "rate row \(id): column \(column) holds '\(text)', which this ratecard cannot read; the database was changed outside ratecard or by a newer version"
    }
  }
}
