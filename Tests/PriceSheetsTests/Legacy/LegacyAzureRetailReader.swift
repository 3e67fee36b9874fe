import Foundation
@testable import PriceSheets
import Pricing

/// Reads the pages of one Azure Retail Prices query (one file, a directory of pages, or the pages
/// the live pager fetched) into rates. See docs/formats-azure.md for the mapping.
struct LegacyAzureRetailReader: SheetReader {
  init() {}

  /// Skip reasons (named so reports and tests can refer to them).
  enum Reason {
    static let devTest = "DevTestConsumption item (use --include-devtest)"
    static let duplicate = "duplicate item (same identity, identical content)"
    static let regionNotSelected = "region not selected"
    static let unknownType = "unknown price type"
    static let unknownTerm = "reservation term not recognised"
  }

  func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    var currency: (code: String, file: String)?
    var linkRegions: Set<String>?
    var seen: [LegacyAzureRetailItem.Key: (item: LegacyAzureRetailItem, file: String, index: Int)] = [:]
    var rates: [Rate] = []
    var rowsRead = 0
    var skipped: [String: Int] = [:]
    var unclassified: [String: Int] = [:]
    var grammarCache: [String: AzureMeterName] = [:]
    for document in documents {
      let file = document.uri
      let page = try Self.decode(document)
      guard let items = page.Items else {
        throw SheetError.malformed(file: file, location: "Items", reason: "Items is missing or null")
      }
      guard let billing = page.BillingCurrency else {
        throw SheetError.malformed(
          file: file, location: "BillingCurrency", reason: "BillingCurrency is missing")
      }
      let code = try PriceValidation.currency(billing, file: file, location: "BillingCurrency")
      if let currency, currency.code != code {
        throw SheetError.inconsistentPages(
          file: file,
          reason: "BillingCurrency \(code) differs from \(currency.code) in \(currency.file)")
      }
      currency = currency ?? (code, file)
      if let link = page.NextPageLink, let regions = Self.regionFilter(link) {
        linkRegions = (linkRegions ?? []).union(regions)
      }
      let priceTexts = LegacyAzureNumberScanner.itemNumbers(document.data, key: "retailPrice")
      guard priceTexts.count == items.count else {
        throw SheetError.malformed(
          file: file, location: "Items",
          reason: "found \(priceTexts.count) item objects but decoded \(items.count)")
      }
      for (index, item) in items.enumerated() {
        rowsRead += 1
        let loc = "Items[\(index)]"
        guard item.currencyCode == code else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc).currencyCode",
            reason: "currency \(item.currencyCode) differs from BillingCurrency \(code)")
        }
        if let previous = seen[item.key] {
          guard previous.item == item else {
            throw SheetError.invalidValue(
              file: file, location: loc,
              reason: "item \(item.meterId) (\(item.meterName), \(item.armRegionName), \(item.type)) "
                + "appears again with different content (first at \(previous.file) Items[\(previous.index)])")
          }
          skipped[Reason.duplicate, default: 0] += 1
          continue
        }
        seen[item.key] = (item, file, index)
        if let regions = options.regions, !regions.contains(item.armRegionName) {
          skipped[Reason.regionNotSelected, default: 0] += 1
          continue
        }
        let devTest = item.type == "DevTestConsumption"
        if devTest, !options.includeDevTest {
          skipped[Reason.devTest, default: 0] += 1
          continue
        }
        guard devTest || item.type == "Consumption" || item.type == "Reservation" else {
          skipped["\(Reason.unknownType) '\(item.type)'", default: 0] += 1
          continue
        }
        guard let priceText = priceTexts[index] else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc).retailPrice", reason: "retailPrice is not a JSON number")
        }
        let price = try PriceValidation.price(priceText, file: file, location: "\(loc).retailPrice")
        guard price == item.retailPrice else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc).retailPrice",
            reason: "the number text '\(priceText)' does not match the decoded value")
        }
        guard let effective = ISODate.normalize(item.effectiveStartDate) else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc).effectiveStartDate",
            reason: "'\(item.effectiveStartDate)' is not an ISO 8601 date")
        }
        let name: AzureMeterName
        if let cached = grammarCache[item.meterName] {
          name = cached
        } else {
          name = AzureMeterGrammar.parse(item.meterName)
          grammarCache[item.meterName] = name
        }
        switch Self.rate(
          item, name: name, priceText: priceText, price: price, effective: effective, devTest: devTest)
        {
        case .rate(let rate, let problem):
          if let problem, problem.hasPrefix("token meter with unit") {
            // A token price in a unit ratecard cannot convert would be priced wrongly: refuse the sheet.
            throw SheetError.invalidValue(
              file: file, location: "\(loc).unitOfMeasure",
              reason: "unknown unit '\(item.unitOfMeasure)' for the token meter '\(item.meterName)'")
          }
          if let problem { unclassified[problem, default: 0] += 1 }
          rates.append(rate)
        case .skip(let reason):
          skipped[reason, default: 0] += 1
        }
      }
    }
    guard let currency else {
      throw SheetError.empty(file: documents.first?.uri ?? "(no pages)")
    }
    var regions = linkRegions
    if let selected = options.regions { regions = regions.map { $0.intersection(selected) } ?? selected }
    let coverage = Coverage(providers: [.azure], services: nil, regions: regions, currency: currency.code)
    return ParsedSheet(
      format: .azureRetail, coverage: coverage, rates: rates, rowsRead: rowsRead, skipped: skipped,
      unclassified: unclassified)
  }

  enum Outcome {
    case rate(Rate, problem: String?)
    case skip(String)
  }

  /// Maps one item to a rate.
  static func rate(
    _ item: LegacyAzureRetailItem, name: AzureMeterName, priceText: String, price: Decimal,
    effective: String, devTest: Bool
  ) -> Outcome {
    var problem = name.problem.map { "meter name not understood: \($0)" }
    var tags = name.tags
    if devTest { tags.append("devtest") }
    let scope = name.scope ?? (item.armRegionName == "Global" ? .global : .regional)
    var tier = name.tier ?? .standard
    var meter: Meter = .other
    var commitment: Commitment = .none
    var unit: String
    var normalized = price
    let term = item.reservationTerm ?? ""
    if item.type == "Reservation" {
      guard let c = Self.terms[term.lowercased()] else {
        return .skip("\(Reason.unknownTerm) '\(term)'")
      }
      commitment = c
      tier = .reserved
      meter = .capacity
      unit = c == .oneMonth ? NormalizedUnit.month : (c == .oneYear ? NormalizedUnit.year : c.rawValue)
      if name.role != .provisioned, problem == nil { problem = "reservation of a non-PTU meter" }
    } else if name.role == .provisioned {
      tier = .provisioned
      meter = .capacity
      unit = AzureUnit.other(unit: item.unitOfMeasure, suffix: name.suffix)
    } else if let tokenMeter = name.tokenMeter {
      meter = tokenMeter
      if let perMillion = AzureUnit.perMillionTokens(unit: item.unitOfMeasure, price: price) {
        unit = NormalizedUnit.perMillionTokens
        normalized = perMillion
      } else {
        unit = item.unitOfMeasure
        meter = .other
        if problem == nil { problem = "token meter with unit '\(item.unitOfMeasure)'" }
      }
    } else if let perImage = AzureUnit.perImage(unit: item.unitOfMeasure, suffix: name.suffix, price: price) {
      unit = NormalizedUnit.image
      normalized = perImage
    } else {
      unit = AzureUnit.other(unit: item.unitOfMeasure, suffix: name.suffix)
    }
    if problem != nil, meter.isToken { meter = .other }
    let tierMinimum = ExactDecimal.format(item.tierMinimumUnits ?? 0)
    let rateKey = [item.meterId, item.skuId, item.armRegionName, item.type, term, tierMinimum]
      .joined(separator: "|")
    let rate = Rate(
      provider: .azure, service: item.productName, rateKey: rateKey, sku: item.meterId,
      sheetKey: item.meterName, sheetModel: name.sheetModel, region: item.armRegionName,
      scope: scope, tier: tier, meter: meter, variant: tags.joined(separator: ","),
      commitment: commitment, sheetUnit: item.unitOfMeasure, sheetPrice: priceText, unit: unit,
      price: normalized, currency: item.currencyCode, effectiveFrom: effective)
    return .rate(rate, problem: problem)
  }

  static let terms: [String: Commitment] = [
    "1 month": .oneMonth, "6 months": .sixMonths, "1 year": .oneYear, "3 years": .threeYears,
  ]

  /// Decodes a page, naming the file and the JSON path of a decoding failure.
  static func decode(_ document: SheetDocument) throws -> LegacyAzureRetailPage {
    do {
      return try JSONDecoder().decode(LegacyAzureRetailPage.self, from: document.data)
    } catch let error as DecodingError {
      throw SheetError.malformed(
        file: document.uri, location: error.legacyJSONPath, reason: error.legacyShortReason)
    } catch {
      throw SheetError.malformed(file: document.uri, location: "$", reason: "\(error)")
    }
  }

  /// The regions named by `armRegionName eq '...'` in a page link's `$filter`, if any.
  static func regionFilter(_ link: String) -> Set<String>? {
    guard let components = URLComponents(string: link),
      let filter = components.queryItems?.first(where: { $0.name == "$filter" })?.value
    else { return nil }
    var regions = Set<String>()
    var rest = Substring(filter)
    while let r = rest.range(of: "armRegionName eq '") {
      rest = rest[r.upperBound...]
      guard let end = rest.firstIndex(of: "'") else { break }
      regions.insert(String(rest[..<end]))
      rest = rest[rest.index(after: end)...]
    }
    return regions.isEmpty ? nil : regions
  }
}
