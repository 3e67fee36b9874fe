import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Turns inputs into outputs in order on a background thread, at most one ahead of the consumer:
/// while the consumer works on output `i` (merging a source into the store), the thread makes
/// output `i + 1` (parsing the next source), so at most two outputs are held at a time.
///
/// The thread starts with the first input; more can be added while it runs (``add(_:)``, then
/// ``close()``). It stops after an output `stop` says ends the sequence (a parse error: nothing
/// after it is used), after the last input once closed, or when ``finish()`` is called. Take
/// outputs in order with ``take(_:)``; call ``finish()`` before leaving, which waits for the
/// thread to end.
package final class ParseAhead<Input: Sendable, Output: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var inputs: [Input] = []
  private var closed = false
  private var outputs: [Int: Output] = [:]
  /// How many outputs the consumer has taken.
  private var taken = 0
  private var cancelled = false
  /// True until the thread starts, and once it has ended.
  private var finished = true
  /// The input the thread is making (-1 when none).
  private var making = -1
  /// Inputs the consumer made itself (``take(_:)`` with `help`); the thread skips them.
  private var claimed = Set<Int>()
  /// No input after this one is wanted (a stop output made by the consumer).
  private var stopAfter = Int.max
  /// ``take(_:)`` makes the next input itself while it waits (see `help` in the initialiser).
  private let help: Bool
  /// The thread once started, until it is joined (by ``finish()``, or when this is released).
  private var thread: pthread_t?

  private let work: @Sendable (Input) -> Output
  private let stop: @Sendable (Output) -> Bool
  /// How many outputs the thread may make ahead of the consumer.
  private let lookahead: Int
  /// True for an input that may be started one further ahead (its output is handed over while
  /// it is made, so making it early holds nothing the consumer could not take).
  private let eager: @Sendable (Input) -> Bool

  /// With no inputs yet; the thread starts with the first input. `work` makes the output of an
  /// input; `stop(output)` is true when no output after `output` is wanted. The thread makes at
  /// most `lookahead` outputs the consumer has not taken yet (more keeps it from waiting on the
  /// consumer when both are short of a core, at the cost of holding more outputs).
  /// `eager(input)` lets an input be started with one more output not taken yet. With `help`,
  /// a consumer waiting in ``take(_:)`` for the output the thread is making makes the next input
  /// itself (when it is not `eager`), instead of idling: the output it holds then is the one the
  /// thread would have made ahead anyway.
  package init(
    lookahead: Int = 1, eager: @escaping @Sendable (Input) -> Bool = { _ in false },
    help: Bool = false,
    work: @escaping @Sendable (Input) -> Output,
    stop: @escaping @Sendable (Output) -> Bool
  ) {
    self.lookahead = max(1, lookahead)
    self.help = help
    self.eager = eager
    self.work = work
    self.stop = stop
  }

  /// Starts the thread (called with the lock held).
  private func start() {
    finished = false
    let body = ThreadBody { [self] in
      var i = 0
      while let input = next(&i) {
        let output = work(input)
        condition.lock()
        outputs[i] = output
        making = -1
        condition.broadcast()
        condition.unlock()
        if stop(output) { break }
        i += 1
      }
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
    // A joinable POSIX thread rather than a Foundation `Thread`: ``finish()`` joins it, so what
    // the thread held (its work closure, the documents it captured) is released when `finish`
    // returns, not at some point after (LeakSanitizer reported those as leaks while fuzzing).
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    // The same stack as the main thread, so a deeply nested document fails (or not) alike.
    pthread_attr_setstacksize(&attributes, 8 << 20)
    let context = Unmanaged.passRetained(body).toOpaque()
    var id = pthread_t()
    let rc = pthread_create(
      &id, &attributes,
      { raw in
        Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
        return nil
      }, context)
    if rc == 0 {
      thread = id
    } else {
      // No thread to be had: a Foundation thread (not joined) rather than none.
      let fallback = Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue()
      let t = Thread { fallback.run() }
      t.stackSize = 8 << 20
      t.start()
    }
  }

  /// Joins the thread if it was started and not yet joined (never from the thread itself).
  private func join(_ id: pthread_t?) {
    guard let id else { return }
    if pthread_equal(id, pthread_self()) != 0 {
      pthread_detach(id)
    } else {
      pthread_join(id, nil)
    }
  }

  deinit {
    // Released without ``finish()``: the thread has ended (it held this object until then).
    join(thread)
  }

  /// On `inputs`, closed.
  package convenience init(
    _ inputs: [Input], lookahead: Int = 1, work: @escaping @Sendable (Input) -> Output,
    stop: @escaping @Sendable (Output) -> Bool
  ) {
    self.init(lookahead: lookahead, work: work, stop: stop)
    for input in inputs { add(input) }
    close()
  }

  /// Input `i` (or the first after it the consumer did not make) once the consumer has taken
  /// enough outputs before it; nil when there is none.
  private func next(_ i: inout Int) -> Input? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled {
      while claimed.contains(i) { i += 1 }
      if i > stopAfter { return nil }
      if i >= inputs.count {
        if closed { return nil }
      } else if i < taken + lookahead || (i == taken + lookahead && eager(inputs[i])) {
        making = i
        return inputs[i]
      }
      condition.wait()
    }
    return nil
  }

  /// Adds an input after those added before.
  package func add(_ input: Input) {
    condition.lock()
    if inputs.isEmpty, !cancelled { start() }
    inputs.append(input)
    condition.broadcast()
    condition.unlock()
  }

  /// Says no input follows.
  package func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// Output `index`, waiting for it; nil if the thread ended without making it (after an output
  /// that stopped it, or after ``finish()``). Take outputs in order.
  package func take(_ index: Int) -> Output? {
    condition.lock()
    defer { condition.unlock() }
    while outputs[index] == nil, !finished {
      let next = index + 1
      if help, making == index, !cancelled, next < inputs.count, next <= stopAfter,
        !claimed.contains(next), outputs[next] == nil, !eager(inputs[next])
      {
        // The thread is busy with `index`: make the next one here meanwhile.
        claimed.insert(next)
        let input = inputs[next]
        condition.unlock()
        let output = work(input)
        condition.lock()
        outputs[next] = output
        if stop(output) { stopAfter = min(stopAfter, next) }
        condition.broadcast()
        continue
      }
      condition.wait()
    }
    taken = max(taken, index + 1)
    condition.broadcast()
    return outputs.removeValue(forKey: index)
  }

  /// Stops the thread after the output it is making, drops what was not taken, and waits for
  /// the thread to end.
  package func finish() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while !finished { condition.wait() }
    outputs.removeAll()
    let started = thread
    thread = nil
    condition.unlock()
    join(started)
  }
}

/// The work of a ``ParseAhead`` thread, handed to `pthread_create` as its context.
private final class ThreadBody: Sendable {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
