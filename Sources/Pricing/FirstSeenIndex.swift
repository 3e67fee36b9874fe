/// Keys numbered in the order they were first seen: the dense index (0, 1, 2 ...) of a key, given
/// to it when it is new. Aggregates keep their rows in arrays beside it.
public struct FirstSeenIndex<Key: Hashable> {
  /// The keys, in first-seen order (a key's index is its position).
  public private(set) var keys: [Key] = []
  private var numbers: [Key: Int] = [:]

  public init() {}

  /// The index of `key`, numbering it when it is new (`isNew`: the caller appends its row).
  public mutating func index(of key: Key) -> (index: Int, isNew: Bool) {
    if let i = numbers[key] { return (i, false) }
    numbers[key] = keys.count
    keys.append(key)
    return (keys.count - 1, true)
  }

  /// The index of `key`, nil when it was never seen.
  public subscript(key: Key) -> Int? { numbers[key] }

  public var count: Int { keys.count }
}
