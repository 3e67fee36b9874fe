/// A model capability: stated by the catalogue's sources, required by a workload profile.
public enum Capability: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case toolCalling = "tool_calling"
  case structuredOutput = "structured_output"
  case vision
  case reasoning
  case promptCaching = "prompt_caching"

  public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }
}
