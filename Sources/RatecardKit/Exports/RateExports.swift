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
    var chunk: [[Cell]] = []
    var count = 0
    sink.write(try CSVLines.line(rateColumns.map { .text($0) }))
    try store.eachRate(filter, at: snapshot) { record in
      chunk.append(RateViews.record(record).fields.map(\.value))
      count += 1
      if chunk.count == 512 {
        sink.write(try CSVLines.lines(chunk))
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if !chunk.isEmpty { sink.write(try CSVLines.lines(chunk)) }
    return count
  }

  /// Writes the changes between two snapshots as CSV; returns the number of data rows.
  @discardableResult
  public static func diff(
    store: RateStore, from: Snapshot, to: Snapshot, filter: RateFilter, sink: TextSink
  ) throws -> Int {
    var chunk: [[Cell]] = []
    var count = 0
    sink.write(try CSVLines.line(RateViews.diffColumns.map { .text($0) }))
    try store.eachChange(from: from, to: to, filter: filter) { change in
      chunk.append(RateViews.diffRecord(change).fields.map(\.value))
      count += 1
      if chunk.count == 512 {
        sink.write(try CSVLines.lines(chunk))
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if !chunk.isEmpty { sink.write(try CSVLines.lines(chunk)) }
    return count
  }
}
