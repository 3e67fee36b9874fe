import Foundation

/// Tells a usage export's format from its content: a CSV header's columns, or the first JSON
/// record. `--usage-format` skips it.
public enum UsageFormatDetector {
  /// The format of `input` (its first bytes; nothing is consumed), or an error saying what the
  /// content looks like instead.
  public static func detect(_ input: UsageInput) throws -> UsageFormat {
    var head = try input.head()
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
    guard let start = head.firstIndex(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else {
      throw UsageError.empty(file: input.uri)
    }
    let text = String(decoding: head[start...], as: UTF8.self)
    if head[start] == UInt8(ascii: "{") {
      let firstLine = text.prefix { $0 != "\n" }
      if firstLine.contains("\"ModelInvocationLog\"")
        || (firstLine.contains("\"modelId\"") && firstLine.contains("TokenCount\""))
      {
        return .bedrockInvocationLog
      }
      throw UsageError.unknownFormat(
        file: input.uri, hint: "JSON, but not a Bedrock model invocation log record (no schemaType ModelInvocationLog)")
    }
    if head[start] == UInt8(ascii: "<") {
      throw UsageError.unknownFormat(file: input.uri, hint: "it looks like an HTML or XML page, not a CSV export")
    }
    let headerLine = text.prefix { $0 != "\n" && $0 != "\r" }
    let columns = Set(headerLine.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) })
    if columns.contains("line_item_usage_type") || columns.contains("line_item_unblended_cost") { return .awsCUR2 }
    if columns.contains("x_UsageType") || (columns.contains("x_ServiceCode") && columns.contains("BilledCost")) {
      return .awsFocus
    }
    if columns.contains("x_SkuMeterId") { return .azureFocus }
    if columns.contains("MeterId") && columns.contains("CostInBillingCurrency") { return .azureEA }
    if columns.contains("meterId") && columns.contains("costInBillingCurrency") { return .azureMCA }
    if columns.contains("lineItem/UsageType") {
      throw UsageError.unknownFormat(
        file: input.uri, hint: "a legacy CUR (lineItem/UsageType columns); export CUR 2.0 from AWS Data Exports")
    }
    if columns.contains("BilledCost") && columns.contains("ChargeCategory") {
      throw UsageError.unknownFormat(
        file: input.uri, hint: "a FOCUS export without AWS (x_UsageType) or Azure (x_SkuMeterId) columns")
    }
    throw UsageError.unknownFormat(
      file: input.uri,
      hint: "neither JSON lines nor a CSV with a CUR 2.0, FOCUS 1.2 or Azure cost details header")
  }
}
