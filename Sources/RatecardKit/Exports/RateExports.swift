import Foundation
import Pricing
import RateStore
import Reports

/// Finance exports of the rate table and of price changes (CSV, streamed). Column order is part of
/// the format (docs/exports.md).
public enum RateExports {
  /// Columns of `ratecard export rates`.
  public static let rateColumns = [
    "provider", "service", "sku", "sheetKey", "sheetModel", "model", "region", "scope", "tier",
    "meter", "variant", "commitment", "sheetUnit", "sheetPrice", "unit", "price", "currency",
    "effectiveFrom", "effectiveTo",
  ]

  /// Streams the rates at a snapshot as CSV into `sink`; returns the number of data rows.
  @discardableResult
  public static func rates(
    store: RateStore, filter: RateFilter, at snapshot: Snapshot, to sink: TextSink
  ) throws -> Int {
    try CSVLines.write(header: rateColumns, to: sink.write) { row in
      try store.eachRate(filter, at: snapshot) { try row(RateViews.record($0).fields.map(\.value)) }
    }
  }

  /// Writes the changes between two snapshots as CSV; returns the number of data rows.
  @discardableResult
  public static func diff(
    store: RateStore, from: Snapshot, to: Snapshot, filter: RateFilter, sink: TextSink
  ) throws -> Int {
    try CSVLines.write(header: RateViews.diffColumns, to: sink.write) { row in
      try store.eachChange(from: from, to: to, filter: filter) { try row(RateViews.diffRecord($0).fields.map(\.value)) }
    }
  }
}
