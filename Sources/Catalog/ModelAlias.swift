/// One name a model goes by on a cloud (a Bedrock runtime id, an inference profile, a price-list
/// name, an Azure deployment name or meter stem...).
public struct ModelAlias: Sendable, Hashable, Codable {
  /// The canonical model id the alias names.
  public var modelId: String
  /// `bedrock`, `azure`, or any other word a user file uses.
  public var cloud: String
  /// `runtime_model_id`, `inference_profile`, `price_list_servicename`, `price_list_model`,
  /// `usagetype_key`, `azure_model_name`, `azure_meter_stem`, ...
  public var kind: String
  /// The name exactly as the source writes it.
  public var alias: String
  public var source: String

  public init(modelId: String, cloud: String, kind: String, alias: String, source: String = "") {
    self.modelId = modelId
    self.cloud = cloud
    self.kind = kind
    self.alias = alias
    self.source = source
  }
}
