/// Process exit codes, documented in docs/operations.md (the table there is checked by the
/// end-to-end tests).
public enum ExitStatus: Int32, Sendable {
  case ok = 0
  /// Any other failure.
  case failure = 1
  /// `status --check`: a source is stale or its last import failed or was refused.
  case unhealthy = 2
  /// An import refused by the large-change guard (`--allow-large-change` overrides).
  case refused = 3
  /// `--strict` and rows were skipped or not classified.
  case strictFailure = 4
  /// A bad command line: an unknown option or value, a run or date that does not exist.
  case usage = 64
  /// Bad input: a sheet or profile that cannot be read.
  case dataError = 65
  /// Nothing to answer from: the database does not exist or holds no rates.
  case noData = 66
  /// A source could not be fetched.
  case unavailable = 69
  /// The database is locked by another ratecard process.
  case busy = 75
}
