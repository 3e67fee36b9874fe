import RatecardKit
import RateStore

/// Values kept until the process exits: the engine and results of a one-shot command are large
/// object graphs (every rate's strings), and releasing them one by one on the way out costs
/// milliseconds that the operating system saves by reclaiming the whole address space at once.
enum ProcessLifetime {
  nonisolated(unsafe) private static var kept: [Any] = []

  /// Keeps `values` alive until exit (commands run on the main thread, one at a time).
  static func keep(_ values: Any...) { kept.append(contentsOf: values) }

  /// Leaves `store` open until exit when the engine load wrote nothing to it (the cache was read,
  /// or an `--as-of` snapshot): closing a connection checkpoints the write-ahead log and deletes
  /// it, so the next run's open would write GRDB's probe transaction into a new log again. The
  /// log left beside the database holds only that probe; SQLite reads it on the next open. A run
  /// that rebuilt the cache or re-resolved the rates closes the store as usual, so a log with
  /// their pages is checkpointed into the database.
  static func keepOpenUnlessWritten(_ store: RateStore, path: EngineLoader.Path) {
    if case .rebuilt = path { return }
    keep(store)
  }
}
