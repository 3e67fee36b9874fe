import Foundation
import Pricing

/// What the merge of a sheet needs from its rates alone, made before the write transaction (on
/// the parse thread, while the store merges the source before): the rates whose identity no
/// earlier rate of the sheet has, and the text of every rate's INSERT columns from `provider` to
/// `currency` (``RateRecord/insertColumns``), rendered as the merge renders them.
public struct PreparedRows: Sendable {
  /// How many columns of a row are prepared (`provider` … `currency`).
  static let columnCount = 18

  /// How many rates were prepared.
  let count: Int
  /// Indices of the rates whose identity no earlier rate has, in order.
  let distinct: [Int]
  /// Every rate's column texts (UTF-8), rate after rate.
  let bytes: [UInt8]
  /// Per rate, ``columnCount`` (offset in ``bytes``, length) pairs; length -1 is NULL.
  let spans: [Int32]

  /// Prepares `rates` (nil when their text is too large for 32-bit offsets).
  public init?(_ rates: [Rate]) {
    var seen = Set<RateIdentity>(minimumCapacity: rates.count)
    var distinct: [Int] = []
    distinct.reserveCapacity(rates.count)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(rates.count * 256)
    var spans: [Int32] = []
    spans.reserveCapacity(rates.count * Self.columnCount * 2)
    var priceTexts: [Decimal: String] = [:]
    func append(_ text: String) {
      let start = bytes.count
      bytes.append(contentsOf: text.utf8)
      spans.append(Int32(truncatingIfNeeded: start))
      spans.append(Int32(truncatingIfNeeded: bytes.count - start))
    }
    for (i, r) in rates.enumerated() {
      if seen.insert(r.identity).inserted { distinct.append(i) }
      append(r.provider.rawValue)
      append(r.service)
      append(r.rateKey)
      append(r.sku)
      append(r.sheetKey)
      append(r.sheetModel)
      if let model = r.model {
        append(model)
      } else {
        spans.append(0)
        spans.append(-1)
      }
      append(r.region)
      append(r.scope.rawValue)
      append(r.tier.rawValue)
      append(r.meter.rawValue)
      append(r.variant)
      append(r.commitment.rawValue)
      append(r.sheetUnit)
      append(r.sheetPrice)
      append(r.unit)
      let priceText: String
      if let known = priceTexts[r.price] {
        priceText = known
      } else {
        priceText = r.price.exactText
        priceTexts[r.price] = priceText
      }
      append(priceText)
      append(r.currency)
      if bytes.count >= Int(Int32.max) { return nil }
    }
    self.count = rates.count
    self.distinct = distinct
    self.bytes = bytes
    self.spans = spans
  }

  /// Indices of the rates whose identity no earlier rate has, in order.
  static func distinctIndices(_ rates: [Rate]) -> [Int] {
    var seen = Set<RateIdentity>(minimumCapacity: rates.count)
    return rates.indices.filter { seen.insert(rates[$0].identity).inserted }
  }
}
