/// Process exit codes, documented in docs/operations.md. Argument errors exit 64 (ArgumentParser).
public enum ExitStatus: Int32, Sendable {
  case ok = 0
  /// Any other failure.
  case failure = 1
  /// An import refused by the large-change guard (`--allow-large-change` overrides).
  case refused = 3
  /// `--strict` and rows were skipped or not classified.
  case strictFailure = 4
  /// Bad input: a sheet or profile that cannot be read.
  case dataError = 65
  /// A source could not be fetched.
  case unavailable = 69
  /// The database is locked by another ratecard process.
  case busy = 75
}
