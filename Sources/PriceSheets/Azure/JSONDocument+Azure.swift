extension JSONDocument {
  /// Reads an Azure Retail Prices page, checking the type of every field ratecard reads.
  func azureRetailPage() throws -> AzureRetailPage {
    let o = root
    try require(o, .object)
    let currency = try optionalString(o, "BillingCurrency")
    _ = try optionalString(o, "CustomerEntityId")
    _ = try optionalString(o, "CustomerEntityType")
    var items: [AzureRetailItem]?
    if let list = try optional(o, "Items", .array) {
      var read: [AzureRetailItem] = []
      read.reserveCapacity(Int(tape[list].end) / 40)
      for element in elements(list) { read.append(try azureRetailItem(element)) }
      items = read
    }
    let link = try optionalString(o, "NextPageLink")
    if let count = try optional(o, "Count", .number),
      numberText(count).contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    {
      throw SheetError.malformed(file: file, location: location(of: count), reason: "expected an integer")
    }
    return AzureRetailPage(billingCurrency: currency, items: items, nextPageLink: link)
  }

  /// The item fields read, in the order the API writes them.
  static let azureItemFields = JSONFields([
    "currencyCode", "tierMinimumUnits", "reservationTerm", "retailPrice", "unitPrice",
    "armRegionName", "location", "effectiveStartDate", "meterId", "meterName", "productId", "skuId",
    "productName", "skuName", "serviceName", "unitOfMeasure", "type",
  ])

  /// Reads one item (fields checked in declaration order, as `JSONDecoder` did).
  func azureRetailItem(_ o: Int) throws -> AzureRetailItem {
    try require(o, .object)
    let f = Self.azureItemFields
    let s = lookup(o, f)
    let currencyCode = try requiredString(o, s, 0, f)
    let tierMinimum = try optionalNumber(s, 1)
    let reservationTerm = try optionalString(s, 2)
    let retailPrice = try requiredNumber(o, s, 3, f)
    let unitPrice = try optionalNumber(s, 4)
    let armRegionName = try requiredString(o, s, 5, f)
    let location = try optionalString(s, 6)
    let effectiveStartDate = try requiredString(o, s, 7, f)
    let meterId = try requiredString(o, s, 8, f)
    let meterName = try requiredString(o, s, 9, f)
    let productId = try optionalString(s, 10)
    let skuId = try requiredString(o, s, 11, f)
    let productName = try requiredString(o, s, 12, f)
    let skuName = try optionalString(s, 13)
    let serviceName = try optionalString(s, 14)
    let unitOfMeasure = try requiredString(o, s, 15, f)
    let type = try requiredString(o, s, 16, f)
    return AzureRetailItem(
      currencyCode: currencyCode,
      tierMinimumUnits: tierMinimum,
      reservationTerm: reservationTerm, retailPrice: retailPrice, unitPrice: unitPrice,
      armRegionName: armRegionName, location: location, effectiveStartDate: effectiveStartDate,
      meterId: meterId, meterName: meterName, productId: productId, skuId: skuId,
      productName: productName, skuName: skuName, serviceName: serviceName,
      unitOfMeasure: unitOfMeasure, type: type)
  }
}
