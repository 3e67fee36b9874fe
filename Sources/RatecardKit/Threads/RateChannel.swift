import Foundation
import Pricing

/// The rates of one source handed from the parse thread to the merge, a chunk at a time (an
/// Azure source's pages): the parse thread ``push(_:)``es each chunk and ``close()``s the channel
/// when the read ends (after an error too); the merge takes chunks with ``next()`` until nil.
/// Chunks are not bounded: if the merge falls behind, the source's rates wait here, as they
/// would in a whole parsed sheet.
final class RateChannel: @unchecked Sendable {
  private let condition = NSCondition()
  private var chunks: [[Rate]] = []
  private var head = 0
  private var closed = false

  func push(_ chunk: [Rate]) {
    condition.lock()
    chunks.append(chunk)
    condition.signal()
    condition.unlock()
  }

  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next chunk, waiting for it; nil once the channel is closed and empty.
  func next() -> [Rate]? {
    condition.lock()
    defer { condition.unlock() }
    while head == chunks.count, !closed { condition.wait() }
    guard head < chunks.count else { return nil }
    let chunk = chunks[head]
    chunks[head] = []
    head += 1
    return chunk
  }
}
