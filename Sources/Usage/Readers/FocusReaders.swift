import Foundation
import Pricing

/// The columns both FOCUS readers read the same way.
protocol FocusColumns {
  var start: Int { get }
  var category: Int { get }
  var currency: Int { get }
  var billingAccount: Int? { get }
}

/// FOCUS `ChargeCategory` to the kind of charge, and the columns every FOCUS line is read by.
enum FocusCharge {
  /// The line's day (`ChargePeriodStart`) and currency (`BillingCurrency`), each checked against
  /// the file's, and its kind of charge; the first billing account seen becomes the file's.
  static func common(
    _ record: CSVRecord, _ c: some FocusColumns, _ table: inout CSVUsageTable, _ facts: inout UsageFileFacts,
    _ consistency: inout FileConsistency
  ) throws -> (day: String, currency: String, charge: ChargeKind) {
    let day = try table.date(record, c.start, "ChargePeriodStart")
    try consistency.check(day: day, line: record.line, column: "ChargePeriodStart")
    let currency = try table.currency(record, c.currency, "BillingCurrency")
    try consistency.check(currency: currency, line: record.line, column: "BillingCurrency")
    if facts.billingAccount.isEmpty, let b = c.billingAccount { facts.billingAccount = record.string(b) }
    return (day, currency, kind(record.string(c.category)))
  }

  /// True when a `ConsumedUnit` says the consumed quantity is tokens.
  static func isTokens(consumedUnit: String) -> Bool {
    consumedUnit.lowercased().hasPrefix(UsageRules.Focus.consumedTokenUnitPrefix)
  }

  static func kind(_ category: String) -> ChargeKind {
    switch category {
    case UsageRules.Focus.usageCategory: .usage
    case "Tax": .tax
    case "Credit": .credit
    case "Adjustment": .discount
    default: .fee
    }
  }
}

/// AWS Data Exports, FOCUS 1.2 with AWS columns: `SkuId` is the offer SKU, `x_UsageType` the
/// usage type, `ConsumedQuantity` the tokens, `PricingQuantity` the pricing units.
struct AWSFocusReader: UsageReader {
  var format: UsageFormat { .awsFocus }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    return try CSVUsageFile.read(input, format: format, columns: { try Columns($0) }) {
      record, c, table, facts, consistency in
      let (day, currency, charge) = try FocusCharge.common(record, c, &table, &facts, &consistency)
      let serviceCode = record.string(c.serviceCode)
      let serviceName = c.serviceName.map { record.string($0) } ?? ""
      let isModel =
        serviceCode.hasPrefix(UsageRules.CUR.modelServicePrefix) || serviceName == UsageRules.Focus.awsModelServiceName
      let allowNegative = charge != .usage
      let pricingQuantity = try table.quantity(record, c.pricingQuantity, "PricingQuantity", allowNegative: allowNegative)
      let consumed = try table.quantity(record, c.consumedQuantity, "ConsumedQuantity", allowNegative: allowNegative)
      let pricingUnit = record.string(c.pricingUnit)
      var tokens: Decimal?
      if charge == .usage, isModel {
        if let consumed, c.consumedUnit.map({ FocusCharge.isTokens(consumedUnit: record.string($0)) }) ?? false {
          tokens = consumed
        } else if let pricingQuantity, let block = table.tokenBlock(pricingUnit) {
          tokens = pricingQuantity * block
        }
      }
      let unitPrice =
        try table.decimal(record, c.contractedUnitPrice, "ContractedUnitPrice")
        ?? table.decimal(record, c.listUnitPrice, "ListUnitPrice")
      var usageType = record.string(c.usageType)
      if usageType.isEmpty, let m = c.skuMeter { usageType = record.string(m) }
      try emit(
        UsageLine(
          line: record.line, date: day, provider: .aws, account: record.string(c.account),
          tagsJSON: c.tags.map { record.string($0) } ?? "", service: serviceCode, charge: charge,
          isModelService: isModel, sku: record.string(c.sku), sheetKey: usageType,
          region: record.string(c.region), quantity: pricingQuantity, unit: pricingUnit, tokens: tokens,
          unitPrice: unitPrice, billedCost: try table.requiredDecimal(record, c.cost, "BilledCost"),
          currency: currency))
    }
  }

  struct Columns: FocusColumns {
    let start, category, cost, currency, usageType, sku, region, pricingQuantity, pricingUnit, account,
      serviceCode: Int
    let consumedQuantity, consumedUnit, listUnitPrice, contractedUnitPrice, tags, serviceName, billingAccount,
      skuMeter: Int?

    init(_ t: CSVUsageTable) throws {
      start = try t.required("ChargePeriodStart")
      category = try t.required("ChargeCategory")
      cost = try t.required("BilledCost")
      currency = try t.required("BillingCurrency")
      usageType = try t.required("x_UsageType")
      sku = try t.required("SkuId")
      region = try t.required("RegionId")
      pricingQuantity = try t.required("PricingQuantity")
      pricingUnit = try t.required("PricingUnit")
      account = try t.required("SubAccountId")
      serviceCode = try t.required("x_ServiceCode")
      consumedQuantity = t.optional("ConsumedQuantity")
      consumedUnit = t.optional("ConsumedUnit")
      listUnitPrice = t.optional("ListUnitPrice")
      contractedUnitPrice = t.optional("ContractedUnitPrice")
      tags = t.optional("Tags")
      serviceName = t.optional("ServiceName")
      billingAccount = t.optional("BillingAccountId")
      skuMeter = t.optional("SkuMeter")
    }
  }
}

