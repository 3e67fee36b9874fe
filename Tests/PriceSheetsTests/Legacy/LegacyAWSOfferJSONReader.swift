import Foundation
@testable import PriceSheets
import Pricing

/// Reads an AWS Price List offer file in JSON (bulk: all regions, or one region's file) for the
/// Bedrock offers `AmazonBedrock`, `AmazonBedrockFoundationModels` and `AmazonBedrockService`.
struct LegacyAWSOfferJSONReader: SheetReader {
  init() {}

  func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    guard documents.count == 1, let document = documents.first else {
      throw SheetError.inconsistentPages(
        file: documents.first?.uri ?? "", reason: "an AWS offer file is one document")
    }
    let file = document.uri
    let offer = try LegacyAWSDecoding.decode(LegacyAWSOfferFile.self, from: document.data, file: file)
    var builder = AWSSheetBuilder(format: .awsOfferJSON, file: file, options: options)
    for row in try Self.rows(offer, file: file) {
      switch row {
      case .row(let r): try builder.add(r)
      case .skip(let reason): builder.skip(.unusable(reason))
      }
    }
    return builder.finish(
      perRegion: builder.perRegion(uri: file), sheetVersion: offer.version,
      publicationDate: ISODate.normalize(offer.publicationDate) ?? offer.publicationDate)
  }

  /// A row of an offer, or a product that is not a row.
  enum Item {
    case row(AWSPriceRow)
    case skip(String)
  }

  /// The price rows of an offer, in SKU order. Throws when a term names a SKU without product.
  static func rows(_ offer: LegacyAWSOfferFile, file: String) throws -> [Item] {
    var items: [Item] = []
    items.reserveCapacity(offer.products.count)
    var priced = Set<String>()
    for termType in offer.terms.keys.sorted() {
      let bySku = offer.terms[termType] ?? [:]
      for sku in bySku.keys.sorted() {
        let termsPath = "terms.\(termType).\(sku)"
        guard let product = offer.products[sku] else {
          throw SheetError.malformed(
            file: file, location: termsPath, reason: "SKU '\(sku)' has no product in 'products'")
        }
        priced.insert(sku)
        let terms = bySku[sku] ?? [:]
        for termKey in terms.keys.sorted() {
          guard let term = terms[termKey] else { continue }
          let termPath = termsPath + "." + termKey
          let dimensions = term.priceDimensions.keys.sorted()
          if dimensions.isEmpty {
            items.append(.skip("term without price dimension"))
          }
          for dimKey in dimensions {
            guard let dim = term.priceDimensions[dimKey] else { continue }
            let dimPath = termPath + ".priceDimensions." + dimKey
            guard dim.pricePerUnit.count == 1, let (currency, price) = dim.pricePerUnit.first else {
              throw SheetError.malformed(
                file: file, location: dimPath + ".pricePerUnit",
                reason: "expected one currency, found \(dim.pricePerUnit.count)")
            }
            let rateCode = dim.rateCode ?? dimKey
            items.append(
              .row(
                AWSPriceRow(
                  offerCode: offer.offerCode, sku: sku, offerTermCode: term.offerTermCode,
                  termType: termType, rateCode: rateCode, attributes: product.attributes,
                  unit: dim.unit, currency: currency, priceText: price,
                  description: dim.description ?? "", effectiveDate: term.effectiveDate,
                  location: dimPath, productLocation: "products.\(sku)", termLocation: termPath,
                  rateKey: dimensions.count > 1 ? rateCode : nil)))
          }
        }
      }
    }
    for sku in offer.products.keys where !priced.contains(sku) {
      items.append(.skip("product without a price term"))
    }
    return items
  }
}
