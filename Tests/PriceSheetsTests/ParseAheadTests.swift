import Foundation
@testable import PriceSheets
import Testing

/// The background producer behind the import's and the Azure reader's overlap.
@Suite("ParseAhead")
struct ParseAheadTests {
  struct Failed: Error {}

  @Test("outputs come in input order, inputs added while the thread runs")
  func inOrder() {
    let ahead = ParseAhead<Int, Int>(work: { $0 * 10 }, stop: { _ in false })
    defer { ahead.finish() }
    ahead.add(1)
    #expect(ahead.take(0) == 10)
    for i in 2...50 { ahead.add(i) }
    ahead.close()
    for i in 1..<50 { #expect(ahead.take(i) == (i + 1) * 10) }
    #expect(ahead.take(50) == nil, "no output after the last input")
  }

  @Test("the thread stops after an output that says stop")
  func stopsAfterFailure() {
    let made = Counter()
    let ahead = ParseAhead<Int, Result<Int, Failed>>(
      Array(0..<10),
      work: { i in
        made.increment()
        return i == 3 ? .failure(Failed()) : .success(i)
      },
      stop: { if case .failure = $0 { return true } else { return false } })
    defer { ahead.finish() }
    for i in 0..<3 { #expect((try? ahead.take(i)?.get()) == i) }
    #expect(throws: Failed.self) { try ahead.take(3)?.get() }
    #expect(ahead.take(4) == nil)
    ahead.finish()
    #expect(made.value == 4)
  }

  @Test("finish stops the thread at most one output ahead of the consumer")
  func finishEarly() {
    let made = Counter()
    let ahead = ParseAhead<Int, Int>(
      Array(0..<100), work: { made.increment(); return $0 }, stop: { _ in false })
    #expect(ahead.take(0) == 0)
    ahead.finish()
    #expect(made.value <= 2)
    #expect(ahead.take(1) == nil)
  }

  @Test("with a lookahead of 3 the thread makes at most 3 outputs the consumer has not taken")
  func lookahead() {
    let made = Counter()
    let ahead = ParseAhead<Int, Int>(
      Array(0..<100), lookahead: 3, work: { made.increment(); return $0 }, stop: { _ in false })
    #expect(ahead.take(0) == 0)
    #expect(ahead.take(1) == 1)
    ahead.finish()
    #expect(made.value <= 5)
    #expect(made.value >= 2)
  }

  @Test("with no input the thread never starts; take and finish return at once")
  func neverStarted() {
    let made = Counter()
    let ahead = ParseAhead<Int, Int>(work: { made.increment(); return $0 }, stop: { _ in false })
    ahead.close()
    #expect(ahead.take(0) == nil)
    ahead.finish()
    ahead.add(1)
    #expect(ahead.take(0) == nil, "nothing starts after finish")
    #expect(made.value == 0)
  }

  @Test("an empty closed input list ends the thread")
  func empty() {
    let ahead = ParseAhead<Int, Int>([], work: { $0 }, stop: { _ in false })
    #expect(ahead.take(0) == nil)
    ahead.finish()
  }
}

/// A thread-safe counter.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  var value: Int { lock.withLock { count } }
  func increment() { lock.withLock { count += 1 } }

  @Test("finish joins the thread: what it held is released when finish returns")
  func finishJoins() {
    for _ in 0..<200 {
      weak var released: ParseAhead<Int, Int>?
      do {
        let ahead = ParseAhead<Int, Int>(work: { $0 + 1 }, stop: { _ in false })
        released = ahead
        ahead.add(1)
        ahead.close()
        #expect(ahead.take(0) == 2)
        ahead.finish()
      }
      #expect(released == nil)
    }
  }
}
