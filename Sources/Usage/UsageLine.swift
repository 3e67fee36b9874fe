import Foundation
import Pricing

/// What a line of a bill charges: usage, or one of the charges that are summed apart and never
/// mixed into token cost.
public enum ChargeKind: String, Sendable, Codable, CaseIterable {
  case usage
  case tax
  case credit
  case refund
  case discount
  /// Fees, purchases, commitments and any other non-usage charge.
  case fee
}

/// One line of a usage export, in the reader-neutral form the matcher works on. Amounts are exact.
public struct UsageLine: Sendable {
  /// The line number in the file (1-based; a CSV header is line 1).
  public var line: Int
  /// The usage day, `YYYY-MM-DD` (UTC).
  public var date: String
  public var provider: Provider
  /// AWS usage account id, Azure subscription id, or the log's account id.
  public var account: String
  /// Cost-allocation tags as the export gives them (a JSON object's text; empty when none).
  public var tagsJSON: String
  /// AWS product code or Azure meter category; the log's service for invocation logs.
  public var service: String
  public var charge: ChargeKind
  /// True for the model-inference services (Amazon Bedrock and its Marketplace models, Azure
  /// Foundry Models / Cognitive Services); other services are counted apart.
  public var isModelService: Bool
  /// AWS product SKU, Azure meter id, or the log's model id.
  public var sku: String
  /// AWS usage type, Azure meter name, or the log's model id.
  public var sheetKey: String
  /// Region code (`us-east-1`, `swedencentral`).
  public var region: String
  /// The line's amounts, exact (read, compared and summed without allocating: a file has
  /// millions of lines).
  var amounts = UsageAmounts()
  /// The line's quantity in its own pricing unit, when it has one.
  public var quantity: Decimal? { amounts.quantity?.decimal }
  /// Whole tokens (or a fraction the export rounded oddly), set when the line is token usage.
  public var tokens: Decimal? { amounts.tokens?.decimal }
  /// The price per pricing unit the bill applied, when the export gives it.
  public var unitPrice: Decimal? { amounts.unitPrice?.decimal }
  /// The billed cost; nil when the source carries no cost (invocation logs).
  public var billedCost: Decimal? { amounts.billedCost?.decimal }
  /// The pricing unit as the export gives it (`1K tokens`, `Units`, `1K`, `Hrs`).
  public var unit: String
  /// The billing currency; empty when the source carries no cost.
  public var currency: String
  /// Requests, when the source counts them (invocation logs).
  public var requests: Int?
  /// The meter the source states (invocation logs: which token count this is).
  public var meter: Meter?
  /// The scope the source states (an invocation log's cross-region profile prefix).
  public var scope: Scope?
  /// The caller (an invocation log's identity ARN), empty when the source has none.
  public var caller: String
  /// The reader's template the line was made from (``CSVUsageFile``): lines of one template
  /// differ only in their line number and amounts. Nil when the reader makes each line anew.
  var template: Int?

  public init(
    line: Int, date: String, provider: Provider, account: String = "", tagsJSON: String = "",
    service: String, charge: ChargeKind = .usage, isModelService: Bool, sku: String = "",
    sheetKey: String = "", region: String = "", quantity: Decimal? = nil, unit: String = "",
    tokens: Decimal? = nil, unitPrice: Decimal? = nil, billedCost: Decimal?, currency: String,
    requests: Int? = nil, meter: Meter? = nil, scope: Scope? = nil, caller: String = ""
  ) {
    self.line = line
    self.date = date
    self.provider = provider
    self.account = account
    self.tagsJSON = tagsJSON
    self.service = service
    self.charge = charge
    self.isModelService = isModelService
    self.sku = sku
    self.sheetKey = sheetKey
    self.region = region
    self.unit = unit
    amounts = UsageAmounts(
      quantity: quantity.flatMap({ ExactValue($0) }), tokens: tokens.flatMap({ ExactValue($0) }),
      unitPrice: unitPrice.flatMap({ ExactValue($0) }),
      billedCost: billedCost.flatMap({ ExactValue($0) }))
    self.currency = currency
    self.requests = requests
    self.meter = meter
    self.scope = scope
    self.caller = caller
  }
}

/// The amounts of one line.
struct UsageAmounts: Sendable {
  var quantity: ExactValue?
  var tokens: ExactValue?
  var unitPrice: ExactValue?
  var billedCost: ExactValue?
}

/// Every usage export format ratecard reads. The enum chooses the reader (``UsageFormatRegistry``).
public enum UsageFormat: String, Sendable, CaseIterable, Codable {
  /// AWS Data Exports, CUR 2.0 (CSV, snake_case columns; `product` and `resource_tags` as JSON).
  case awsCUR2 = "aws-cur2"
  /// AWS Data Exports, FOCUS 1.2 with AWS columns.
  case awsFocus = "aws-focus"
  /// Azure Cost Management cost details, EA (PascalCase columns, MM/DD/YYYY dates).
  case azureEA = "azure-ea"
  /// Azure Cost Management cost details, MCA (camelCase columns).
  case azureMCA = "azure-mca"
  /// Azure Cost Management FocusCost 1.2.
  case azureFocus = "azure-focus"
  /// Bedrock model invocation logs (one `ModelInvocationLog` JSON object a line).
  case bedrockInvocationLog = "bedrock-log"

  /// The reader for this format.
  public var reader: any UsageReader { UsageFormatRegistry.reader(for: self) }

  /// The provider whose bill this is.
  public var provider: Provider {
    switch self {
    case .awsCUR2, .awsFocus, .bedrockInvocationLog: .aws
    case .azureEA, .azureMCA, .azureFocus: .azure
    }
  }

  /// A human name, for errors and summaries.
  public var title: String {
    switch self {
    case .awsCUR2: "AWS CUR 2.0"
    case .awsFocus: "AWS FOCUS 1.2"
    case .azureEA: "Azure cost details (EA)"
    case .azureMCA: "Azure cost details (MCA)"
    case .azureFocus: "Azure FocusCost 1.2"
    case .bedrockInvocationLog: "Bedrock model invocation log"
    }
  }
}

/// What a reader tells about a file besides its lines.
public struct UsageFileFacts: Sendable {
  /// The billing account the export belongs to (AWS payer account, Azure billing account), or
  /// empty when the format has none: with the format it names the source a re-export replaces.
  public var billingAccount: String = ""
  /// The file's month and currency, and where they were first read (CSV readers).
  var consistency: FileConsistency?
  /// The line breaks read (CSV readers): a part read after this one numbers its lines from here.
  var lines = 0
  public init() {}
}

/// A reader for one usage export format: streams the file's lines to `emit`, never holding the
/// file; throws ``UsageError`` naming the file, line and column of the first bad value.
public protocol UsageReader: Sendable {
  var format: UsageFormat { get }
  /// Reads `input` to its end, passing each line to `emit` in file order.
  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts
}

/// Where the format enum finds its readers (one line per format).
public enum UsageFormatRegistry {
  static func reader(for format: UsageFormat) -> any UsageReader {
    switch format {
    case .awsCUR2: CURReader()
    case .awsFocus: AWSFocusReader()
    case .azureEA: AzureCostDetailsReader(schema: .ea)
    case .azureMCA: AzureCostDetailsReader(schema: .mca)
    case .azureFocus: AzureFocusReader()
    case .bedrockInvocationLog: BedrockInvocationLogReader()
    }
  }
}
