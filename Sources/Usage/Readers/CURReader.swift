import Foundation
import Pricing

/// AWS Data Exports, CUR 2.0 (CSV). Amounts are in `pricing_unit`s (`1K tokens`: thousands of
/// tokens). Marketplace Bedrock models (`bill_billing_entity` `AWS Marketplace`) have the unit
/// `Units` and their real unit in the description's third `|` field (`Million Input Tokens Global`).
struct CURReader: UsageReader {
  var format: UsageFormat { .awsCUR2 }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    return try CSVUsageFile.read(input, format: format, columns: { try Columns($0) }) {
      record, c, table, facts, consistency in
      let day = try table.day(record, c.start, "line_item_usage_start_date")
      try consistency.check(day: day, line: record.line, column: "line_item_usage_start_date")
      let currency = try table.currencyCode(record, c.currency, "line_item_currency_code")
      try consistency.check(currency: currency, line: record.line, column: "line_item_currency_code")
      if facts.billingAccount.isEmpty, let p = c.payer { facts.billingAccount = record.string(p) }
      let charge = Self.charge(table.text(record, c.lineType))
      let productCode = table.text(record, c.productCode)
      let serviceCode = c.serviceCode.map { table.text(record, $0) } ?? ""
      let isModel =
        productCode.hasPrefix(UsageRules.CUR.modelServicePrefix)
        || serviceCode.hasPrefix(UsageRules.CUR.modelServicePrefix)
        || (c.entity.map { record.equals($0, UsageRules.CUR.marketplaceEntity) } ?? false
          && Self.productName(record, c).contains(UsageRules.CUR.marketplaceProductWord))
      let quantity = try table.quantity(
        record, c.amount, "line_item_usage_amount", allowNegative: charge != .usage)
      let unit = table.text(record, c.unit)
      var tokens: Decimal?
      if charge == .usage, isModel, let quantity {
        var block = table.tokenBlock(unit)
        if block == nil, unit == UsageRules.CUR.marketplaceUnit, let d = c.description {
          block = table.tokenBlock(description: table.text(record, d))
        }
        if let block { tokens = TokenUnits.tokens(quantity, block) }
      }
      var region = c.region.map { table.text(record, $0) } ?? ""
      if region.isEmpty, isModel { region = Self.productRegion(record, c) }
      try emit(
        UsageLine(
          line: record.line, date: day, provider: .aws,
          account: table.text(record, c.account), tagsJSON: c.tags.map { table.text(record, $0) } ?? "",
          service: serviceCode.isEmpty ? productCode : serviceCode, charge: charge,
          isModelService: isModel, sku: table.text(record, c.sku), sheetKey: table.text(record, c.usageType),
          region: region, quantity: quantity, unit: unit, tokens: tokens,
          unitPrice: try table.decimal(record, c.rate, "line_item_unblended_rate"),
          billedCost: try table.requiredDecimal(record, c.cost, "line_item_unblended_cost"),
          currency: currency))
    }
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
