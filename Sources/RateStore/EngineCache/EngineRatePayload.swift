import Foundation
import Pricing

/// The cost engine's rate table as one compact blob (the ``RateStore`` engine cache): a string
/// table holding each distinct text once, then per rate its enum values and texts as indices into
/// that table; the price is kept as the text stored in the rate table and parsed on decoding
/// exactly as a direct read parses it (each distinct text once), so the prices are the same values.
///
/// Layout (little-endian): magic `RCE3`, string count, each string as byte length + UTF-8 bytes,
/// rate count, then per rate one `UInt32` string index per ``Rate/Column`` (in that order, the
/// price as its stored text; a nil model is ``EngineRatePayload/none``), then the
/// caller's layout words (count, then `Int32` each: the offer book's layout, opaque here);
/// last, a 64-bit checksum of everything before it (``checksum(_:)``), so a damaged payload is
/// refused rather than misread.
public enum EngineRatePayload {
  static let magic: [UInt8] = Array("RCE3".utf8)
  static let none = UInt32.max
  /// String indices per rate.
  static let fields = Rate.Column.allCases.count

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
      for column in Rate.Column.allCases {
        put32(r.text(column, priceText: price).map { ref($0, column.rawValue) } ?? none)
      }
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

  /// ``decode(_:)-(Data)`` over bytes in place (SQLite's buffer for the blob). Large payloads are
  /// decoded in two halves on two threads (the string table, then the rates: each rate's record
  /// has a fixed size, so each half knows where it starts); the result is the same either way.
  public static func decode(_ all: UnsafeRawBufferPointer) -> (rates: [Rate], layout: [Int32])? {
    let digestSize = checksumSize
    guard all.count >= digestSize else { return nil }
    let raw = UnsafeRawBufferPointer(rebasing: all[..<(all.count - digestSize)])
    guard checksumBytes(raw).elementsEqual(all[(all.count - digestSize)...]) else { return nil }
    var reader = Reader(bytes: raw)
    guard let head = reader.bytes(4), head.elementsEqual(magic) else { return nil }
    guard let stringCount = reader.u32(), Int(stringCount) <= raw.count else { return nil }
    // Where each string's bytes are (bounds checked here), then the strings made in parallel.
    var spans: [Range<Int>] = []
    spans.reserveCapacity(Int(stringCount))
    for _ in 0..<stringCount {
      guard let n = reader.u32() else { return nil }
      let from = reader.offset
      guard reader.bytes(Int(n)) != nil else { return nil }
      spans.append(from..<from + Int(n))
    }
    let source = Shared(raw)
    let stringSpans = spans
    let strings = [String](unsafeUninitializedCapacity: spans.count) { buffer, count in
      let target = Shared(buffer)
      forEachPart(spans.count) { range in
        for i in range {
          let bytes = UnsafeRawBufferPointer(rebasing: source.value[stringSpans[i]])
          (target.value.baseAddress! + i).initialize(to: String(decoding: bytes, as: UTF8.self))
        }
      }
      count = spans.count
    }
    guard let rateCount = reader.u32(), Int(rateCount) <= (raw.count - reader.offset) / (4 * fields) else { return nil }
    let recordsStart = reader.offset
    guard let rates = decodeRates(raw, from: recordsStart, count: Int(rateCount), strings: strings) else { return nil }
    _ = reader.bytes(Int(rateCount) * 4 * fields)
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

  /// Payloads with fewer items than this are decoded on the calling thread alone.
  static let parallelThreshold = 2048

  /// Runs `body` over `0..<count` cut into one or two contiguous parts, the parts on two threads
  /// when `count` reaches ``parallelThreshold``.
  static func forEachPart(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    guard count >= parallelThreshold else { return body(0..<count) }
    let half = count / 2
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      body(part == 0 ? 0..<half : half..<count)
    }
  }

