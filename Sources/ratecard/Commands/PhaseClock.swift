import Foundation

/// Phase timings for the benchmark: with `RATECARD_TIMINGS=1` a command prints one line to stderr,
/// `timings name=seconds ... extra`. Costs nothing otherwise.
struct PhaseClock {
  let enabled = ProcessInfo.processInfo.environment["RATECARD_TIMINGS"] == "1"
  private var last = DispatchTime.now().uptimeNanoseconds
  private var parts: [String] = []

  /// Ends the current phase under `name`.
  mutating func lap(_ name: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    parts.append("\(name)=\(String(format: "%.6f", Double(now - last) / 1e9))")
    last = now
  }

  /// Prints the line (`extra` is not built when timings are off).
  func finish(extra: @autoclosure () -> String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data(("timings " + (parts + [extra()]).joined(separator: " ") + "\n").utf8))
  }
}
