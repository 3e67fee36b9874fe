import Foundation
import Pricing

/// Loads the model catalogue that rates resolve against (data/ embedded in the binary, plus the
/// user's files). Until the catalogue lands, no resolver: rates keep `model` nil.
public enum CatalogLoader {
  public static func loadDefault() throws -> (any ModelResolving)? { nil }
}
