import CSV
import Foundation
import Pricing

/// Reads the CSV variant of an AWS Price List offer file: five metadata lines (`FormatVersion`,
/// `Disclaimer`, `Publication Date`, `Version`, `OfferCode`), then a header row and one row per
/// price dimension. Column spellings differ from the JSON attribute names (`usageType`,
/// `Region Code`, `serviceName`); ``attributeName(forColumn:)`` maps them.
public struct AWSOfferCSVReader: SheetReader {
  public init() {}

  /// The fixed (term and price) columns; every other column is a product attribute.
  static let termColumns: Set<String> = [
    "SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate",
    "StartingRange", "EndingRange", "Unit", "PricePerUnit", "Currency",
    "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family",
  ]

  static let required = [
    "SKU", "OfferTermCode", "TermType", "EffectiveDate", "Unit", "PricePerUnit", "Currency",
  ]

  /// CSV column → JSON attribute name, where the CSV spells it differently.
  static let attributeSpellings: [String: String] = [
    "usageType": "usagetype", "Region Code": "regionCode", "serviceName": "servicename",
    "serviceCode": "servicecode", "Location": "location", "Location Type": "locationType",
    "operation": "operation", "Inference Type": "inferenceType", "Titan Model": "titanModel",
    "Service Tier": "service_tier", "Token Type": "tokenType", "Feature": "feature",
    "Model": "model", "Provider": "provider",
  ]

  /// The JSON attribute name of a CSV column: from the spelling table, else lower camel case of
  /// its words (`Inference Type` → `inferenceType`).
  public static func attributeName(forColumn column: String) -> String {
    if let known = attributeSpellings[column] { return known }
    let parts = column.split(separator: " ")
    guard let first = parts.first else { return column }
    return first.prefix(1).lowercased() + first.dropFirst()
      + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  public func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    guard documents.count == 1, let document = documents.first else {
      throw SheetError.inconsistentPages(
        file: documents.first?.uri ?? "", reason: "an AWS offer file is one document")
    }
    let file = document.uri
    var data = document.data
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SheetError.malformed(file: file, location: "line 1", reason: "not UTF-8 text")
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false)
    } catch {
      throw SheetError.malformed(file: file, location: "line 1", reason: "\(error)")
    }
    var metadata: [String: String] = [:]
    var line = 0
    var header: [String]?
    while header == nil, let row = reader.next() {
      line += 1
      if row.first == "SKU" {
        header = row
      } else if row.count == 2 {
        metadata[row[0]] = row[1]
      } else if line > 5 {
        break
      }
    }
    guard let header else {
      throw SheetError.malformed(
        file: file, location: "line \(line)", reason: "no header row starting with \"SKU\"")
    }
    let missingColumns = Self.required.filter { !header.contains($0) }
    guard missingColumns.isEmpty else {
      throw SheetError.malformed(
        file: file, location: "line \(line)",
        reason: "header lacks column(s) \(missingColumns.joined(separator: ", "))")
    }
    guard let offerCode = metadata["OfferCode"], !offerCode.isEmpty else {
      throw SheetError.malformed(
        file: file, location: "lines 1-5", reason: "no \"OfferCode\" metadata line")
    }
    let index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let attributeColumns = header.enumerated().filter { !Self.termColumns.contains($0.element) }
      .map { ($0.offset, Self.attributeName(forColumn: $0.element)) }
    var builder = AWSSheetBuilder(format: .awsOfferCSV, file: file, options: options)
    while let row = reader.next() {
      line += 1
      if row.count == 1, row[0].isEmpty { continue }
      guard row.count == header.count else {
        throw SheetError.malformed(
          file: file, location: "line \(line)",
          reason: "\(row.count) fields where the header has \(header.count)")
      }
      func field(_ name: String) -> String { index[name].map { row[$0] } ?? "" }
      var attributes: [String: String] = [:]
      for (i, name) in attributeColumns where !row[i].isEmpty { attributes[name] = row[i] }
      let sku = field("SKU")
      let term = field("OfferTermCode")
      try builder.add(
        AWSPriceRow(
          offerCode: offerCode, sku: sku, offerTermCode: term, termType: field("TermType"),
          rateCode: field("RateCode"), attributes: attributes, unit: field("Unit"),
          currency: field("Currency"), priceText: field("PricePerUnit"),
          description: field("PriceDescription"), effectiveDate: field("EffectiveDate"),
          location: "line \(line)", productLocation: "line \(line)"))
    }
    if let error = reader.error {
      throw SheetError.malformed(file: file, location: "line \(line)", reason: "\(error)")
    }
    let publication = metadata["Publication Date"]
    return builder.finish(
      perRegion: builder.perRegion(uri: file), sheetVersion: metadata["Version"],
      publicationDate: publication.map { ISODate.normalize($0) ?? $0 })
  }
}
