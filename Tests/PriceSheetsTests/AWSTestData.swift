import Foundation
import TestSupport
import PriceSheets
import Pricing

/// Shared data for the AWS tests: paths into `../shared/pricesheets/` and each big sheet parsed
/// once per test process.
enum AWSTestData {
  /// The package root, from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/pricesheets/`.
  static let pricesheets: URL = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/pricesheets")

  /// The offer tree root (`.../aws/offers/v1.0/aws`).
  static let offers: URL = pricesheets.appendingPathComponent("aws/offers/v1.0/aws")

  static let fixtures: URL = packageRoot.appendingPathComponent("Tests/PriceSheetsTests/Fixtures/aws")

  /// A path under `../shared/pricesheets/`.
  static func shared(_ relative: String) -> String {
    pricesheets.appendingPathComponent(relative).path
  }

  /// The bulk file of an offer.
  static func bulk(_ offer: String) -> String {
    offers.appendingPathComponent("\(offer)/current/index.json").path
  }

  static func document(_ path: String) throws -> SheetDocument {
    SheetDocument(uri: path, data: try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Reads `path` with the reader of its detected format (cached per path and options).
  static func sheet(_ path: String, regions: Set<String>? = nil) throws -> ParsedSheet {
    let key = path + "|" + (regions?.sorted().joined(separator: ",") ?? "")
    return try cache.value(key) {
      let document = try document(path)
      let format = try FormatDetector.detect(document)
      guard let reader = format.reader else {
        throw SheetError.unknownFormat(file: path, hint: "an index, not a sheet")
      }
      return try reader.read([document], options: ReadOptions(regions: regions))
    }
  }

  static let cache = SheetCache()

  /// The AWS rows of `expected/spot_checks.csv`, as header → value.
  static func spotChecks() throws -> [[String: String]] {
    try SpotChecks.rows(provider: "aws")
  }

  /// `aws/provenance.csv` (one row per SKU).
  static func provenance() throws -> [[String: String]] {
    try csvRecords(shared("aws/provenance.csv"))
  }

  /// A small RFC 4180 reader (quoted fields, doubled quotes, commas and newlines in quotes).
  static func csvRecords(_ path: String) throws -> [[String: String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)
    if chars.last != "\n" { chars.append("\n") }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count, chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(field)
        field = ""
      } else if c == "\n" {
        row.append(field)
        field = ""
        rows.append(row)
        row = []
      } else if c != "\r" {
        field.unicodeScalars.append(c)
      }
      i += 1
    }
    guard let header = rows.first else { return [] }
    return rows.dropFirst().filter { $0.count == header.count }.map {
      Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a })
    }
  }
}

/// A cache of parsed sheets; parsing happens under the lock so each sheet is parsed once.
final class SheetCache: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [String: Result<ParsedSheet, any Error>] = [:]

  func value(_ key: String, _ make: () throws -> ParsedSheet) throws -> ParsedSheet {
    lock.lock()
    defer { lock.unlock() }
    if let v = values[key] { return try v.get() }
    let v = Result { try make() }
    values[key] = v
    return try v.get()
  }
}
