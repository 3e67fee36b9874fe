import Foundation
@testable import PriceSheets

/// Captures the text of one numeric field of every item of an Azure page (`Items[i].retailPrice`)
/// in a single pass over the bytes, so the sheet's own number spelling can be kept beside the
/// exact `Decimal` that `JSONDecoder` produced.
enum LegacyAzureNumberScanner {
  /// The raw text of `key` in each object of the top-level `Items` array, in order; nil where an
  /// item lacks the key or its value is not a number.
  static func itemNumbers(_ data: Data, key: String) -> [String?] {
    let target = Array(key.utf8)
    var result: [String?] = []
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let b = raw.bindMemory(to: UInt8.self)
      let n = b.count
      var i = 0
      var depth = 0
      var itemsDepth = -1  // depth of the Items array once entered
      var lastKeyAtTop: [UInt8] = []
      var expectingKey = false
      while i < n {
        let c = b[i]
        switch c {
        case UInt8(ascii: "{"):
          depth += 1
          expectingKey = true
          if itemsDepth >= 0, depth == itemsDepth + 1 { result.append(nil) }
          i += 1
        case UInt8(ascii: "["):
          depth += 1
          if depth == 2, lastKeyAtTop == Array("Items".utf8) { itemsDepth = 2 }
          expectingKey = false
          i += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          if depth == itemsDepth, c == UInt8(ascii: "]") { itemsDepth = -1 }
          depth -= 1
          expectingKey = false
          i += 1
        case UInt8(ascii: ","):
          expectingKey = true
          i += 1
        case UInt8(ascii: "\""):
          let start = i + 1
          var j = start
          while j < n, b[j] != UInt8(ascii: "\"") {
            j += b[j] == UInt8(ascii: "\\") ? 2 : 1
          }
          let isKey = expectingKey
          let text = Array(b[start..<min(j, n)])
          i = j + 1
          expectingKey = false
          guard isKey else { continue }
          if depth == 1 { lastKeyAtTop = text }
          guard itemsDepth >= 0, depth == itemsDepth + 1, text == target else { continue }
          while i < n,
            b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 || b[i] == UInt8(ascii: ":")
          {
            i += 1
          }
          var k = i
          while k < n, isNumberByte(b[k]) { k += 1 }
          if k > i, !result.isEmpty {
            result[result.count - 1] = String(
              decoding: UnsafeBufferPointer(rebasing: b[i..<k]), as: UTF8.self)
          }
          i = max(k, i)
        default:
          i += 1
        }
      }
    }
    return result
  }

  private static func isNumberByte(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
      || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
  }
}
