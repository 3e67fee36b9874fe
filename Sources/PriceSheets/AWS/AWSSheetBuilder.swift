import Foundation
import Pricing

/// Turns AWS price rows (from any of the AWS shapes) into rates, counting what it skipped or
/// could not classify. Shared by the JSON, CSV and Query API readers.
struct AWSSheetBuilder {
  let format: SheetFormat
  let file: String
  let options: ReadOptions
  let classifier = AWSClassifier()
  private(set) var rates: [Rate] = []
  private(set) var rowsRead = 0
  private(set) var skips = SkipTally()
  private(set) var unclassified: [String: Int] = [:]
  /// Regions of every row read (before the region filter).
  private(set) var regionsSeen = Set<String>()
  private(set) var offers = Set<String>()
  private(set) var currencies = Set<String>()
  private var seen: [String: Int] = [:]
  private var memo = ReadMemo()
  private let classes = AWSClassificationMemo()
  var seenSKU: [String: Int] = [:]

  init(format: SheetFormat, file: String, options: ReadOptions) {
    self.format = format
    self.file = file
    self.options = options
  }

  /// Counts a row that is read but not imported.
  mutating func skip(_ reason: SkipReason) {
    rowsRead += 1
    skips.count(reason)
  }

  /// Reads one row.
  mutating func add(_ row: AWSPriceRow) throws {
    rowsRead += 1
    guard row.termType == "OnDemand" else {
      skips.count(.deliberate("term type \(row.termType) not imported"))
      return
    }
    guard
      let region = AWSRegions.region(
        regionCode: row.attributes["regionCode"], usagetype: row["usagetype"],
        location: row.attributes["location"])
    else {
      throw SheetError.invalidValue(
        file: file, location: place(row, .region),
        reason: "no regionCode, and neither the usagetype prefix nor the location names a region")
    }
    regionsSeen.insert(region)
    offers.insert(row.offerCode)
    if let regions = options.regions, !regions.contains(region) {
      skips.count(.deliberate("region not selected"))
      return
    }
    let rateClass: AWSRateClass
    switch classes.classify(row, with: classifier) {
    case .skipped(let reason):
      skips.count(reason)
      return
    case .classified(let c):
      rateClass = c
    case .unclassified(let c, let reason):
      unclassified[reason, default: 0] += 1
      rateClass = c
    }
    let format = format
    let price = try memo.price(row.priceText, file: file, location: Self.place(format, row, .price))
    let currency = try memo.currency(
      row.currency, file: file, location: Self.place(format, row, .currency))
    let converted: (String, Decimal)?
    if rateClass.meter.isToken || row.unit == "1K tokens" || row.unit == "1M tokens" {
      // Depends on the unit, the price and (for `Units`) the offer only; a price per tokens is
      // per 1M tokens whatever its meter (training tokens too).
      let kind: UInt8 = row.offerCode == AWSOffers.foundationModels ? 1 : 0
      converted = memo.conversion(unit: row.unit, price: row.priceText, kind: kind) {
        Self.normalize(row, meter: rateClass.meter, price: price)?.1
      }.map { (NormalizedUnit.perMillionTokens, $0) }
    } else {
      converted = (row.unit, price)
    }
    guard let (unit, normalized) = converted else {
      throw SheetError.invalidValue(
        file: file, location: place(row, .unit),
        reason: "unknown unit '\(row.unit)' for a token SKU (usagetype '\(row["usagetype"])')")
    }
    guard let effective = memo.date(row.effectiveDate) else {
      throw SheetError.invalidValue(
        file: file, location: place(row, .effectiveDate),
        reason: "'\(row.effectiveDate)' is not an ISO 8601 date")
    }
    let rate = Rate(
      provider: .aws, service: row.offerCode, rateKey: row.rateKey, sku: row.sku,
      sheetKey: row["usagetype"], sheetModel: row.sheetModel, region: region,
      scope: rateClass.scope, tier: rateClass.tier, meter: rateClass.meter,
      variant: rateClass.variant, commitment: rateClass.commitment, sheetUnit: row.unit,
      sheetPrice: row.priceText, unit: unit, price: normalized, currency: currency,
      effectiveFrom: effective)
    let identity = row.offerCode + "|" + row.rateKey + "|" + currency
    if let previous = seen[identity] {
      guard rates[previous] == rate else {
        throw SheetError.invalidValue(
          file: file, location: row.location,
          reason: "rate '\(row.rateKey)' appears twice with different content")
      }
      skips.count(.deliberate("duplicate row"))
      return
    }
    // Bedrock prices a SKU with one OnDemand term; two terms of one SKU at different prices
    // cannot both be the list price.
    let skuKey = row.offerCode + "|" + row.sku + "|" + currency
    if let other = seenSKU[skuKey], rates[other].price != rate.price {
      throw SheetError.invalidValue(
        file: file, location: row.location,
        reason:
          "SKU \(row.sku) has two OnDemand terms with different prices (\(rates[other].sheetPrice) and \(row.priceText))"
      )
    }
    seenSKU[skuKey] = rates.count
    seen[identity] = rates.count
    rates.append(rate)
    currencies.insert(currency)
  }

