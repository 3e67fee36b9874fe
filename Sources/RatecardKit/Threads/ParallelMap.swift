import Foundation

/// Maps a collection on every core, results in input order (report shapes for large batches).
enum ParallelMap {
  /// Inputs below this count are mapped on the calling thread.
  static let threshold = 64

  static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count >= threshold else { return items.map(transform) }
    let out = Slots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in out.set(i, transform(items[i])) }
    return out.values()
  }

  /// One slot per input, each written by exactly one worker before `values()` is read.
  private final class Slots<R: Sendable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
      self.count = count
      base = .allocate(capacity: count)
      base.initialize(repeating: nil, count: count)
    }

    deinit {
      base.deinitialize(count: count)
      base.deallocate()
    }

    func set(_ i: Int, _ value: R) { base[i] = value }

    func values() -> [R] { (0..<count).map { base[$0]! } }
  }
}
