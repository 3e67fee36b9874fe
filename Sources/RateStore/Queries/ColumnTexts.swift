import Foundation

/// Strings for a statement's text columns that mostly repeat the row before (the engine's rows come
/// sorted by provider, service, model, region): the previous row's string is reused when the bytes
/// match, which saves a decode and an allocation per repeated value.
struct ColumnTexts {
  private var lastBytes: [[UInt8]]
  private var lastString: [String]

  init(columns: Int) {
    lastBytes = Array(repeating: [], count: columns)
    lastString = Array(repeating: "", count: columns)
  }

  /// The string for these UTF-8 bytes in column `column`.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
    let same = lastBytes[column].withUnsafeBufferPointer { last in
      last.count == bytes.count && memcmp(last.baseAddress!, base, bytes.count) == 0
    }
    if same { return lastString[column] }
    let s = String(decoding: bytes, as: UTF8.self)
    lastBytes[column].removeAll(keepingCapacity: true)
    lastBytes[column].append(contentsOf: bytes)
    lastString[column] = s
    return s
  }
}
