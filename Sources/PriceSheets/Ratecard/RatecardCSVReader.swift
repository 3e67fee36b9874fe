import CSV
import Foundation
import Pricing

/// Reads ratecard's own CSV format: one rate per line, for negotiated or private prices and for
/// tests. Columns (header names, any order): `provider, sku, model, region, scope, tier, meter,
/// unit, price, currency, effective_date`, optional `service` (default `private`), `variant`,
/// `commitment`. See docs/formats.md.
public struct RatecardCSVReader: SheetReader {
  public init() {}

  static let required = [
    "provider", "sku", "model", "region", "scope", "tier", "meter", "unit", "price", "currency",
    "effective_date",
  ]

  public func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    var rates: [Rate] = []
    var rowsRead = 0
    var skips = SkipTally()
    var services = Set<String>()
    var currencies = Set<String>()
    var seen: [RateIdentity: Int] = [:]
    for document in documents {
      guard let text = String(data: document.data, encoding: .utf8) else {
        throw SheetError.malformed(file: document.uri, location: "line 1", reason: "not UTF-8 text")
      }
      let file = document.uri
      let reader: CSVReader
      do {
        reader = try CSVReader(string: text, hasHeaderRow: true)
      } catch {
        throw SheetError.malformed(file: file, location: "line 1", reason: "\(error)")
      }
      let header = (reader.headerRow ?? []).map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      }
      let missing = Self.required.filter { !header.contains($0) }
      guard missing.isEmpty else {
        throw SheetError.malformed(
          file: file, location: "line 1",
          reason: "header lacks column(s) \(missing.joined(separator: ", "))")
      }
      let index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      var line = 2
      while let row = reader.next() {
        defer { line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } }
        rowsRead += 1
        if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
        guard row.count == header.count else {
          throw SheetError.malformed(
            file: file, location: "line \(line)",
            reason: "\(row.count) fields where the header has \(header.count)")
        }
        func field(_ name: String) -> String {
          index[name].map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let loc = "line \(line)"
        func parse<T: RawRepresentable>(_ name: String, as: T.Type) throws -> T
        where T.RawValue == String {
          guard let v = T(rawValue: field(name).lowercased()) else {
            throw SheetError.invalidValue(
              file: file, location: "\(loc), column \(name)",
              reason: "unknown \(name) '\(field(name))'")
          }
          return v
        }
        let provider = try parse("provider", as: Provider.self)
        let scope = try parse("scope", as: Scope.self)
        let tier = try parse("tier", as: Tier.self)
        let meter = try parse("meter", as: Meter.self)
        let commitmentText = field("commitment").isEmpty ? "none" : field("commitment")
        guard let commitment = Commitment(rawValue: commitmentText.lowercased()) else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc), column commitment",
            reason: "unknown commitment '\(commitmentText)'")
        }
        let priceText = field("price")
        let price = try PriceValidation.price(priceText, file: file, location: "\(loc), column price")
        let currency = try PriceValidation.currency(
          field("currency"), file: file, location: "\(loc), column currency")
        guard let effective = ISODate.normalize(field("effective_date")) else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc), column effective_date",
            reason: "'\(field("effective_date"))' is not an ISO 8601 date")
        }
        let sheetUnit = field("unit")
        guard let (unit, normalized) = Self.normalize(unit: sheetUnit, price: price, meter: meter)
        else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc), column unit", reason: "unknown unit '\(sheetUnit)'")
        }
        let sku = field("sku")
        guard !sku.isEmpty else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc), column sku", reason: "the sku is empty")
        }
        let region = field("region")
        if let regions = options.regions, !regions.contains(region) {
          skips.count(.deliberate("region not selected"))
          continue
        }
        let service = field("service").isEmpty ? "private" : field("service")
        let rate = Rate(
          provider: provider, service: service, rateKey: sku, sku: sku, sheetKey: sku,
          sheetModel: field("model"), region: region, scope: scope, tier: tier, meter: meter,
          variant: field("variant"), commitment: commitment, sheetUnit: sheetUnit,
          sheetPrice: priceText, unit: unit, price: normalized, currency: currency,
          effectiveFrom: effective)
        if let previous = seen[rate.identity] {
          if rates[previous] != rate {
            throw SheetError.invalidValue(
              file: file, location: loc,
              reason: "sku '\(sku)' appears twice with different content")
          }
          skips.count(.deliberate("duplicate row"))
          continue
        }
        seen[rate.identity] = rates.count
        rates.append(rate)
        services.insert(service)
        currencies.insert(currency)
      }
      if let error = reader.error {
        throw SheetError.malformed(file: file, location: "line \(line)", reason: "\(error)")
      }
    }
    let coverage = Coverage(
      providers: nil, services: services.isEmpty ? ["private"] : services,
      regions: options.regions, currency: currencies.count == 1 ? currencies.first : nil)
    return ParsedSheet(
      format: .ratecardCSV, coverage: coverage, rates: rates, rowsRead: rowsRead, skipped: skips.counts, deliberateSkips: skips.deliberate)
  }

  /// Maps a ratecard CSV unit to the normalised unit and price.
  static func normalize(unit: String, price: Decimal, meter: Meter) -> (String, Decimal)? {
    switch unit.lowercased() {
    case "1m tokens": (NormalizedUnit.perMillionTokens, price)
    case "1k tokens": (NormalizedUnit.perMillionTokens, price * 1000)
    case "token", "1 token": (NormalizedUnit.perMillionTokens, price * 1_000_000)
    case "hour", "1 hour": (NormalizedUnit.hour, price)
    case "day", "1 day": (NormalizedUnit.day, price)
    case "month", "1 month": (NormalizedUnit.month, price)
    case "year", "1 year": (NormalizedUnit.year, price)
    default: meter.isToken ? nil : (unit, price)
    }
  }
}
