import Foundation
import Pricing

/// The columns both FOCUS readers read the same way.
struct FocusColumns {
  let start, category, cost, currency, region, pricingQuantity, pricingUnit, account: Int
  let consumedQuantity, consumedUnit, contractedUnitPrice, tags, billingAccount, skuMeter: Int?

  init(_ t: CSVUsageTable) throws {
    start = try t.required("ChargePeriodStart")
    category = try t.required("ChargeCategory")
    cost = try t.required("BilledCost")
    currency = try t.required("BillingCurrency")
    region = try t.required("RegionId")
    pricingQuantity = try t.required("PricingQuantity")
    pricingUnit = try t.required("PricingUnit")
    account = try t.required("SubAccountId")
    consumedQuantity = t.optional("ConsumedQuantity")
    consumedUnit = t.optional("ConsumedUnit")
    contractedUnitPrice = t.optional("ContractedUnitPrice")
    tags = t.optional("Tags")
    billingAccount = t.optional("BillingAccountId")
    skuMeter = t.optional("SkuMeter")
  }

  /// The key columns among these (``CSVUsageFile``).
  var keys: [Int?] { [start, category, currency, region, pricingUnit, account, consumedUnit, tags, billingAccount, skuMeter] }
}

/// How a FOCUS token line's tokens are read: `ConsumedQuantity` when its unit is tokens, else
/// `PricingQuantity` x the block.
struct FocusTokenRule {
  var consumedIsTokens: Bool
  /// Tokens per pricing unit (from the unit); nil when the unit names no block.
  var block: ExactValue?

  init(_ record: CSVRecord, _ c: FocusColumns, block: ExactValue?) {
    consumedIsTokens = c.consumedUnit.map { FocusCharge.isTokens(consumedUnit: record.string($0)) } ?? false
    self.block = block
  }

  /// The line's tokens; `blockCell` (a block size column of the line) overrides the unit's block.
  func tokens(
    _ record: CSVRecord, _ table: CSVUsageTable, consumed: ExactValue?, pricing: ExactValue?,
    blockCell: ExactValue? = nil
  ) throws -> ExactValue? {
    if consumedIsTokens, let consumed { return consumed }
    guard let pricing, let block = blockCell ?? block else { return nil }
    return try table.tokens(record, pricing, block, "PricingQuantity")
  }
}

/// FOCUS `ChargeCategory` to the kind of charge, and the columns every FOCUS line is read by.
enum FocusCharge {
  /// The line's day (`ChargePeriodStart`) and currency (`BillingCurrency`), each checked against
  /// the file's, and its kind of charge; the first billing account seen becomes the file's.
  static func common(
    _ record: CSVRecord, _ c: FocusColumns, _ table: CSVUsageTable, _ facts: inout UsageFileFacts,
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

  /// `PricingQuantity` and `ConsumedQuantity`, which must not be negative on a usage line.
  static func quantities(_ record: CSVRecord, _ c: FocusColumns, _ table: CSVUsageTable, _ line: UsageLine) throws
    -> (pricing: ExactValue?, consumed: ExactValue?)
  {
    let allowNegative = line.charge != .usage
    return (
      try table.quantity(record, c.pricingQuantity, "PricingQuantity", allowNegative: allowNegative),
      try table.quantity(record, c.consumedQuantity, "ConsumedQuantity", allowNegative: allowNegative)
    )
  }
}

/// AWS Data Exports, FOCUS 1.2 with AWS columns: `SkuId` is the offer SKU, `x_UsageType` the
/// usage type, `ConsumedQuantity` the tokens, `PricingQuantity` the pricing units.
struct AWSFocusReader: UsageReader {
  var format: UsageFormat { .awsFocus }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    try CSVUsageFile.read(
      input, format: format, columns: { try Columns($0) }, keys: \.keys,
      template: { record, c, table, facts, consistency in
        let (day, currency, charge) = try FocusCharge.common(record, c.focus, table, &facts, &consistency)
        let serviceCode = record.string(c.serviceCode)
        let serviceName = c.serviceName.map { record.string($0) } ?? ""
        let isModel =
          serviceCode.hasPrefix(UsageRules.CUR.modelServicePrefix) || serviceName == UsageRules.Focus.awsModelServiceName
        let pricingUnit = record.string(c.focus.pricingUnit)
        var usageType = record.string(c.usageType)
        if usageType.isEmpty, let m = c.focus.skuMeter { usageType = record.string(m) }
        let line = UsageLine(
          line: record.line, date: day, provider: .aws, account: record.string(c.focus.account),
          tagsJSON: c.focus.tags.map { record.string($0) } ?? "", service: serviceCode, charge: charge,
          isModelService: isModel, sku: record.string(c.sku), sheetKey: usageType,
          region: record.string(c.focus.region), unit: pricingUnit, billedCost: nil, currency: currency)
        let rule =
          charge == .usage && isModel
          ? FocusTokenRule(record, c.focus, block: TokenUnits.blockSize(pricingUnit)) : nil
        return LineTemplate(line: line, rule: rule)
      },
      amounts: { record, c, table, t in
        let (pricing, consumed) = try FocusCharge.quantities(record, c.focus, table, t.line)
        let unitPrice =
          try table.decimal(record, c.focus.contractedUnitPrice, "ContractedUnitPrice")
          ?? table.decimal(record, c.listUnitPrice, "ListUnitPrice")
        return UsageAmounts(
          quantity: pricing, tokens: try t.rule?.tokens(record, table, consumed: consumed, pricing: pricing), unitPrice: unitPrice,
          billedCost: try table.requiredDecimal(record, c.focus.cost, "BilledCost"))
      }, emit: emit)
  }

