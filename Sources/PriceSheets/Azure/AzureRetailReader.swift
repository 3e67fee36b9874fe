import Foundation
import Pricing

/// Reads the pages of one Azure Retail Prices query (one file, a directory of pages, or the pages
/// the live pager fetched) into rates. See docs/formats-azure.md for the mapping.
public struct AzureRetailReader: StreamingSheetReader {
  public init() {}

  /// Skip reasons (named so reports and tests can refer to them).
  public enum Reason {
    public static let devTest = "DevTestConsumption item (use --include-devtest)"
    public static let duplicate = "duplicate item (same identity, identical content)"
    public static let regionNotSelected = "region not selected"
    public static let unknownType = "unknown price type"
    public static let unknownTerm = "reservation term not recognised"
  }

  public func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    try read(documents, options: options, emit: nil)
  }

  /// Reads the pages, handing each page's rates to `emit` as soon as the page is read (the
  /// returned sheet then has no rates: they were all emitted, in order).
  public func read(
    _ documents: [SheetDocument], options: ReadOptions, emit: (([Rate]) throws -> Void)?
  ) throws -> ParsedSheet {
    var currency: (code: String, file: String)?
    var linkRegions: Set<String>?
    // Where each identity was first seen (page, item): the first item itself is read again
    // only when its identity repeats, so the pages' items are not all kept.
    var seen: [AzureRetailItem.Key: (page: Int, index: Int)] = [:]
    seen.reserveCapacity(expectedRates(documents))
    var rates: [Rate] = []
    var rowsRead = 0
    var skips = SkipTally()
    var unclassified: [String: Int] = [:]
    var grammarCache: [String: ParsedMeter] = [:]
    var memo = ReadMemo()
    // The next pages (up to 4) are parsed on a second thread while this one's items are read.
    let ahead = ParseAhead(
      documents, lookahead: 4,
      work: { document in
        Result {
          try JSONDocument.parse(document.data, file: document.uri, rootName: "$") {
            try $0.azureRetailPage()
          }
        }
      },
      stop: { if case .failure = $0 { return true } else { return false } })
    defer { ahead.finish() }
    for (pageIndex, document) in documents.enumerated() {
      let file = document.uri
      guard let parsedPage = ahead.take(pageIndex) else { throw CancellationError() }
      let page = try parsedPage.get()
      guard let items = page.items else {
        throw SheetError.malformed(file: file, location: "Items", reason: "Items is missing or null")
      }
      guard let billing = page.billingCurrency else {
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
      if let link = page.nextPageLink, let regions = Self.regionFilter(link) {
        linkRegions = (linkRegions ?? []).union(regions)
      }
      for (index, item) in items.enumerated() {
        rowsRead += 1
        let loc = "Items[\(index)]"
        guard item.currencyCode == code else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc).currencyCode",
            reason: "currency \(item.currencyCode) differs from BillingCurrency \(code)")
        }
        var tierMinimum: Decimal = 0
        if let text = item.tierMinimumUnits {
          guard let value = memo.number(text) else {
            throw SheetError.invalidValue(
              file: file, location: "\(loc).tierMinimumUnits",
              reason: "'\(text)' is not a number ratecard can hold exactly")
          }
          tierMinimum = value
        }
        let key = item.key(tierMinimum: tierMinimum)
        if let previous = seen[key] {
          let first =
            previous.page == pageIndex
            ? items[previous.index] : try Self.item(previous.index, of: documents[previous.page])
          guard first == item else {
            let firstFile = documents[previous.page].uri
            throw SheetError.invalidValue(
              file: file, location: loc,
              reason: "item \(item.meterId) (\(item.meterName), \(item.armRegionName), \(item.type)) "
                + "appears again with different content (first at \(firstFile) Items[\(previous.index)])")
          }
          skips.count(.deliberate(Reason.duplicate))
          continue
        }
        seen[key] = (pageIndex, index)
        if let regions = options.regions, !regions.contains(item.armRegionName) {
          skips.count(.deliberate(Reason.regionNotSelected))
          continue
        }
        let devTest = item.type == "DevTestConsumption"
        if devTest, !options.includeDevTest {
          skips.count(.deliberate(Reason.devTest))
          continue
        }
        guard devTest || item.type == "Consumption" || item.type == "Reservation" else {
          skips.count(.unusable("\(Reason.unknownType) '\(item.type)'"))
          continue
        }
        let priceText = item.retailPrice
        let price = try memo.price(priceText, file: file, location: "\(loc).retailPrice")
        guard let effective = memo.date(item.effectiveStartDate) else {
          throw SheetError.invalidValue(
            file: file, location: "\(loc).effectiveStartDate",
            reason: "'\(item.effectiveStartDate)' is not an ISO 8601 date")
        }
        let name: ParsedMeter
        if let cached = grammarCache[item.meterName] {
          name = cached
        } else {
          name = ParsedMeter(AzureMeterGrammar.parse(item.meterName))
          grammarCache[item.meterName] = name
        }
        switch Self.rate(
          item, name: name, priceText: priceText, price: price, effective: effective, devTest: devTest,
          memo: &memo)
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
          skips.count(.unusable(reason))
        }
      }
      if let emit, !rates.isEmpty {
        try emit(rates)
        rates = []
      }
    }
    guard let currency else {
      throw SheetError.empty(file: documents.first?.uri ?? "(no pages)")
    }
    var regions = linkRegions
    if let selected = options.regions { regions = regions.map { $0.intersection(selected) } ?? selected }
    let coverage = Coverage(providers: [.azure], services: nil, regions: regions, currency: currency.code)
    return ParsedSheet(
      format: .azureRetail, coverage: coverage, rates: rates, rowsRead: rowsRead, skipped: skips.counts, deliberateSkips: skips.deliberate,
      unclassified: unclassified)
  }

  /// Every rate of an Azure Retail source is an Azure rate; the regions are known before reading
  /// only when a region filter is given (the pages' links may narrow them further), the currency
  /// only once the first page is read.
  public func coverageBound(options: ReadOptions) -> Coverage {
    Coverage(providers: [.azure], services: nil, regions: options.regions, currency: nil)
  }

  /// The API returns at most 1,000 items per page.
  public func expectedRates(_ documents: [SheetDocument]) -> Int { documents.count * 1000 }

  /// A meter name parsed once per read, with the texts every rate of that meter carries.
  struct ParsedMeter {
    var name: AzureMeterName
    var sheetModel: String
    /// The variant text: the name's tags; with `devtest` added for a DevTest item.
    var variant: String
    var devTestVariant: String

    init(_ name: AzureMeterName) {
      self.name = name
      sheetModel = name.sheetModel
      variant = name.tags.joined(separator: ",")
      devTestVariant = (name.tags + ["devtest"]).joined(separator: ",")
    }
  }

  enum Outcome {
    case rate(Rate, problem: String?)
    case skip(String)
  }

  /// Maps one item to a rate.
  static func rate(
    _ item: AzureRetailItem, name parsed: ParsedMeter, priceText: String, price: Decimal,
    effective: String, devTest: Bool, memo: inout ReadMemo
  ) -> Outcome {
    let name = parsed.name
    var problem = name.problem.map { "meter name not understood: \($0)" }
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
      let perMillion = memo.conversion(unit: item.unitOfMeasure, price: priceText, kind: 0) {
        AzureUnit.perMillionTokens(unit: item.unitOfMeasure, price: price)
      }
      if let perMillion {
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
    let tierMinimum = memo.formattedNumber(item.tierMinimumUnits ?? "0")
    // meterId|skuId|region|type|term|tierMinimum
    var rateKey = item.meterId
    rateKey.reserveCapacity(
      item.meterId.utf8.count + item.skuId.utf8.count + item.armRegionName.utf8.count
        + item.type.utf8.count + term.utf8.count + tierMinimum.utf8.count + 5)
    rateKey += "|"
    rateKey += item.skuId
    rateKey += "|"
    rateKey += item.armRegionName
    rateKey += "|"
    rateKey += item.type
    rateKey += "|"
    rateKey += term
    rateKey += "|"
    rateKey += tierMinimum
    let rate = Rate(
      provider: .azure, service: item.productName, rateKey: rateKey, sku: item.meterId,
      sheetKey: item.meterName, sheetModel: parsed.sheetModel, region: item.armRegionName,
      scope: scope, tier: tier, meter: meter, variant: devTest ? parsed.devTestVariant : parsed.variant,
      commitment: commitment, sheetUnit: item.unitOfMeasure, sheetPrice: priceText, unit: unit,
      price: normalized, currency: item.currencyCode, effectiveFrom: effective)
    return .rate(rate, problem: problem)
  }

  static let terms: [String: Commitment] = [
    "1 month": .oneMonth, "6 months": .sixMonths, "1 year": .oneYear, "3 years": .threeYears,
  ]

  /// Item `index` of a page read before.
  static func item(_ index: Int, of document: SheetDocument) throws -> AzureRetailItem {
    let data = document.data
    return try JSONDocument.parse(data, file: document.uri, rootName: "$") { json in
      let items = try json.optional(json.root, "Items", .array)
      guard let element = items.flatMap({ Array(json.elements($0).prefix(index + 1)).last }) else {
        throw SheetError.malformed(
          file: document.uri, location: "Items[\(index)]", reason: "the item is no longer there")
      }
      return try json.azureRetailItem(element)
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
