import Foundation
import Pricing

/// AWS Data Exports, CUR 2.0 (CSV). Amounts are in `pricing_unit`s (`1K tokens`: thousands of
/// tokens). Marketplace Bedrock models (`bill_billing_entity` `AWS Marketplace`) have the unit
/// `Units` and their real unit in the description's third `|` field (`Million Input Tokens Global`).
struct CURReader: UsageReader {
  var format: UsageFormat { .awsCUR2 }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    try CSVUsageFile.read(
      input, format: format, columns: { try Columns($0) }, keys: \.keys,
      template: { record, c, table, facts, consistency in
        let day = try table.date(record, c.start, "line_item_usage_start_date")
        try consistency.check(day: day, line: record.line, column: "line_item_usage_start_date")
        let currency = try table.currency(record, c.currency, "line_item_currency_code")
        try consistency.check(currency: currency, line: record.line, column: "line_item_currency_code")
        if facts.billingAccount.isEmpty, let p = c.payer { facts.billingAccount = record.string(p) }
        let charge = Self.charge(record.string(c.lineType))
        let productCode = record.string(c.productCode)
        let serviceCode = c.serviceCode.map { record.string($0) } ?? ""
        let isModel =
          productCode.hasPrefix(UsageRules.CUR.modelServicePrefix)
          || serviceCode.hasPrefix(UsageRules.CUR.modelServicePrefix)
          || (c.entity.map { record.equals($0, UsageRules.CUR.marketplaceEntity) } ?? false
            && Self.productName(record, c).contains(UsageRules.CUR.marketplaceProductWord))
        let unit = record.string(c.unit)
        var block: ExactValue?
        if charge == .usage, isModel {
          block = TokenUnits.blockSize(unit)
          if block == nil, unit == UsageRules.CUR.marketplaceUnit, let d = c.description {
            block = TokenUnits.blockSize(description: record.string(d))
          }
        }
        var region = c.region.map { record.string($0) } ?? ""
        if region.isEmpty, isModel { region = Self.productRegion(record, c) }
        let line = UsageLine(
          line: record.line, date: day, provider: .aws, account: record.string(c.account),
          tagsJSON: c.tags.map { record.string($0) } ?? "", service: serviceCode.isEmpty ? productCode : serviceCode,
          charge: charge, isModelService: isModel, sku: record.string(c.sku), sheetKey: record.string(c.usageType),
          region: region, unit: unit, billedCost: nil, currency: currency)
        return LineTemplate(line: line, rule: block)
      },
      amounts: { record, c, table, t in
        // Tokens are the quantity in blocks of the unit (a token line has a block).
        let quantity = try table.quantity(
          record, c.amount, "line_item_usage_amount", allowNegative: t.line.charge != .usage)
        var tokens: ExactValue?
        if let block = t.rule, let quantity {
          tokens = try table.tokens(record, quantity, block, "line_item_usage_amount")
        }
        return UsageAmounts(
          quantity: quantity, tokens: tokens,
          unitPrice: try table.decimal(record, c.rate, "line_item_unblended_rate"),
          billedCost: try table.requiredDecimal(record, c.cost, "line_item_unblended_cost"))
      }, emit: emit)
  }

  /// CUR `line_item_line_item_type` to the kind of charge.
  static func charge(_ type: String) -> ChargeKind {
    switch type {
    case _ where UsageRules.CUR.usageLineTypes.contains(type): .usage
    case "Tax": .tax
    case "Credit": .credit
    case "Refund": .refund
    case _ where type.hasSuffix("Discount") || type == "SavingsPlanNegation": .discount
    default: .fee
    }
  }

  static func productName(_ record: CSVRecord, _ c: Columns) -> String {
    guard let p = c.product else { return "" }
    return JSONMap.value(record.string(p), key: "product_name") ?? ""
  }

  static func productRegion(_ record: CSVRecord, _ c: Columns) -> String {
    guard let p = c.product else { return "" }
    return JSONMap.value(record.string(p), key: "region") ?? ""
  }

  struct Columns {
    let start, lineType, productCode, usageType, amount, cost, currency, unit, sku, account: Int
    let rate, region, product, tags, entity, description, serviceCode, payer: Int?

    init(_ t: CSVUsageTable) throws {
      start = try t.required("line_item_usage_start_date")
      lineType = try t.required("line_item_line_item_type")
      productCode = try t.required("line_item_product_code")
      usageType = try t.required("line_item_usage_type")
      amount = try t.required("line_item_usage_amount")
      cost = try t.required("line_item_unblended_cost")
      currency = try t.required("line_item_currency_code")
      unit = try t.required("pricing_unit")
      sku = try t.required("product_sku")
      account = try t.required("line_item_usage_account_id")
      rate = t.optional("line_item_unblended_rate")
      region = t.optional("product_region_code")
      product = t.optional("product")
      tags = t.optional("resource_tags")
      entity = t.optional("bill_billing_entity")
      description = t.optional("line_item_line_item_description")
      serviceCode = t.optional("product_servicecode")
      payer = t.optional("bill_payer_account_id")
    }

    /// Every column but the amounts (``CSVUsageFile``).
    var keys: [Int?] {
      [start, lineType, productCode, usageType, currency, unit, sku, account, region, product, tags, entity,
        description, serviceCode, payer]
    }
  }
}

/// Flat JSON maps as the exports carry them in a cell (`product`, `resource_tags`, `Tags`).
enum JSONMap {
  /// The string value of `key` in a flat JSON object's text; nil when absent or not an object.
  static func value(_ text: String, key: String) -> String? {
    guard text.contains("\"\(key)\"") else { return nil }
    return parse(text)?[key]
  }

  /// The object's string values (other value types as their JSON text); nil when not an object.
  static func parse(_ text: String) -> [String: String]? {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    var out: [String: String] = [:]
    for (k, v) in object {
      if let s = v as? String { out[k] = s } else { out[k] = "\(v)" }
    }
    return out
  }
}
