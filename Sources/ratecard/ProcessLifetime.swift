import RatecardKit
import RateStore

/// Values kept until the process exits: the engine and results of a one-shot command are large
/// object graphs (every rate's strings), and releasing them one by one on the way out costs
/// milliseconds that the operating system saves by reclaiming the whole address space at once.
enum ProcessLifetime {
  nonisolated(unsafe) private static var kept: [Any] = []

  /// Keeps `values` alive until exit (commands run on the main thread, one at a time).
  static func keep(_ values: Any...) { kept.append(contentsOf: values) }

  /// Leaves `store` open until exit when the engine was read from the cache: the cache key
  /// matched the store's state, so this run wrote nothing (a migration, a re-resolution of the
  /// rates or a rebuilt cache would each have changed the key). Closing a connection checkpoints
  /// the write-ahead log and deletes it, so the next run's open would write GRDB's probe
  /// transaction into a new log again; the log left beside the database holds only that probe,
  /// which SQLite reads on the next open. Every other run (a rebuilt cache, `--as-of`, which may
  /// follow a re-resolution) closes the store as usual, so a log with pages it wrote is
  /// checkpointed into the database.
  static func keepOpenUnlessWritten(_ store: RateStore, path: EngineLoader.Path) {
    guard path == .cached else { return }
    keep(store)
  }
}