  /// Fields named in errors.
  enum Field { case price, currency, unit, effectiveDate, region }

  /// Where a field of `row` is: a JSON path, or `line N, column X` in the CSV variant.
  func place(_ row: AWSPriceRow, _ field: Field) -> String { Self.place(format, row, field) }

  static func place(_ format: SheetFormat, _ row: AWSPriceRow, _ field: Field) -> String {
    if format == .awsOfferCSV {
      let column =
        switch field {
        case .price: "PricePerUnit"
        case .currency: "Currency"
        case .unit: "Unit"
        case .effectiveDate: "EffectiveDate"
        case .region: "Region Code"
        }
      return "\(row.location), column \(column)"
    }
    return switch field {
    case .price: row.location + ".pricePerUnit." + row.currency
    case .currency: row.location + ".pricePerUnit"
    case .unit: row.location + ".unit"
    case .effectiveDate: row.termLocation + ".effectiveDate"
    case .region: row.productLocation + ".attributes.regionCode"
    }
  }

  /// The normalised unit and price, or nil for a token meter whose unit is not tokens. Every
  /// price per tokens is per 1M tokens, whatever its meter (training tokens too): `1K tokens` ×
  /// 1000, `1M tokens` as it is, and FM `Units` of a token meter as they are; every other unit
  /// stays the sheet's (`hour`, `1M TPM Hour`, `image`, ...).
  static func normalize(_ row: AWSPriceRow, meter: Meter, price: Decimal) -> (String, Decimal)? {
    switch row.unit {
    case "1K tokens": return (NormalizedUnit.perMillionTokens, price * 1000)
    case "1M tokens": return (NormalizedUnit.perMillionTokens, price)
    case "Units" where meter.isToken && row.offerCode == AWSOffers.foundationModels:
      return (NormalizedUnit.perMillionTokens, price)
    default: return meter.isToken ? nil : (row.unit, price)
    }
  }

  /// The parsed sheet. `perRegion` names the region of a per-region file (nil for a bulk file);
  /// `listedRegions` limits the coverage to the regions of the rows read (Query API answers).
  func finish(
    perRegion: String?, listedRegions: Bool = false, sheetVersion: String?,
    publicationDate: String?
  ) -> ParsedSheet {
    var regions: Set<String>? = perRegion.map { [$0] } ?? (listedRegions ? regionsSeen : nil)
    if let selected = options.regions { regions = (regions ?? selected).intersection(selected) }
    let services = offers
    let coverage = Coverage(
      providers: [.aws], services: services, regions: regions,
      currency: currencies.count <= 1 ? (currencies.first ?? "USD") : nil)
    return ParsedSheet(
      format: format, coverage: coverage, rates: rates, rowsRead: rowsRead, skipped: skips.counts, deliberateSkips: skips.deliberate,
      unclassified: unclassified, sheetVersion: sheetVersion, publicationDate: publicationDate)
  }

  /// The region a file speaks for when it is a per-region file: its folder is named like a region
  /// (`.../<version>/<region>/index.json`), or every row is in one region and the file is not in
  /// a `current/` or version folder of bulk files.
  func perRegion(uri: String) -> String? {
    let parent = ((uri as NSString).deletingLastPathComponent as NSString).lastPathComponent
    if AWSRegions.looksLikeRegionCode(parent) { return parent }
    guard regionsSeen.count == 1, let only = regionsSeen.first else { return nil }
    if parent == "current" || (!parent.isEmpty && parent.allSatisfy(\.isNumber)) { return nil }
    return only
  }
}
