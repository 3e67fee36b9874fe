import Foundation
@testable import PriceSheets

/// JSON decoding for the AWS readers, turning `DecodingError` into a ``SheetError`` that names the
/// file and the JSON path (`products.ABC.attributes`, `PriceList[3].terms`).
enum LegacyAWSDecoding {
  static func decode<T: Decodable>(
    _ type: T.Type, from data: Data, file: String, pathPrefix: String = ""
  ) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch let error as DecodingError {
      throw sheetError(error, file: file, pathPrefix: pathPrefix)
    }
  }

  /// The JSON path of coding keys: `a.b[2].c`.
  static func path(_ keys: [any CodingKey], prefix: String = "") -> String {
    var s = prefix
    for key in keys {
      if let i = key.intValue {
        s += "[\(i)]"
      } else {
        s += (s.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return s
  }

  static func sheetError(_ error: DecodingError, file: String, pathPrefix: String) -> SheetError {
    func here(_ keys: [any CodingKey]) -> String {
      let p = path(keys, prefix: pathPrefix)
      return p.isEmpty ? "top level" : p
    }
    switch error {
    case .keyNotFound(let key, let context):
      return .malformed(
        file: file, location: here(context.codingPath + [key]),
        reason: "missing key '\(key.stringValue)'")
    case .typeMismatch(let type, let context):
      return .malformed(
        file: file, location: here(context.codingPath),
        reason: "expected \(describe(type)) (\(context.debugDescription))")
    case .valueNotFound(let type, let context):
      return .malformed(
        file: file, location: here(context.codingPath), reason: "expected \(describe(type)), found null")
    case .dataCorrupted(let context):
      let underlying =
        (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"]
        .map { " (\($0))" } ?? ""
      return .malformed(
        file: file, location: here(context.codingPath),
        reason: "not valid JSON: \(context.debugDescription)\(underlying)")
    @unknown default:
      return .malformed(file: file, location: here([]), reason: "\(error)")
    }
  }

  static func describe(_ type: Any.Type) -> String {
    let name = String(describing: type)
    if name.hasPrefix("Dictionary") { return "an object" }
    if name.hasPrefix("Array") { return "an array" }
    if name == "String" { return "a string" }
    return name
  }
}
