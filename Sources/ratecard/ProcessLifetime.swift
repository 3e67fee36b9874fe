/// Values kept until the process exits: the engine and results of a one-shot command are large
/// object graphs (every rate's strings), and releasing them one by one on the way out costs
/// milliseconds that the operating system saves by reclaiming the whole address space at once.
enum ProcessLifetime {
  nonisolated(unsafe) private static var kept: [Any] = []

  /// Keeps `values` alive until exit (commands run on the main thread, one at a time).
  static func keep(_ values: Any...) { kept.append(contentsOf: values) }
}