  struct Columns {
    let focus: FocusColumns
    let usageType, sku, serviceCode: Int
    let listUnitPrice, serviceName: Int?

    init(_ t: CSVUsageTable) throws {
      focus = try FocusColumns(t)
      usageType = try t.required("x_UsageType")
      sku = try t.required("SkuId")
      serviceCode = try t.required("x_ServiceCode")
      listUnitPrice = t.optional("ListUnitPrice")
      serviceName = t.optional("ServiceName")
    }

    var keys: [Int?] { focus.keys + [usageType, sku, serviceCode, serviceName] }
  }
}

/// Azure Cost Management FocusCost 1.2: `x_SkuMeterId` is the Retail Prices `meterId`,
/// `ConsumedQuantity` the tokens, `PricingQuantity` the blocks of `x_PricingBlockSize`.
struct AzureFocusReader: UsageReader {
  var format: UsageFormat { .azureFocus }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    try CSVUsageFile.read(
      input, format: format, columns: { try Columns($0) }, keys: \.keys,
      template: { record, c, table, facts, consistency in
        let (day, currency, charge) = try FocusCharge.common(record, c.focus, table, &facts, &consistency)
        let meterCategory = record.string(c.meterCategory)
        let meterName = c.focus.skuMeter.map { record.string($0) } ?? ""
        let isModel = AzureServices.isModel(meterCategory: meterCategory, consumedService: "")
        let pricingUnit = record.string(c.focus.pricingUnit)
        let line = UsageLine(
          line: record.line, date: day, provider: .azure, account: record.string(c.focus.account),
          tagsJSON: c.focus.tags.map { record.string($0) } ?? "", service: meterCategory, charge: charge,
          isModelService: isModel, sku: record.string(c.meterId).lowercased(), sheetKey: meterName,
          region: AzureServices.region(record.string(c.focus.region)), unit: pricingUnit, billedCost: nil,
          currency: currency)
        let tokenLine =
          charge == .usage && isModel && AzureServices.isTokenMeter(meterName: meterName, unit: pricingUnit)
        let rule =
          tokenLine
          ? FocusTokenRule(
            record, c.focus, block: TokenUnits.blockSize(pricingUnit, requireWord: false) ?? ExactValue(coefficient: 1, scale: 0)) : nil
        return LineTemplate(line: line, rule: rule)
      },
      amounts: { record, c, table, t in
        let (pricing, consumed) = try FocusCharge.quantities(record, c.focus, table, t.line)
        let block = try table.decimal(record, c.blockSize, "x_PricingBlockSize")
        let unitPrice =
          try table.decimal(record, c.effectiveUnitPrice, "x_EffectiveUnitPrice")
          ?? table.decimal(record, c.focus.contractedUnitPrice, "ContractedUnitPrice")
        return UsageAmounts(
          quantity: pricing, tokens: try t.rule?.tokens(record, table, consumed: consumed, pricing: pricing, blockCell: block),
          unitPrice: unitPrice, billedCost: try table.requiredDecimal(record, c.focus.cost, "BilledCost"))
      }, emit: emit)
  }

  struct Columns {
    let focus: FocusColumns
    let meterId, meterCategory: Int
    let blockSize, effectiveUnitPrice: Int?

    init(_ t: CSVUsageTable) throws {
      focus = try FocusColumns(t)
      meterId = try t.required("x_SkuMeterId")
      meterCategory = try t.required("x_SkuMeterCategory")
      blockSize = t.optional("x_PricingBlockSize")
      effectiveUnitPrice = t.optional("x_EffectiveUnitPrice")
    }

    var keys: [Int?] { focus.keys + [meterId, meterCategory] }
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
