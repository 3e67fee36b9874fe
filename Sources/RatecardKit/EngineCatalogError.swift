import Foundation

/// Why the engine catalogue could not be loaded.
public enum EngineCatalogError: Error, LocalizedError, Sendable {
  case notFound([String])
  case malformed(String)
  public var errorDescription: String? {
    switch self {
    case .notFound(let dirs): "no model catalogue found in: \(dirs.joined(separator: ", "))"
    case .malformed(let m): m
    }
  }
}