/// Azure Cost Management FocusCost 1.2: `x_SkuMeterId` is the Retail Prices `meterId`,
/// `ConsumedQuantity` the tokens, `PricingQuantity` the blocks of `x_PricingBlockSize`.
struct AzureFocusReader: UsageReader {
  var format: UsageFormat { .azureFocus }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    return try CSVUsageFile.read(input, format: format, columns: { try Columns($0) }) {
      record, c, table, facts, consistency in
      let (day, currency, charge) = try FocusCharge.common(record, c, &table, &facts, &consistency)
      let meterCategory = record.string(c.meterCategory)
      let meterName = c.skuMeter.map { record.string($0) } ?? ""
      let isModel = AzureServices.isModel(meterCategory: meterCategory, consumedService: "")
      let allowNegative = charge != .usage
      let pricingQuantity = try table.quantity(record, c.pricingQuantity, "PricingQuantity", allowNegative: allowNegative)
      let consumed = try table.quantity(record, c.consumedQuantity, "ConsumedQuantity", allowNegative: allowNegative)
      let block = try table.decimal(record, c.blockSize, "x_PricingBlockSize")
      let pricingUnit = record.string(c.pricingUnit)
      var tokens: Decimal?
      if charge == .usage, isModel, AzureServices.isTokenMeter(meterName: meterName, unit: pricingUnit) {
        if let consumed, c.consumedUnit.map({ FocusCharge.isTokens(consumedUnit: record.string($0)) }) ?? false {
          tokens = consumed
        } else if let pricingQuantity {
          tokens = pricingQuantity * (block ?? table.tokenBlock(pricingUnit, requireWord: false) ?? 1)
        }
      }
      let unitPrice =
        try table.decimal(record, c.effectiveUnitPrice, "x_EffectiveUnitPrice")
        ?? table.decimal(record, c.contractedUnitPrice, "ContractedUnitPrice")
      try emit(
        UsageLine(
          line: record.line, date: day, provider: .azure, account: record.string(c.account),
          tagsJSON: c.tags.map { record.string($0) } ?? "", service: meterCategory, charge: charge,
          isModelService: isModel, sku: record.string(c.meterId).lowercased(), sheetKey: meterName,
          region: AzureServices.region(record.string(c.region)), quantity: pricingQuantity, unit: pricingUnit,
          tokens: tokens, unitPrice: unitPrice,
          billedCost: try table.requiredDecimal(record, c.cost, "BilledCost"), currency: currency))
    }
  }

  struct Columns: FocusColumns {
    let start, category, cost, currency, meterId, meterCategory, region, pricingQuantity, pricingUnit, account: Int
    let consumedQuantity, consumedUnit, blockSize, effectiveUnitPrice, contractedUnitPrice, tags, billingAccount,
      skuMeter: Int?

    init(_ t: CSVUsageTable) throws {
      start = try t.required("ChargePeriodStart")
      category = try t.required("ChargeCategory")
      cost = try t.required("BilledCost")
      currency = try t.required("BillingCurrency")
      meterId = try t.required("x_SkuMeterId")
      meterCategory = try t.required("x_SkuMeterCategory")
      region = try t.required("RegionId")
      pricingQuantity = try t.required("PricingQuantity")
      pricingUnit = try t.required("PricingUnit")
      account = try t.required("SubAccountId")
      consumedQuantity = t.optional("ConsumedQuantity")
      consumedUnit = t.optional("ConsumedUnit")
      blockSize = t.optional("x_PricingBlockSize")
      effectiveUnitPrice = t.optional("x_EffectiveUnitPrice")
      contractedUnitPrice = t.optional("ContractedUnitPrice")
      tags = t.optional("Tags")
      billingAccount = t.optional("BillingAccountId")
      skuMeter = t.optional("SkuMeter")
    }
  }
}

/// Azure's words for the model-inference services and token meters.
enum AzureServices {
  /// Meter categories (and consumed services) of model inference (``UsageRules/Azure``).
  static func isModel(meterCategory: String, consumedService: String) -> Bool {
    let c = meterCategory.lowercased()
    return UsageRules.Azure.modelMeterCategories.contains(c) || c.hasPrefix(UsageRules.Azure.modelMeterCategoryPrefix)
      || consumedService.lowercased() == UsageRules.Azure.modelConsumedService && c.isEmpty
  }

  /// True when a meter counts tokens (its name says tokens, or its unit does).
  static func isTokenMeter(meterName: String, unit: String) -> Bool {
    let word = UsageRules.Azure.tokenMeterWord
    return meterName.lowercased().contains(word) || unit.lowercased().contains(word)
  }

  /// A region code from an export's region cell (`swedencentral`; `SE Central` kept as written).
  static func region(_ text: String) -> String {
    text.lowercased().replacingOccurrences(of: " ", with: "")
  }
}
