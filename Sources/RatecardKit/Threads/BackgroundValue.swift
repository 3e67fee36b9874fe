import Foundation

/// A value computed on a thread of its own while the caller goes on: the engine commands build
/// the model catalogue and parse profiles on the second core while the first opens the store and
/// reads the engine cache. ``value()`` waits for the result and rethrows the work's error, so
/// errors surface where the caller asks for the value, in the order it chooses.
public final class BackgroundValue<T>: @unchecked Sendable {
  private let finished = DispatchSemaphore(value: 0)
  // Written once by the worker before `finished` is signalled; read only after waiting on it.
  private var result: Result<T, Error>?

  /// Starts `work` on `queue`: values given one serial queue are computed one after the other on
  /// one second thread, leaving the calling thread its core.
  public init(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) {
    queue.async { [self] in
      result = Result { try work() }
      finished.signal()
    }
  }

  /// A serial queue for ``init(on:_:)``.
  public static func serialQueue() -> DispatchQueue { DispatchQueue(label: "ratecard.background") }

  /// The work's value, waiting for it; rethrows its error. May be called more than once.
  public func value() throws -> T {
    finished.wait()
    defer { finished.signal() }
    return try result!.get()
  }

  /// `body`'s result. When `body` throws, this value's own error is thrown instead if it has one
  /// (waiting for it): errors come in the order of a run that computed this value first.
  public func errorFirst<R>(around body: () throws -> R) throws -> R {
    do {
      return try body()
    } catch {
      _ = try value()
      throw error
    }
  }
}
