import Foundation

/// Produces `count` results in order on a background thread, at most one ahead of the consumer:
/// while the consumer works on result `i` (merging a source into the store), the thread makes
/// result `i + 1` (parsing the next source), so at most two are held at a time.
///
/// The thread stops after a result `stop` says ends the sequence (a parse error: nothing after
/// it is used), or when ``finish()`` is called. Take results in order with ``take(_:)``; call
/// ``finish()`` before leaving, which waits for the thread to end.
package final class ParseAhead<Output: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var results: [Int: Output] = [:]
  /// How many results the consumer has taken.
  private var taken = 0
  private var cancelled = false
  private var finished = false

  /// Starts the thread. `work(i)` makes result `i`; `stop(output)` is true when no result after
  /// `output` is wanted.
  package init(
    count: Int, work: @escaping @Sendable (Int) -> Output,
    stop: @escaping @Sendable (Output) -> Bool
  ) {
    let thread = Thread { [self] in
      for i in 0..<count {
        condition.lock()
        while !cancelled, i > taken { condition.wait() }
        let stopNow = cancelled
        condition.unlock()
        if stopNow { break }
        let output = work(i)
        condition.lock()
        results[i] = output
        condition.broadcast()
        condition.unlock()
        if stop(output) { break }
      }
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
    // The same stack as the main thread, so a deeply nested document fails (or not) alike.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Result `index`, waiting for it; nil if the thread ended without making it (after a result
  /// that stopped it, or after ``finish()``). Take results in order.
  package func take(_ index: Int) -> Output? {
    condition.lock()
    defer { condition.unlock() }
    while results[index] == nil, !finished { condition.wait() }
    taken = max(taken, index + 1)
    condition.broadcast()
    return results.removeValue(forKey: index)
  }

  /// Stops the thread after the result it is making, drops what was not taken, and waits for
  /// the thread to end.
  package func finish() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while !finished { condition.wait() }
    results.removeAll()
    condition.unlock()
  }
}
