import Foundation
import Pricing

/// The cost engine's rate table as one compact blob (the ``RateStore`` engine cache): a string
/// table holding each distinct text once, then per rate its enum values and texts as indices into
/// that table; the price is kept as the text stored in the rate table and parsed on decoding
/// exactly as a direct read parses it (each distinct text once), so the prices are the same values.
///
/// Layout (little-endian): magic `RCE3`, string count, each string as byte length + UTF-8 bytes,
/// rate count, then per rate 19 `UInt32` string indices (``Rate`` fields in declaration order,
/// the price as its stored text; `model` is ``EngineRatePayload/none`` when nil), then the
/// caller's layout words (count, then `Int32` each: the offer book's layout, opaque here);
/// last, a 64-bit checksum of everything before it (``checksum(_:)``), so a damaged payload is
/// refused rather than misread.
public enum EngineRatePayload {
  /// Version of the layout; part of the cache key, so a new layout is never read as an old one.
  public static let formatVersion = 3
  static let magic: [UInt8] = Array("RCE3".utf8)
  static let none = UInt32.max
  /// String indices per rate.
  static let fields = 19

  /// The blob for `rates`, whose prices are `priceTexts` as stored (parallel arrays), and `layout`.
  public static func encode(_ rates: [Rate], priceTexts: [String], layout: [Int32] = []) -> Data {
    precondition(rates.count == priceTexts.count)
    var strings: [String] = []
    var index: [String: UInt32] = [:]
    index.reserveCapacity(rates.count * 3)
    strings.reserveCapacity(rates.count * 3)
    // Rates come sorted, so most fields repeat the rate before: compare with that first.
    var lastText = [String](repeating: "", count: fields)
    var lastRef = [UInt32](repeating: none, count: fields)
    func ref(_ s: String, _ field: Int) -> UInt32 {
      if lastRef[field] != none, lastText[field] == s { return lastRef[field] }
      let i: UInt32
      if let known = index[s] {
        i = known
      } else {
        i = UInt32(strings.count)
        strings.append(s)
        index[s] = i
      }
      lastText[field] = s
      lastRef[field] = i
      return i
    }
    var body: [UInt8] = []
    body.reserveCapacity(rates.count * 4 * fields)
    func put32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { body.append(contentsOf: $0) } }
    put32(UInt32(rates.count))
    for (r, price) in zip(rates, priceTexts) {
      put32(ref(r.provider.rawValue, 0))
      put32(ref(r.service, 1))
      put32(ref(r.rateKey, 2))
      put32(ref(r.sku, 3))
      put32(ref(r.sheetKey, 4))
      put32(ref(r.sheetModel, 5))
      put32(r.model.map { ref($0, 6) } ?? none)
      put32(ref(r.region, 7))
      put32(ref(r.scope.rawValue, 8))
      put32(ref(r.tier.rawValue, 9))
      put32(ref(r.meter.rawValue, 10))
      put32(ref(r.variant, 11))
      put32(ref(r.commitment.rawValue, 12))
      put32(ref(r.sheetUnit, 13))
      put32(ref(r.sheetPrice, 14))
      put32(ref(r.unit, 15))
      put32(ref(price, 16))
      put32(ref(r.currency, 17))
      put32(ref(r.effectiveFrom, 18))
    }
    put32(UInt32(layout.count))
    for w in layout { put32(UInt32(bitPattern: w)) }
    var out: [UInt8] = magic
    func head32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    head32(UInt32(strings.count))
    for s in strings {
      head32(UInt32(s.utf8.count))
      out.append(contentsOf: s.utf8)
    }
    out.append(contentsOf: body)
    out.append(contentsOf: out.withUnsafeBytes { checksumBytes($0) })
    return Data(out)
  }

  /// The rates in `data`, or nil when it is not a payload of this format (truncated, foreign,
  /// corrupted): the caller then rebuilds it.
  public static func decode(_ data: Data) -> (rates: [Rate], layout: [Int32])? {
    data.withUnsafeBytes { decode($0) }
  }

  /// ``decode(_:)-(Data)`` over bytes in place (SQLite's buffer for the blob).
  public static func decode(_ all: UnsafeRawBufferPointer) -> (rates: [Rate], layout: [Int32])? {
    let digestSize = checksumSize
    guard all.count >= digestSize else { return nil }
    let raw = UnsafeRawBufferPointer(rebasing: all[..<(all.count - digestSize)])
    guard checksumBytes(raw).elementsEqual(all[(all.count - digestSize)...]) else { return nil }
    var reader = Reader(bytes: raw)
    guard let head = reader.bytes(4), head.elementsEqual(magic) else { return nil }
    guard let stringCount = reader.u32(), Int(stringCount) <= raw.count else { return nil }
    var strings: [String] = []
    strings.reserveCapacity(Int(stringCount))
    for _ in 0..<stringCount {
      guard let n = reader.u32(), let bytes = reader.bytes(Int(n)) else { return nil }
      strings.append(String(decoding: bytes, as: UTF8.self))
    }
    guard let rateCount = reader.u32(), Int(rateCount) <= raw.count / (4 * fields) else { return nil }
    var rates: [Rate] = []
    rates.reserveCapacity(Int(rateCount))
    var prices: [UInt32: Decimal] = [:]
    // Each vocabulary value parsed once per distinct string (a string switch per rate otherwise).
    var providers = [Provider?](repeating: nil, count: strings.count)
    var scopes = [Scope?](repeating: nil, count: strings.count)
    var tiers = [Tier?](repeating: nil, count: strings.count)
    var meters = [Meter?](repeating: nil, count: strings.count)
    var commitments = [Commitment?](repeating: nil, count: strings.count)
    func value<T>(_ k: Int, _ cache: inout [T?], _ parse: (String) -> T?) -> T? {
      let v = Int(refs[k])
      guard v < strings.count else { return nil }
      if let known = cache[v] { return known }
      let parsed = parse(strings[v])
      cache[v] = parsed
      return parsed
    }
    var refs = [UInt32](repeating: 0, count: fields)
    for _ in 0..<rateCount {
      for k in 0..<fields {
        guard let v = reader.u32() else { return nil }
        refs[k] = v
      }
      func text(_ k: Int) -> String? {
        let v = Int(refs[k])
        return v < strings.count ? strings[v] : nil
      }
      let model: String?
      if refs[6] == none {
        model = nil
      } else {
        guard let m = text(6) else { return nil }
        model = m
      }
      guard let provider = value(0, &providers, Provider.init(rawValue:)),
        let service = text(1), let rateKey = text(2), let sku = text(3), let sheetKey = text(4),
        let sheetModel = text(5), let region = text(7),
        let scope = value(8, &scopes, Scope.init(rawValue:)),
        let tier = value(9, &tiers, Tier.init(rawValue:)),
        let meter = value(10, &meters, Meter.init(rawValue:)), let variant = text(11),
        let commitment = value(12, &commitments, Commitment.init(rawValue:)),
        let sheetUnit = text(13), let sheetPrice = text(14), let unit = text(15), let priceText = text(16),
        let currency = text(17), let effectiveFrom = text(18)
      else { return nil }
      let price: Decimal
      if let known = prices[refs[16]] {
        price = known
      } else {
        price = RateRowReader.price(priceText)
        prices[refs[16]] = price
      }
      rates.append(
        Rate(
          provider: provider, service: service, rateKey: rateKey, sku: sku, sheetKey: sheetKey,
          sheetModel: sheetModel, model: model, region: region, scope: scope, tier: tier, meter: meter,
          variant: variant, commitment: commitment, sheetUnit: sheetUnit, sheetPrice: sheetPrice,
          unit: unit, price: price, currency: currency, effectiveFrom: effectiveFrom))
    }
    guard let wordCount = reader.u32(), Int(wordCount) <= raw.count / 4 else { return nil }
    var layout: [Int32] = []
    layout.reserveCapacity(Int(wordCount))
    for _ in 0..<wordCount {
      guard let w = reader.u32() else { return nil }
      layout.append(Int32(bitPattern: w))
    }
    guard reader.offset == raw.count else { return nil }
    return (rates, layout)
  }

  /// Bounds-checked little-endian reads.
  struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func bytes(_ n: Int) -> UnsafeRawBufferPointer? {
      guard n >= 0, n <= bytes.count - offset else { return nil }
      defer { offset += n }
      return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
    }

    mutating func u32() -> UInt32? {
      guard let b = bytes(4) else { return nil }
      return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }
  }
}
