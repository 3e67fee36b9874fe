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
  public static func decode(_ data: Data) -> (records: Records, layout: [Int32])? {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 8)
    data.withUnsafeBytes { buffer.copyMemory(from: $0) }
    return decode(owning: buffer)
  }

  /// ``decode(_:)-(Data)`` over a payload in `buffer`, which the records keep from now on (it is
  /// freed with them, or here when it does not decode). Every record is checked here (string
  /// indices inside the table, vocabulary values and prices that read), so each rate the records
  /// make later is one the payload holds.
  public static func decode(owning buffer: UnsafeMutableRawBufferPointer) -> (records: Records, layout: [Int32])? {
    guard let decoded = read(UnsafeRawBufferPointer(buffer)) else {
      buffer.deallocate()
      return nil
    }
    guard let records = Records(owning: buffer, decoded.strings, recordsStart: decoded.recordsStart, count: decoded.count)
    else { return nil }
    return (records, decoded.layout)
  }

  /// The string table's spans, where the records start and how many, and the layout words; nil
  /// when the checksum or the structure is wrong.
  static func read(_ all: UnsafeRawBufferPointer) -> (
    strings: StringSpans, recordsStart: Int, count: Int, layout: [Int32]
  )? {
    let digestSize = checksumSize
    guard all.count >= digestSize else { return nil }
    let raw = UnsafeRawBufferPointer(rebasing: all[..<(all.count - digestSize)])
    guard checksumBytes(raw).elementsEqual(all[(all.count - digestSize)...]) else { return nil }
    var reader = Reader(bytes: raw)
    guard let head = reader.bytes(4), head.elementsEqual(magic) else { return nil }
    guard let stringCount = reader.u32(), Int(stringCount) <= raw.count else { return nil }
    var strings = StringSpans(starts: [], lengths: [])
    strings.starts.reserveCapacity(Int(stringCount))
    strings.lengths.reserveCapacity(Int(stringCount))
    for _ in 0..<stringCount {
      guard let n = reader.u32() else { return nil }
      guard let start = UInt32(exactly: reader.offset) else { return nil }
      strings.starts.append(start)
      strings.lengths.append(n)
      guard reader.bytes(Int(n)) != nil else { return nil }
    }
    guard let rateCount = reader.u32(), Int(rateCount) <= (raw.count - reader.offset) / (4 * fields) else { return nil }
    let recordsStart = reader.offset
    _ = reader.bytes(Int(rateCount) * 4 * fields)
    guard let wordCount = reader.u32(), Int(wordCount) <= raw.count / 4 else { return nil }
    var layout: [Int32] = []
    layout.reserveCapacity(Int(wordCount))
    for _ in 0..<wordCount {
      guard let w = reader.u32() else { return nil }
      layout.append(Int32(bitPattern: w))
    }
    guard reader.offset == raw.count else { return nil }
    return (strings, recordsStart, Int(rateCount), layout)
  }

  /// Where each string of the table is in the payload, and its length in bytes.
  struct StringSpans {
    var starts: [UInt32]
    var lengths: [UInt32]
  }

  /// The rates of a payload, kept encoded: the vocabulary values and prices of every rate and the
  /// texts of the columns with few distinct values are read once, when the payload is checked;
  /// the rate key and SKU (one distinct text per rate) are read from the bytes only when a rate
  /// is made. Immutable once made, so shared by the threads that evaluate profiles.
  public final class Records: RateRecords, @unchecked Sendable {
    /// The payload (checksum included), owned.
    let buffer: UnsafeMutableRawBufferPointer
    let strings: StringSpans
    /// The first record's address in `buffer`.
    let records: UnsafeRawPointer
    public let count: Int
    /// Per string of the table: its text when one of ``textColumns`` uses it (made once), else "".
    let texts: [String]
    /// Per rate, the values that are not texts.
    let providers: [Provider]
    let scopes: [Scope]
    let tiers: [Tier]
    let meters: [Meter]
    let commitments: [Commitment]
    let prices: [Decimal]

    /// The columns whose texts are made when the payload is checked.
    static let textColumns: [Int] = [
      .service, .sheetKey, .sheetModel, .model, .region, .variant, .sheetUnit, .sheetPrice, .unit, .currency,
      .effectiveFrom,
    ].map { (c: Rate.Column) in c.rawValue }

    /// Nil (the buffer freed) when a record does not read: an index outside the string table
    /// (NULL only for the model), a value no vocabulary has, a price that does not parse.
    init?(owning buffer: UnsafeMutableRawBufferPointer, _ strings: StringSpans, recordsStart: Int, count: Int) {
      self.buffer = buffer
      self.strings = strings
      self.count = count
      let base = UnsafeRawPointer(buffer.baseAddress!)
      records = base + recordsStart
      let n = strings.starts.count
      func string(_ i: Int) -> String {
        String(
          decoding: UnsafeRawBufferPointer(start: base + Int(strings.starts[i]), count: Int(strings.lengths[i])),
          as: UTF8.self)
      }
      var texts = [String](repeating: "", count: n)
      var made = [Bool](repeating: false, count: n)
      // Per string: its value once read as a vocabulary value or a price (nil: not read yet).
      var providerOf = [Provider?](repeating: nil, count: n)
      var scopeOf = [Scope?](repeating: nil, count: n)
      var tierOf = [Tier?](repeating: nil, count: n)
      var meterOf = [Meter?](repeating: nil, count: n)
      var commitmentOf = [Commitment?](repeating: nil, count: n)
      var priceSlot = [Int32](repeating: -1, count: n)
      var priceValues: [Decimal] = []
      var providers: [Provider] = []
      var scopes: [Scope] = []
      var tiers: [Tier] = []
      var meters: [Meter] = []
      var commitments: [Commitment] = []
      var prices: [Decimal] = []
      providers.reserveCapacity(count)
      scopes.reserveCapacity(count)
      tiers.reserveCapacity(count)
      meters.reserveCapacity(count)
      commitments.reserveCapacity(count)
      prices.reserveCapacity(count)
      let model = Rate.Column.model.rawValue
      let textColumns = Self.textColumns
      var ok = true
      scan: for k in 0..<count {
        let record = records + k * 4 * fields
        func word(_ c: Int) -> Int { Int(UInt32(littleEndian: record.loadUnaligned(fromByteOffset: 4 * c, as: UInt32.self))) }
        for c in 0..<fields {
          let w = word(c)
          guard w < n || (c == model && w == Int(none)) else {
            ok = false
            break scan
          }
        }
        for c in textColumns {
          let i = word(c)
          if i < n, !made[i] {
            texts[i] = string(i)
            made[i] = true
          }
        }
        func value<T>(_ c: Rate.Column, _ memo: inout [T?], _ parse: (String) -> T?) -> T? {
          let i = word(c.rawValue)
          if let known = memo[i] { return known }
          memo[i] = parse(string(i))
          return memo[i]
        }
        guard let provider = value(.provider, &providerOf, Provider.init(rawValue:)),
          let scope = value(.scope, &scopeOf, Scope.init(rawValue:)),
          let tier = value(.tier, &tierOf, Tier.init(rawValue:)),
          let meter = value(.meter, &meterOf, Meter.init(rawValue:)),
          let commitment = value(.commitment, &commitmentOf, Commitment.init(rawValue:))
        else {
          ok = false
          break scan
        }
        let p = word(Rate.Column.price.rawValue)
        if priceSlot[p] < 0 {
          guard let v = ExactDecimal.parse(string(p)) else {
            ok = false
            break scan
          }
          priceSlot[p] = Int32(priceValues.count)
          priceValues.append(v)
        }
        providers.append(provider)
        scopes.append(scope)
        tiers.append(tier)
        meters.append(meter)
        commitments.append(commitment)
        prices.append(priceValues[Int(priceSlot[p])])
      }
      self.texts = texts
      self.providers = providers
      self.scopes = scopes
      self.tiers = tiers
      self.meters = meters
      self.commitments = commitments
      self.prices = prices
      guard ok else {
        // deinit frees the buffer.
        return nil
      }
    }

    deinit { buffer.deallocate() }

    /// The string index in column `c` of rate `i` (``EngineRatePayload/none`` for no model).
    @inline(__always) func ref(_ i: Int, _ c: Rate.Column) -> Int {
      precondition(i >= 0 && i < count, "rate \(i) of \(count)")
      return Int(UInt32(littleEndian: records.loadUnaligned(fromByteOffset: 4 * (i * fields + c.rawValue), as: UInt32.self)))
    }

    /// Column `c` of rate `i`, a column whose texts were made when the payload was checked.
    @inline(__always) func text(_ i: Int, _ c: Rate.Column) -> String { texts[ref(i, c)] }

    /// Column `c` of rate `i` read from the bytes (the rate key and SKU).
    func decoded(_ i: Int, _ c: Rate.Column) -> String {
      let s = ref(i, c)
      return String(
        decoding: UnsafeRawBufferPointer(
          start: UnsafeRawPointer(buffer.baseAddress!) + Int(strings.starts[s]), count: Int(strings.lengths[s])),
        as: UTF8.self)
    }

    public func price(at i: Int) -> Decimal { prices[i] }

    public func head(at i: Int) -> RateHead {
      let m = ref(i, .model)
      return RateHead(
        provider: providers[i], scope: scopes[i], service: text(i, .service), sheetKey: text(i, .sheetKey),
        sheetModel: text(i, .sheetModel), model: m == Int(none) ? nil : texts[m], region: text(i, .region),
        currency: text(i, .currency))
    }

    public func rate(at i: Int) -> Rate {
      let m = ref(i, .model)
      return Rate(
        provider: providers[i], service: text(i, .service), rateKey: decoded(i, .rateKey), sku: decoded(i, .sku),
        sheetKey: text(i, .sheetKey), sheetModel: text(i, .sheetModel), model: m == Int(none) ? nil : texts[m],
        region: text(i, .region), scope: scopes[i], tier: tiers[i], meter: meters[i], variant: text(i, .variant),
        commitment: commitments[i], sheetUnit: text(i, .sheetUnit), sheetPrice: text(i, .sheetPrice),
        unit: text(i, .unit), price: prices[i], currency: text(i, .currency), effectiveFrom: text(i, .effectiveFrom))
    }
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
