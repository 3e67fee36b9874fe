import Foundation
import Pricing

/// Azure Cost Management cost details (actual cost), EA or MCA. `Quantity` is in blocks of
/// `UnitOfMeasure` (`1K`, `1M`), so `Quantity x EffectivePrice = CostInBillingCurrency`; where a
/// line's figures say the quantity is already in tokens, that is what is read. `MeterId` is the
/// Retail Prices `meterId`.
struct AzureCostDetailsReader: UsageReader {
  /// The column names of one schema.
  struct Schema: Sendable {
    var format: UsageFormat
    var date, meterId, meterName, meterCategory, location, unit, quantity, effectivePrice, cost, currency,
      subscription, chargeType: String
    var tags, consumedService, billingAccount, meterRegion: String
    /// `MM/DD/YYYY` dates (EA); ISO dates are accepted too.
    var usDates: Bool

    /// EA, schema 2024-08-01 (PascalCase, UTF-8 with a byte-order mark, MM/DD/YYYY dates).
    static let ea = Schema(
      format: .azureEA, date: "Date", meterId: "MeterId", meterName: "MeterName", meterCategory: "MeterCategory",
      location: "ResourceLocation", unit: "UnitOfMeasure", quantity: "Quantity", effectivePrice: "EffectivePrice",
      cost: "CostInBillingCurrency", currency: "BillingCurrencyCode", subscription: "SubscriptionId",
      chargeType: "ChargeType", tags: "Tags", consumedService: "ConsumedService", billingAccount: "BillingAccountId",
      meterRegion: "MeterRegion", usDates: true)

    /// MCA (camelCase columns, ISO dates).
    static let mca = Schema(
      format: .azureMCA, date: "date", meterId: "meterId", meterName: "meterName", meterCategory: "meterCategory",
      location: "resourceLocation", unit: "unitOfMeasure", quantity: "quantity", effectivePrice: "effectivePrice",
      cost: "costInBillingCurrency", currency: "billingCurrency", subscription: "SubscriptionId",
      chargeType: "chargeType", tags: "tags", consumedService: "consumedService", billingAccount: "billingAccountId",
      meterRegion: "meterRegion", usDates: false)
  }

