import Foundation
import Pricing

/// Reads `aws pricing get-products` output: `{"FormatVersion": "aws_v1", "PriceList": [...]}`
/// where each `PriceList` element is a JSON *string* holding one product with its terms (parsed
/// again; plain objects are accepted too). JSON Lines of such items are read as well.
///
/// Coverage: the offers and regions the answer lists (the narrowest coverage that contains its
/// rates, which the store needs to merge them). An answer is thus taken as the complete listing
/// of its offers in its regions, as `get-products --service-code X --filters regionCode=Y`
/// prints it; a narrower filter would withdraw the rest, which the import guard refuses.
public struct AWSQueryAPIReader: SheetReader {
  public init() {}

  public func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    var builder: AWSSheetBuilder?
    var versions = Set<String>()
    var publications = Set<String>()
    for document in documents {
      var b = builder ?? AWSSheetBuilder(format: .awsQueryAPI, file: document.uri, options: options)
      for (path, item) in try Self.items(document) {
        if let v = item.version { versions.insert(v) }
        if let p = item.publicationDate { publications.insert(p) }
        for row in try Self.rows(item, path: path, file: document.uri) { try b.add(row) }
      }
      builder = b
    }
    guard let builder else {
      throw SheetError.empty(file: "")
    }
    let publication = publications.count == 1 ? publications.first : nil
    return builder.finish(
      perRegion: nil, listedRegions: true, sheetVersion: versions.count == 1 ? versions.first : nil,
      publicationDate: publication.map { ISODate.normalize($0) ?? $0 })
  }

  /// The items of a document with their paths (`PriceList[3]`, or `line 4` in JSON Lines).
  public static func items(_ document: SheetDocument) throws -> [(String, AWSQueryItem)] {
    let file = document.uri
    let data = document.data
    let trimmed = data.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
    // An envelope (`{"PriceList": [...]}`) when the document is one JSON object with a PriceList.
    var envelopeError: (any Error)?
    do {
      let result = try JSONDocument.parse(trimmed, file: file) { json -> [(String, AWSQueryItem)]? in
        try json.require(json.root, .object)
        _ = try json.optionalString(json.root, "FormatVersion")
        guard let list = try json.optional(json.root, "PriceList", .array) else { return nil }
        var result: [(String, AWSQueryItem)] = []
        for (i, element) in json.elements(list).enumerated() {
          let path = "PriceList[\(i)]"
          result.append((path, try Self.element(json, element, path: path)))
        }
        return result
      }
      if let result { return result }
    } catch {
      envelopeError = error
    }
    // Not an envelope: the envelope's own error when it looks like one, else JSON Lines.
    let head = String(decoding: trimmed.prefix(4096), as: UTF8.self)
    if head.contains("\"PriceList\"") || !head.contains("\n") {
      if let envelopeError { throw envelopeError }
      throw SheetError.malformed(file: file, location: "PriceList", reason: "missing key 'PriceList'")
    }
    var result: [(String, AWSQueryItem)] = []
    var lineNumber = 0
    for line in trimmed.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
      let path = "line \(lineNumber)"
      let item = try JSONDocument.parse(line, file: file, pathPrefix: path) { json in
        try Self.element(json, json.root, path: path)
      }
      result.append((path, item))
    }
    return result
  }

  /// A `PriceList` element or a JSON Lines line: a JSON string holding an item (parsed in turn,
  /// its errors named under `path`), or the item itself.
  static func element(_ json: JSONDocument, _ i: Int, path: String) throws -> AWSQueryItem {
    guard json.kind(i) == .string else { return try AWSQueryItem(json, i) }
    let text = Array(json.string(i).utf8)
    return try text.withUnsafeBufferPointer { bytes in
      try JSONDocument.parse(bytes, file: json.file, pathPrefix: path) { inner in
        try AWSQueryItem(inner, inner.root)
      }
    }
  }

  /// The price rows of one item.
  public static func rows(_ item: AWSQueryItem, path: String, file: String) throws -> [AWSPriceRow] {
    let product = item.product
    guard let offerCode = item.serviceCode ?? product.attributes["servicecode"], !offerCode.isEmpty
    else {
      throw SheetError.malformed(
        file: file, location: path + ".serviceCode",
        reason: "missing key 'serviceCode' (and no servicecode attribute)")
    }
    var rows: [AWSPriceRow] = []
    for termType in item.terms.keys.sorted() {
      let terms = item.terms[termType] ?? [:]
      for termKey in terms.keys.sorted() {
        guard let term = terms[termKey] else { continue }
        let termPath = "\(path).terms.\(termType).\(termKey)"
        if let sku = term.sku, sku != product.sku {
          throw SheetError.malformed(
            file: file, location: termPath + ".sku",
            reason: "term for SKU '\(sku)' inside the item of SKU '\(product.sku)'")
        }
        let offerTermCode =
          term.offerTermCode ?? String(termKey.split(separator: ".").last ?? Substring(termKey))
        guard let effective = term.effectiveDate ?? item.publicationDate else {
          throw SheetError.malformed(
            file: file, location: termPath + ".effectiveDate",
            reason: "missing key 'effectiveDate' (and no publicationDate to fall back on)")
        }
        let dimensions = term.priceDimensions.keys.sorted()
        for dimKey in dimensions {
          guard let dim = term.priceDimensions[dimKey] else { continue }
          let dimPath = termPath + ".priceDimensions." + dimKey
          guard dim.pricePerUnit.count == 1, let (currency, price) = dim.pricePerUnit.first else {
            throw SheetError.malformed(
              file: file, location: dimPath + ".pricePerUnit",
              reason: "expected one currency, found \(dim.pricePerUnit.count)")
          }
          let rateCode = dim.rateCode ?? dimKey
          rows.append(
            AWSPriceRow(
              offerCode: offerCode, sku: product.sku, offerTermCode: offerTermCode,
              termType: termType, rateCode: rateCode, attributes: product.attributes,
              unit: dim.unit, currency: currency, priceText: price,
              description: dim.description ?? "", effectiveDate: effective, location: dimPath,
              productLocation: path + ".product", termLocation: termPath,
              rateKey: dimensions.count > 1 ? rateCode : nil))
        }
      }
    }
    return rows
  }
}
