import Foundation
import Pricing

/// One canonical model: identity, limits, modalities and capabilities with their source.
public struct CatalogModel: Sendable, Hashable, Codable {
  /// What a model is for. Only `chat` models are priced for chat workloads.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case chat, completion, embedding, image, audio, realtime, video, rerank
  }

  /// A capability a source states for the model (the shared vocabulary type).
  public typealias Capability = Pricing.Capability

  /// `vendor/model[-version]`, e.g. `openai/gpt-oss-120b`.
  public var id: String
  public var vendor: String
  /// Product line (`gpt-4o`, `claude-sonnet`).
  public var family: String
  public var kind: Kind
  /// `YYYY-MM-DD` or `YYYY-MM`; nil where sources disagree or give none.
  public var releaseDate: String?
  public var maxInputTokens: Int?
  public var maxOutputTokens: Int?
  /// text, image, pdf, audio, video.
  public var inputModalities: [String]
  /// `true` / `false` as a source states it; a capability absent from the dictionary is unknown.
  public var capabilities: [Capability: Bool]
  public var openWeights: Bool?
  /// Which records supplied the values.
  public var source: String

  public init(
    id: String, vendor: String, family: String = "", kind: Kind = .chat, releaseDate: String? = nil,
    maxInputTokens: Int? = nil, maxOutputTokens: Int? = nil, inputModalities: [String] = [],
    capabilities: [Capability: Bool] = [:], openWeights: Bool? = nil, source: String = ""
  ) {
    self.id = id
    self.vendor = vendor
    self.family = family
    self.kind = kind
    self.releaseDate = releaseDate
    self.maxInputTokens = maxInputTokens
    self.maxOutputTokens = maxOutputTokens
    self.inputModalities = inputModalities
    self.capabilities = capabilities
    self.openWeights = openWeights
    self.source = source
  }

  /// The capability's stated value, nil when no source states it.
  public func has(_ capability: Capability) -> Bool? { capabilities[capability] }
}