  let schema: Schema
  var format: UsageFormat { schema.format }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    let s = schema
    return try CSVUsageFile.read(
      input, format: format, columns: { try Columns($0, s) }, keys: \.keys,
      template: { record, c, table, facts, consistency in
        let day: String
        if s.usDates, let d = UsageDates.day(record.string(c.date), usFormat: true) {
          day = d
        } else {
          day = try table.date(record, c.date, s.date, usFormat: false)
        }
        try consistency.check(day: day, line: record.line, column: s.date)
        let currency = try table.currency(record, c.currency, s.currency)
        try consistency.check(currency: currency, line: record.line, column: s.currency)
        if facts.billingAccount.isEmpty, let b = c.billingAccount { facts.billingAccount = record.string(b) }
        let charge = Self.charge(record.string(c.chargeType))
        let meterCategory = record.string(c.meterCategory)
        let meterName = record.string(c.meterName)
        let consumedService = c.consumedService.map { record.string($0) } ?? ""
        let isModel = AzureServices.isModel(meterCategory: meterCategory, consumedService: consumedService)
        let unit = record.string(c.unit)
        var region = record.string(c.location)
        if region.isEmpty, let r = c.meterRegion { region = record.string(r) }
        let line = UsageLine(
          line: record.line, date: day, provider: .azure, account: record.string(c.subscription),
          tagsJSON: c.tags.map { record.string($0) } ?? "", service: meterCategory, charge: charge,
          isModelService: isModel, sku: record.string(c.meterId).lowercased(), sheetKey: meterName,
          region: AzureServices.region(region), unit: unit, billedCost: nil, currency: currency)
        let tokenLine =
          charge == .usage && isModel && AzureServices.isTokenMeter(meterName: meterName, unit: unit)
        return LineTemplate(line: line, rule: tokenLine ? TokenUnits.blockSize(unit, requireWord: false) : nil)
      },
      amounts: { record, c, table, t in
        let quantity = try table.quantity(record, c.quantity, s.quantity, allowNegative: t.line.charge != .usage)
        let price = try table.decimal(record, c.effectivePrice, s.effectivePrice)
        let cost = try table.requiredDecimal(record, c.cost, s.cost)
        var tokens: ExactValue?
        if let quantity, let block = t.rule {
          // Blocks unless the line's own figures say the quantity is already in tokens.
          if block != ExactValue(coefficient: 1, scale: 0), let price, !Reconciliation.agrees(quantity, price, cost),
            Reconciliation.agrees(quantity.decimal / block.decimal * price.decimal, cost.decimal)
          {
            tokens = quantity
          } else {
            tokens = try table.tokens(record, quantity, block, s.quantity)
          }
        }
        return UsageAmounts(quantity: quantity, tokens: tokens, unitPrice: price, billedCost: cost)
      }, emit: emit)
  }

  /// Azure `ChargeType` to the kind of charge.
  static func charge(_ type: String) -> ChargeKind {
    switch type.lowercased() {
    case UsageRules.Azure.usageChargeType: .usage
    case "refund": .refund
    case "tax": .tax
    case "credit": .credit
    case "roundingadjustment": .discount
    default: .fee
    }
  }

  struct Columns {
    let date, meterId, meterName, meterCategory, location, unit, quantity, effectivePrice, cost, currency,
      subscription, chargeType: Int
    let tags, consumedService, billingAccount, meterRegion: Int?

    init(_ t: CSVUsageTable, _ s: Schema) throws {
      date = try t.required(s.date)
      meterId = try t.required(s.meterId)
      meterName = try t.required(s.meterName)
      meterCategory = try t.required(s.meterCategory)
      location = try t.required(s.location)
      unit = try t.required(s.unit)
      quantity = try t.required(s.quantity)
      effectivePrice = try t.required(s.effectivePrice)
      cost = try t.required(s.cost)
      currency = try t.required(s.currency)
      subscription = try t.required(s.subscription)
      chargeType = try t.required(s.chargeType)
      tags = t.optional(s.tags)
      consumedService = t.optional(s.consumedService)
      billingAccount = t.optional(s.billingAccount)
      meterRegion = t.optional(s.meterRegion)
    }

    /// Every column but the amounts (``CSVUsageFile``).
    var keys: [Int?] {
      [date, meterId, meterName, meterCategory, location, unit, currency, subscription, chargeType, tags,
        consumedService, billingAccount, meterRegion]
    }
  }
}

/// The reconciliation rule: a computed amount agrees with a billed one when they differ by at
/// most 0.000001 in the billing currency (exports print costs to 6 to 10 decimals).
public enum Reconciliation {
  public static let tolerance = Decimal(sign: .plus, exponent: toleranceExponent, significand: 1)

  /// The tolerance as a power of ten.
  static let toleranceExponent = -6

  public static func agrees(_ computed: Decimal, _ billed: Decimal) -> Bool {
    abs(computed - billed) <= tolerance
  }

  /// Whether `quantity x price` agrees with `billed`, in 128-bit integers; `Decimal` where a
  /// product or difference does not fit, except for amounts below 10^-60, whose `Decimal` product
  /// would underflow (Foundation traps): those lines count as not reconciled.
  public static func agrees(_ quantity: ExactValue, _ price: ExactValue, _ billed: ExactValue) -> Bool {
    guard let computed = quantity * price, let difference = computed - billed else {
      guard quantity.scale <= 60, price.scale <= 60 else { return false }
      return agrees(quantity.decimal * price.decimal, billed.decimal)
    }
    return difference.magnitudeIsAtMost(powerOfTen: toleranceExponent)
  }
}
