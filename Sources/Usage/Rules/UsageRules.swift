import Foundation

/// The rules that decide what a bill line is, as data: the readers apply them line by line and
/// ``RepriceSQL`` writes them into the emitted SQL, so both follow one definition.
public enum UsageRules {
  /// Token units (`1K tokens`, `1M Tokens`, `1000 Tokens`, `tokens`): after trimming and lower
  /// casing, an optional block (1 to ``maxBlockDigits`` digits, then an optional multiplier
  /// letter) followed by one of these words.
  public static let tokenUnitWords = ["tokens", "token"]
  /// Multiplier letters of a token unit's block, lower case.
  public static let tokenUnitMultipliers: [(letter: String, factor: Int)] = [("k", 1000), ("m", 1_000_000)]
  /// The longest block number a unit may have.
  public static let maxBlockDigits = 9

  /// A marketplace description's unit words (the third `|` field, `Million Input Tokens Global`):
  /// they name tokens when they contain this word (any case) ...
  public static let descriptionTokenWord = "token"
  /// ... and count them in blocks by the first of these words they contain (else one token).
  public static let descriptionBlocks: [(word: String, factor: Int)] = [("million", 1_000_000), ("thousand", 1000)]
  /// The `|` field of the description that holds the unit words (0-based).
  public static let descriptionUnitField = 2

  /// AWS CUR 2.0.
  public enum CUR {
    /// `line_item_line_item_type` values that are usage.
    public static let usageLineTypes = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"]
    /// Product or service codes of the model-inference service start with this.
    public static let modelServicePrefix = "AmazonBedrock"
    /// `bill_billing_entity` of marketplace models ...
    public static let marketplaceEntity: StaticString = "AWS Marketplace"
    /// ... which are model usage when their `product.product_name` contains this.
    public static let marketplaceProductWord = "Bedrock"
    /// The `pricing_unit` of marketplace lines whose real unit is in the description.
    public static let marketplaceUnit = "Units"
  }

  /// FOCUS 1.2 exports (AWS Data Exports FOCUS, Azure FocusCost).
  public enum Focus {
    /// `ChargeCategory` of usage lines.
    public static let usageCategory = "Usage"
    /// A `ConsumedUnit` starting with this (any case) says `ConsumedQuantity` is in tokens.
    public static let consumedTokenUnitPrefix = "token"
    /// AWS: the `ServiceName` of the model service (beside an `x_ServiceCode` starting
    /// ``CUR/modelServicePrefix``).
    public static let awsModelServiceName = "Amazon Bedrock"
  }

  /// Azure exports (cost details EA and MCA, FocusCost).
  public enum Azure {
    /// Meter categories of model inference (lower case) ...
    public static let modelMeterCategories = ["foundry models", "cognitive services", "azure openai"]
    /// ... or starting with this ...
    public static let modelMeterCategoryPrefix = "foundry"
    /// ... or, with an empty meter category, this consumed service (lower case).
    public static let modelConsumedService = "microsoft.cognitiveservices"
    /// A meter counts tokens when its name or its unit contains this (any case).
    public static let tokenMeterWord = "token"
    /// The cost details' `ChargeType` of usage lines (any case).
    public static let usageChargeType = "usage"
  }
}
