import Foundation
import Pricing

/// Reads an AWS Price List offer file in JSON (bulk: all regions, or one region's file) for the
/// Bedrock offers `AmazonBedrock`, `AmazonBedrockFoundationModels` and `AmazonBedrockService`.
///
/// The file is parsed once into a tape (``JSONParser``) and checked whole; products are kept as
/// their place on the tape, their attributes read (only those a row needs,
/// ``AWSProductAttributes``) when their rows are made, in sorted order (term type, SKU, term,
/// price dimension), each row handed to the builder in turn.
public struct AWSOfferJSONReader: SheetReader {
  public init() {}

  public func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet {
    guard documents.count == 1, let document = documents.first else {
      throw SheetError.inconsistentPages(
        file: documents.first?.uri ?? "", reason: "an AWS offer file is one document")
    }
    let file = document.uri
    let data = document.data
    return try JSONDocument.parse(data, file: file) { json in
      try Self.read(json, file: file, options: options)
    }
  }

  /// One term of the offer, in sorted order, with its sorted price dimensions.
  struct TermRef {
    var termType: String
    var sku: String
    var termKey: String
    var term: Int
    var dimensions: [(key: String, value: Int)]
  }

  static func read(_ json: JSONDocument, file: String, options: ReadOptions) throws -> ParsedSheet {
    let root = json.root
    try json.require(root, .object)
    _ = try json.optionalString(root, "formatVersion")
    let offerCode = try json.requiredString(root, "offerCode")
    let version = try json.requiredString(root, "version")
    let publicationDate = try json.requiredString(root, "publicationDate")
    let products = try Self.products(json, try json.required(root, "products", .object))
    let termsIndex = try json.required(root, "terms", .object)
    // Every term is checked before any row is made, so a malformed term anywhere in the file is
    // the error, whatever rows come before it.
    var byType: [String: [String: [String: Int]]] = [:]
    for (typeKey, bySku) in json.members(termsIndex) {
      try json.require(bySku, .object)
      var skus: [String: [String: Int]] = [:]
      for (skuKey, terms) in json.members(bySku) {
        try json.require(terms, .object)
        var keyed: [String: Int] = [:]
        for (termKey, term) in json.members(terms) {
          try Self.checkTerm(json, term)
          keyed.keepFirst(json.string(termKey), term)
        }
        skus.keepFirst(json.string(skuKey), keyed)
      }
      byType.keepFirst(json.string(typeKey), skus)
    }
    // The structure in sorted order; a SKU without product or a price without one currency fails
    // here, before any row is read.
    var refs: [TermRef] = []
    var priced = Set<String>()
    for termType in byType.keys.sorted() {
      let bySku = byType[termType] ?? [:]
      for sku in bySku.keys.sorted() {
        guard products[sku] != nil else {
          throw SheetError.malformed(
            file: file, location: "terms.\(termType).\(sku)",
            reason: "SKU '\(sku)' has no product in 'products'")
        }
        priced.insert(sku)
        let terms = bySku[sku] ?? [:]
        for termKey in terms.keys.sorted() {
          guard let term = terms[termKey] else { continue }
          let dims = json.keyed(try json.required(term, "priceDimensions", .object))
          let sortedDims = dims.keys.sorted().map { (key: $0, value: dims[$0] ?? 0) }
          for dim in sortedDims {
            guard let prices = json.member(dim.value, "pricePerUnit") else { continue }
            let count = json.distinctKeyCount(prices)
            guard count == 1 else {
              throw SheetError.malformed(
                file: file,
                location: "terms.\(termType).\(sku).\(termKey).priceDimensions.\(dim.key).pricePerUnit",
                reason: "expected one currency, found \(count)")
            }
          }
          refs.append(
            TermRef(termType: termType, sku: sku, termKey: termKey, term: term, dimensions: sortedDims))
        }
      }
    }
    var builder = AWSSheetBuilder(format: .awsOfferJSON, file: file, options: options)
    var attributes: (sku: String, dictionary: [String: String])?
    for ref in refs {
      let termPath = "terms.\(ref.termType).\(ref.sku).\(ref.termKey)"
      if ref.dimensions.isEmpty {
        builder.skip(.unusable("term without price dimension"))
        continue
      }
      if attributes?.sku != ref.sku {
        let values = try products[ref.sku].map { try json.awsProductAttributes($0).dictionary }
        attributes = (ref.sku, values ?? [:])
      }
      let offerTermCode = try json.requiredString(ref.term, "offerTermCode")
      let effectiveDate = try json.requiredString(ref.term, "effectiveDate")
      for (dimKey, index) in ref.dimensions {
        let dim = try json.awsPriceDimension(index)
        guard let (currency, price) = dim.pricePerUnit.first else { continue }
        let rateCode = dim.rateCode ?? dimKey
        try builder.add(
          AWSPriceRow(
            offerCode: offerCode, sku: ref.sku, offerTermCode: offerTermCode,
            termType: ref.termType, rateCode: rateCode, attributes: attributes?.dictionary ?? [:],
            unit: dim.unit, currency: currency, priceText: price,
            description: dim.description ?? "", effectiveDate: effectiveDate,
            location: termPath + ".priceDimensions." + dimKey, productLocation: "products.\(ref.sku)",
            termLocation: termPath, rateKey: ref.dimensions.count > 1 ? rateCode : nil))
      }
    }
    for sku in products.keys where !priced.contains(sku) {
      builder.skip(.unusable("product without a price term"))
    }
    return builder.finish(
      perRegion: builder.perRegion(uri: file), sheetVersion: version,
      publicationDate: ISODate.normalize(publicationDate) ?? publicationDate)
  }

  /// The tape index of each product's `attributes` by SKU key, each product checked (`sku`,
  /// `productFamily`, `attributes` of strings).
  static func products(_ json: JSONDocument, _ o: Int) throws -> [String: Int] {
    var products: [String: Int] = [:]
    for (key, product) in json.members(o) {
      try json.require(product, .object)
      _ = try json.required(product, "sku", .string)
      _ = try json.optional(product, "productFamily", .string)
      let attributes = try json.required(product, "attributes", .object)
      for (_, value) in json.members(attributes) { try json.require(value, .string) }
      products.keepFirst(json.string(key), attributes)
    }
    return products
  }

  /// Checks the fields of one term.
  static func checkTerm(_ json: JSONDocument, _ term: Int) throws {
    try json.require(term, .object)
    _ = try json.required(term, "offerTermCode", .string)
    _ = try json.required(term, "sku", .string)
    _ = try json.required(term, "effectiveDate", .string)
    let dims = try json.required(term, "priceDimensions", .object)
    for (_, dim) in json.members(dims) { try json.checkAWSPriceDimension(dim) }
  }
}