  /// The `count` rate records starting at byte `from` of `raw`, in order; nil when one does not
  /// decode (an index outside the string table, a value no vocabulary has).
  static func decodeRates(_ raw: UnsafeRawBufferPointer, from: Int, count: Int, strings: [String]) -> [Rate]? {
    let recordSize = 4 * fields
    // Per part: how many rates from its start were made, and whether one failed (which stops it).
    let made = Shared(UnsafeMutableBufferPointer<Int>.allocate(capacity: 2))
    let failed = Shared(UnsafeMutableBufferPointer<Bool>.allocate(capacity: 2))
    made.value.initialize(repeating: 0)
    failed.value.initialize(repeating: false)
    defer {
      made.value.deallocate()
      failed.value.deallocate()
    }
    let source = Shared(raw)
    let rates = [Rate](unsafeUninitializedCapacity: count) { buffer, initialized in
      let target = Shared(buffer)
      forEachPart(count) { range in
        let part = range.lowerBound == 0 ? 0 : 1
        var decoder = RateDecoder(strings: strings)
        for i in range {
          guard let rate = decoder.rate(UnsafeRawBufferPointer(rebasing: source.value[(from + i * recordSize)...])) else {
            failed.value[part] = true
            return
          }
          (target.value.baseAddress! + i).initialize(to: rate)
          made.value[part] += 1
        }
      }
      if failed.value.contains(true) {
        // Undo what was made: the first part from 0, the second from its start.
        let secondStart = count >= parallelThreshold ? count / 2 : count
        if made.value[0] > 0 { buffer.baseAddress!.deinitialize(count: made.value[0]) }
        if made.value[1] > 0 { (buffer.baseAddress! + secondStart).deinitialize(count: made.value[1]) }
        initialized = 0
      } else {
        initialized = count
      }
    }
    return failed.value.contains(true) ? nil : rates
  }

  /// Makes rates from records, each vocabulary value and price parsed once per distinct string
  /// (the engine's warm load decodes every rate of the payload, so this is its hot path).
  struct RateDecoder {
    let strings: [String]
    var prices: [UInt32: Decimal] = [:]
    var providers: [Provider?]
    var scopes: [Scope?]
    var tiers: [Tier?]
    var meters: [Meter?]
    var commitments: [Commitment?]

    init(strings: [String]) {
      self.strings = strings
      providers = Array(repeating: nil, count: strings.count)
      scopes = Array(repeating: nil, count: strings.count)
      tiers = Array(repeating: nil, count: strings.count)
      meters = Array(repeating: nil, count: strings.count)
      commitments = Array(repeating: nil, count: strings.count)
    }

    /// The rate of the record at the start of `record` (at least `fields` words, checked by the
    /// caller); nil when an index is outside the string table or a value does not read.
    mutating func rate(_ record: UnsafeRawBufferPointer) -> Rate? {
      func ref(_ c: Rate.Column) -> UInt32 {
        UInt32(littleEndian: record.loadUnaligned(fromByteOffset: 4 * c.rawValue, as: UInt32.self))
      }
      let strings = self.strings
      func text(_ c: Rate.Column) -> String? {
        let v = Int(ref(c))
        return v < strings.count ? strings[v] : nil
      }
      func value<T>(_ c: Rate.Column, _ cache: inout [T?], _ parse: (String) -> T?) -> T? {
        let v = Int(ref(c))
        guard v < strings.count else { return nil }
        if let known = cache[v] { return known }
        let parsed = parse(strings[v])
        cache[v] = parsed
        return parsed
      }
      let model: String?
      if ref(.model) == none {
        model = nil
      } else {
        guard let m = text(.model) else { return nil }
        model = m
      }
      guard let provider = value(.provider, &providers, Provider.init(rawValue:)),
        let service = text(.service), let rateKey = text(.rateKey), let sku = text(.sku),
        let sheetKey = text(.sheetKey), let sheetModel = text(.sheetModel), let region = text(.region),
        let scope = value(.scope, &scopes, Scope.init(rawValue:)),
        let tier = value(.tier, &tiers, Tier.init(rawValue:)),
        let meter = value(.meter, &meters, Meter.init(rawValue:)), let variant = text(.variant),
        let commitment = value(.commitment, &commitments, Commitment.init(rawValue:)),
        let sheetUnit = text(.sheetUnit), let sheetPrice = text(.sheetPrice), let unit = text(.unit),
        let priceText = text(.price), let currency = text(.currency), let effectiveFrom = text(.effectiveFrom)
      else { return nil }
      let price: Decimal
      if let known = prices[ref(.price)] {
        price = known
      } else {
        guard let parsed = ExactDecimal.parse(priceText) else { return nil }
        price = parsed
        prices[ref(.price)] = price
      }
      return Rate(
        provider: provider, service: service, rateKey: rateKey, sku: sku, sheetKey: sheetKey,
        sheetModel: sheetModel, model: model, region: region, scope: scope, tier: tier, meter: meter,
        variant: variant, commitment: commitment, sheetUnit: sheetUnit, sheetPrice: sheetPrice,
        unit: unit, price: price, currency: currency, effectiveFrom: effectiveFrom)
    }
  }

  /// A pointer handed to the other decoding thread; each thread writes only its own part.
  struct Shared<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
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
