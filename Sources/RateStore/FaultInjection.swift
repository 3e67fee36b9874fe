import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Crash points for the crash-safety tests: when the environment variable `RATECARD_FAULT` names a
/// point, the process kills itself with SIGKILL there, as a power cut or the OOM killer would.
/// Unset in normal use; reading it costs one environment lookup per point.
public enum FaultInjection {
  /// The points, in the order an import passes them.
  public enum Point: String, CaseIterable, Sendable {
    /// After the sources were found and their formats detected, before hashing and parsing.
    case afterPlan = "after-plan"
    /// After the first changed source was parsed, before any of its rates is written (inside the
    /// write transaction: sources are parsed and merged one at a time). When every source is
    /// unchanged: after their unchanged runs were recorded. A source merged while it is read (an
    /// Azure source): before its first rate is written.
    case afterParse = "after-parse"
    /// Inside the write transaction, after half of a source's new rates were inserted (a source
    /// merged while it is read: after the new rates of its first chunk that has any).
    case midWrite = "mid-write"
    /// Inside the write transaction, after every row was written, just before COMMIT.
    case beforeCommit = "before-commit"
    /// Right after COMMIT.
    case afterCommit = "after-commit"
  }

  static let armed: String? = ProcessInfo.processInfo.environment["RATECARD_FAULT"]

  /// Kills the process if `point` is armed.
  public static func check(_ point: Point) {
    guard let armed, armed == point.rawValue else { return }
    kill(getpid(), SIGKILL)
  }
}
