import Foundation

/// Why engine data (the provisioned-throughput table) could not be loaded.
public enum EngineCatalogError: Error, LocalizedError, Sendable {
  case malformed(String)
  public var errorDescription: String? {
    switch self {
    case .malformed(let m): m
    }
  }
}

