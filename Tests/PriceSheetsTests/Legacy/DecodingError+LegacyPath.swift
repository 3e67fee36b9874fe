import Foundation
@testable import PriceSheets

extension DecodingError {
  /// The JSON path of the failure (`Items[3].meterName`).
  var legacyJSONPath: String {
    let path: [CodingKey]
    switch self {
    case .keyNotFound(let key, let context): path = context.codingPath + [key]
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
    @unknown default: path = []
    }
    var text = ""
    for key in path {
      if let i = key.intValue {
        text += "[\(i)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return text.isEmpty ? "$" : text
  }

  /// A one-line reason.
  var legacyShortReason: String {
    switch self {
    case .keyNotFound(let key, _): "missing key '\(key.stringValue)'"
    case .typeMismatch(let type, let c): "expected \(type): \(c.debugDescription)"
    case .valueNotFound(let type, _): "null where \(type) is required"
    case .dataCorrupted(let c): c.debugDescription
    @unknown default: "\(self)"
    }
  }
}
