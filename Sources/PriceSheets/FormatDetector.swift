import Foundation

/// Tells a sheet's format from its content (the first few kilobytes), so `ratecard import` needs no
/// `--source-format` for the formats it knows, and a wrong file is named with what it looks like.
public enum FormatDetector {
  /// How many leading bytes are inspected.
  static let sniffLength = 16_384

  /// The format of `document`, or a ``SheetError`` saying what the content looks like instead.
  public static func detect(_ document: SheetDocument) throws -> SheetFormat {
    let data = document.data
    guard !data.isEmpty else { throw SheetError.empty(file: document.uri) }
    var head = data.prefix(sniffLength)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    guard let text = String(bytes: head, encoding: .utf8) ?? validUTF8Prefix(head) else {
      throw SheetError.unknownFormat(file: document.uri, hint: "the content is not UTF-8 text")
    }
    let trimmed = text.drop(while: { $0.isWhitespace })
    guard let first = trimmed.first else {
      throw SheetError.empty(file: document.uri)
    }
    if first == "<" {
      throw SheetError.unknownFormat(
        file: document.uri, hint: "it looks like an HTML or XML page (an error page?), not JSON or CSV")
    }
    if first == "{" || first == "[" {
      // Literal searches of ASCII keys over the sniffed text's UTF-8 bytes (what Foundation's
      // `contains`, a literal UTF-16 search, finds; without bridging to NSString per key).
      let bytes = Array(text.utf8)
      func has(_ key: String) -> Bool { Self.contains(bytes, Array(key.utf8)) }
      if has("\"PriceList\"") { return .awsQueryAPI }
      if has("\"offerCode\"") && has("\"products\"") { return .awsOfferJSON }
      if has("\"offers\"") && has("\"formatVersion\"") { return .awsOfferIndex }
      if has("\"regions\"") && has("\"currentVersionUrl\"") {
        return .awsRegionIndex
      }
      if has("\"Items\"") || has("\"BillingCurrency\"") || has("\"NextPageLink\"") {
        return .azureRetail
      }
      if has("\"formatVersion\"") && has("\"offerCode\"") { return .awsOfferJSON }
      throw SheetError.unknownFormat(
        file: document.uri,
        hint: "JSON, but neither an AWS Price List offer or index nor an Azure Retail Prices page")
    }
    let firstLine = trimmed.prefix(while: { $0 != "\n" && $0 != "\r" }).lowercased()
    if firstLine.hasPrefix("\"formatversion\"") || firstLine.hasPrefix("formatversion") {
      return .awsOfferCSV
    }
    let columns = Set(
      firstLine.split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
      })
    if columns.isSuperset(of: ["provider", "sku", "price"]) { return .ratecardCSV }
    throw SheetError.unknownFormat(
      file: document.uri, hint: "neither JSON nor a CSV with a known header")
  }

  /// True when `needle` occurs in `haystack` (byte for byte).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let head = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    let last = haystack.count - needle.count
    var i = 0
    while i <= last {
      if haystack[i] == head {
        var j = 1
        while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
        if j == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  /// A sniffed prefix may cut a multi-byte character in half; accept that, but nothing else.
  private static func validUTF8Prefix(_ head: Data) -> String? {
    for cut in 1...3 where head.count > cut {
      if let s = String(bytes: head.dropLast(cut), encoding: .utf8) { return s }
    }
    return nil
  }
}
