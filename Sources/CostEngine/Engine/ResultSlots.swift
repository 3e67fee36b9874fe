import Foundation

/// Fixed slots filled from parallel work, read back in order (the first error wins, in order).
final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private var slots: [Result<T, any Error>?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ r: Result<T, any Error>) {
    lock.lock()
    slots[i] = r
    lock.unlock()
  }

  func values() throws -> [T] { try slots.map { try $0!.get() } }

  /// The result in slot `i` (once the parallel work is done).
  func result(_ i: Int) -> Result<T, any Error> { slots[i]! }
}
