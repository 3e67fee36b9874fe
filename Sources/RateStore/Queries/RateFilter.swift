import Foundation
import Pricing

/// A point in the store's history to read rates at.
public enum Snapshot: Sendable, Hashable {
  /// The rates open now.
  case current
  /// The rates in effect at this instant (canonical ISO 8601 text).
  case date(String)
  /// The rates open right after this import run.
  case run(Int64)

  /// Parses a run id (`42`, `run:42`) or an ISO 8601 date (`2026-01-31`; a bare date means the
  /// end of that day), as ``SnapshotName/parse(_:)`` reads them (a batch is refused here: it needs
  /// the store, see ``RateStore/snapshot(_:basis:)``).
  public static func parse(_ text: String) throws -> Snapshot {
    switch SnapshotName.parse(text) {
    case .run(let id)?: return .run(id)
    case .date(let t)?: return .date(t)
    default: throw StoreError.unknownSnapshot(text)
    }
  }
}

/// Filters for rate queries. Every value is bound, never spliced into SQL.
public struct RateFilter: Sendable, Hashable, Codable {
  public var providers: [Provider] = []
  /// Canonical id or the name as in the sheet (case-insensitive).
  public var models: [String] = []
  public var regions: [String] = []
  public var scopes: [Scope] = []
  public var tiers: [Tier] = []
  public var meters: [Meter] = []
  public var currencies: [String] = []
  public var services: [String] = []
  public var skus: [String] = []
  /// Exact variants (`""` for plain rates).
  public var variants: [String] = []
  public var commitments: [Commitment] = []

  public init() {}

  func clause() -> (String, [any DatabaseValueConvertibleSendable]) {
    var parts: [String] = []
    var args: [any DatabaseValueConvertibleSendable] = []
    func inList(_ column: String, _ values: [String], nocase: Bool = false) {
      guard !values.isEmpty else { return }
      let c = nocase ? "\(column) COLLATE NOCASE" : column
      parts.append("\(c) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
      args.append(contentsOf: values)
    }
    inList("provider", providers.map(\.rawValue))
    if !models.isEmpty {
      let q = models.map { _ in "?" }.joined(separator: ",")
      parts.append("(model COLLATE NOCASE IN (\(q)) OR sheetModel COLLATE NOCASE IN (\(q)))")
      args.append(contentsOf: models)
      args.append(contentsOf: models)
    }
    inList("region", regions, nocase: true)
    inList("scope", scopes.map(\.rawValue))
    inList("tier", tiers.map(\.rawValue))
    inList("meter", meters.map(\.rawValue))
    inList("currency", currencies.map { $0.uppercased() })
    inList("service", services, nocase: true)
    inList("sku", skus)
    inList("variant", variants)
    inList("commitment", commitments.map(\.rawValue))
    return (parts.joined(separator: " AND "), args)
  }
}

/// A value that can be bound as a statement argument and crosses threads.
public protocol DatabaseValueConvertibleSendable: Sendable {}
extension String: DatabaseValueConvertibleSendable {}
extension Int64: DatabaseValueConvertibleSendable {}
