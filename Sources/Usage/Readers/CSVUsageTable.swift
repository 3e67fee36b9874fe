import Foundation
import Pricing

/// A CSV export's header, and typed reads of a record's cells that fail with the file, line and
/// column. Shared by the CSV readers; each reader names its own columns.
struct CSVUsageTable {
  let uri: String
  let format: UsageFormat
  private var index: [String: Int] = [:]
  private(set) var width = 0

  init(uri: String, format: UsageFormat) {
    self.uri = uri
    self.format = format
  }

  /// Reads the header record.
  mutating func header(_ record: CSVRecord) {
    width = record.count
    for i in 0..<record.count {
      let name = record.string(i).trimmingCharacters(in: .whitespaces)
      if index[name] == nil { index[name] = i }
    }
  }

  /// The index of a column the format requires.
  func required(_ name: String) throws -> Int {
    guard let i = index[name] else {
      throw UsageError.missingColumn(file: uri, column: name, format: format.title)
    }
    return i
  }

  /// The index of a column that may be absent.
  func optional(_ name: String) -> Int? { index[name] }

  /// Checks the record has the header's width (blank lines are skipped by the caller).
  func checkWidth(_ record: CSVRecord) throws {
    guard record.count == width else {
      throw UsageError.malformed(
        file: uri, line: record.line, column: nil,
        reason: "\(record.count) fields where the header has \(width) (a short or cut row)")
    }
  }

  func error(_ record: CSVRecord, _ column: String, _ reason: String) -> UsageError {
    .malformed(file: uri, line: record.line, column: column, reason: reason)
  }

  /// An exact decimal cell; nil when empty.
  func decimal(_ record: CSVRecord, _ i: Int?, _ column: String) throws -> ExactValue? {
    guard let i else { return nil }
    guard let parsed = record.decimal(i) else {
      throw error(record, column, "'\(record.string(i).prefix(40))' is not a decimal number")
    }
    guard let value = parsed else { return nil }
    guard value.magnitudeIsBelow(powerOfTen: Self.maximumAmountDigits) else {
      throw error(record, column, "\(record.string(i).prefix(40)) is too large to be a real amount")
    }
    return value
  }

  /// An exact decimal cell that must be present.
  func requiredDecimal(_ record: CSVRecord, _ i: Int, _ column: String) throws -> ExactValue {
    guard let value = try decimal(record, i, column) else {
      throw error(record, column, "the cell is empty; a number is required")
    }
    return value
  }

  /// A quantity that must not be negative on a usage line.
  func quantity(_ record: CSVRecord, _ i: Int?, _ column: String, allowNegative: Bool) throws -> ExactValue? {
    guard let value = try decimal(record, i, column) else { return nil }
    if value.isNegative, !allowNegative {
      throw error(record, column, "negative quantity \(record.string(i!)) on a usage line")
    }
    return value
  }

  /// `quantity x block` (a line's tokens), or the error that it does not fit 38 digits.
  func tokens(_ record: CSVRecord, _ quantity: ExactValue, _ block: ExactValue, _ column: String) throws
    -> ExactValue
  {
    guard let t = TokenUnits.tokens(quantity, block) else {
      throw error(record, column, "the quantity in tokens (x \(block.decimal)) does not fit 38 digits")
    }
    return t
  }

  /// A date cell as `YYYY-MM-DD`, from ISO 8601 (`2026-10-01`, `2026-10-01T00:00:00Z`,
  /// `2026-10-01 00:00:00`) or, with `usFormat`, `MM/DD/YYYY`.
  func date(_ record: CSVRecord, _ i: Int, _ column: String, usFormat: Bool = false) throws -> String {
    let text = record.string(i)
    guard let day = UsageDates.day(text, usFormat: usFormat) else {
      let expected = usFormat ? "MM/DD/YYYY" : "YYYY-MM-DD"
      throw error(record, column, "'\(text.prefix(40))' is not a date (\(expected))")
    }
    return day
  }

  /// A currency code cell (three letters).
  func currency(_ record: CSVRecord, _ i: Int, _ column: String) throws -> String {
    let text = record.string(i).trimmingCharacters(in: .whitespaces).uppercased()
    guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) else {
      throw error(record, column, "'\(text.prefix(40))' is not a currency code")
    }
    return text
  }

  /// Amounts of 10^this or more are treated as corrupt input.
  static let maximumAmountDigits = 15
}

/// Dates of usage exports.
enum UsageDates {
  /// `YYYY-MM-DD` from an ISO 8601 date or date-time, or from `MM/DD/YYYY` when `usFormat`.
  static func day(_ text: String, usFormat: Bool) -> String? {
    let b = Array(text.utf8)
    func digits(_ r: Range<Int>) -> Int? {
      guard r.upperBound <= b.count else { return nil }
      var v = 0
      for k in r {
        guard b[k] >= 48, b[k] <= 57 else { return nil }
        v = v * 10 + Int(b[k] - 48)
      }
      return v
    }
    let y: Int
    let m: Int
    let d: Int
    if usFormat {
      guard b.count >= 10, b[2] == UInt8(ascii: "/"), b[5] == UInt8(ascii: "/"),
        let mm = digits(0..<2), let dd = digits(3..<5), let yy = digits(6..<10)
      else { return nil }
      guard b.count == 10 || b[10] == UInt8(ascii: " ") else { return nil }
      (y, m, d) = (yy, mm, dd)
    } else {
      guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
        let yy = digits(0..<4), let mm = digits(5..<7), let dd = digits(8..<10)
      else { return nil }
      guard b.count == 10 || b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") else { return nil }
      (y, m, d) = (yy, mm, dd)
    }
    guard y >= 1970, y <= 2999, m >= 1, m <= 12, d >= 1, d <= daysIn(m, y) else { return nil }
    if !usFormat { return String(decoding: b[0..<10], as: UTF8.self) }
    return String(decoding: b[6..<10] + [UInt8(ascii: "-")] + b[0..<2] + [UInt8(ascii: "-")] + b[3..<5], as: UTF8.self)
  }

  static func daysIn(_ m: Int, _ y: Int) -> Int {
    switch m {
    case 2: (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// The rules every line of one export must keep with the others: one currency, one month.
struct FileConsistency: Sendable {
  let uri: String
  private(set) var currency: String?
  private(set) var month: String?
  /// Where the first currency and month were read (for a check across parts of a file).
  private(set) var currencyColumn = ""
  private(set) var currencyLine = 0
  private(set) var monthColumn = ""
  private(set) var monthLine = 0

  init(uri: String) { self.uri = uri }

  mutating func check(currency code: String, line: Int, column: String) throws {
    guard !code.isEmpty else { return }
    if let currency, currency != code {
      throw UsageError.mixedCurrencies(file: uri, line: line, column: column, first: currency, found: code)
    }
    if currency == nil { (currencyColumn, currencyLine) = (column, line) }
    currency = code
  }

  mutating func check(day: String, line: Int, column: String) throws {
    let m = String(day.prefix(7))
    if let month, month != m {
      throw UsageError.notOneMonth(file: uri, line: line, column: column, first: month, found: m)
    }
    if month == nil { (monthColumn, monthLine) = (column, line) }
    month = m
  }

  /// Checks a later part of the same file (read apart, its lines shifted by `shift`) against this one.
  func check(later: FileConsistency, shift: Int) throws {
    if let month, let m = later.month, m != month {
      throw UsageError.notOneMonth(
        file: uri, line: later.monthLine + shift, column: later.monthColumn, first: month, found: m)
    }
    if let currency, let c = later.currency, c != currency {
      throw UsageError.mixedCurrencies(
        file: uri, line: later.currencyLine + shift, column: later.currencyColumn, first: currency, found: c)
    }
  }
}

/// Token units as the exports write them.
enum TokenUnits {
  /// Tokens per pricing unit for a unit text such as `1K tokens`, `1M Tokens`, `1K`, `1M`,
  /// `1000 Tokens`, `tokens`; nil when the text is not a token unit (or, with `requireWord`
  /// false, not a plain block size).
  static func blockSize(_ unit: String, requireWord: Bool = true) -> ExactValue? {
    var text = unit.trimmingCharacters(in: .whitespaces).lowercased()
    if let word = UsageRules.tokenUnitWords.first(where: { text.hasSuffix($0) }) {
      text = String(text.dropLast(word.count)).trimmingCharacters(in: .whitespaces)
    } else if requireWord {
      return nil
    }
    if text.isEmpty { return ExactValue(coefficient: 1, scale: 0) }
    var multiplier = 1
    if let m = UsageRules.tokenUnitMultipliers.first(where: { text.hasSuffix($0.letter) }) {
      multiplier = m.factor
      text.removeLast(m.letter.count)
    }
    guard !text.isEmpty, text.count <= UsageRules.maxBlockDigits, text.allSatisfy({ $0.isASCII && $0.isNumber }),
      let n = Int(text), n > 0
    else {
      return nil
    }
    return ExactValue(coefficient: Int128(n) * Int128(multiplier), scale: 0).trimmed
  }

  /// `quantity x block`; nil when the product does not fit 128 bits.
  static func tokens(_ quantity: ExactValue, _ block: ExactValue) -> ExactValue? {
    quantity * block
  }

  /// Tokens per unit from a line description's third `|` field (``blockSize(words:)``).
  static func blockSize(description: String) -> ExactValue? {
    let parts = description.split(separator: "|", omittingEmptySubsequences: false)
    let field = UsageRules.descriptionUnitField
    return parts.count > field ? blockSize(words: String(parts[field])) : nil
  }

  /// Tokens per unit from a description's words (`Million Input Tokens Global`,
  /// `Thousand Output Tokens`); nil when the words name no tokens.
  static func blockSize(words: String) -> ExactValue? {
    let lower = words.lowercased()
    guard lower.contains(UsageRules.descriptionTokenWord) else { return nil }
    if let b = UsageRules.descriptionBlocks.first(where: { lower.contains($0.word) }) {
      return ExactValue(coefficient: Int128(b.factor), scale: 0).trimmed
    }
    return ExactValue(coefficient: 1, scale: 0)
  }
}

/// The part of a line a reader reads once per distinct text of its key columns: the line
/// without its amounts, and the reader's rule for reading the amounts.
struct LineTemplate<Rule> {
  var line: UsageLine
  var rule: Rule
}

/// What every CSV usage reader does around its own columns: the first record is the header, from
/// which `columns` finds the reader's columns; an empty line is skipped; every other record is
/// checked for its width. A line is read in two parts: `template` reads everything but the
/// amounts (day, currency, account, tags, SKU, kind of charge ...) from the reader's `keys`
/// columns only (it sees the other fields as empty), once per distinct text of those columns;
/// `amounts` reads the amount columns of every line by the template's rule. Each line goes to
/// `emit` with its template's id (``UsageLine/template``), so lines of one template are grouped
/// without reading their text again. The one-month, one-currency checks run in `template`: a
/// line whose key text was seen before cannot break them. A file without a header is
/// `UsageError.empty`.
enum CSVUsageFile {
  static func read<Columns, Rule>(
    _ input: UsageInput, format: UsageFormat, columns: (CSVUsageTable) throws -> Columns,
    keys: (Columns) -> [Int?],
    template: (CSVRecord, Columns, CSVUsageTable, inout UsageFileFacts, inout FileConsistency) throws
      -> LineTemplate<Rule>,
    amounts: (CSVRecord, Columns, CSVUsageTable, LineTemplate<Rule>) throws -> UsageAmounts,
    emit: (UsageLine) throws -> Void
  ) throws -> UsageFileFacts {
    var stream = CSVStream(input: input)
    var table = CSVUsageTable(uri: input.uri, format: format)
    var consistency = FileConsistency(uri: input.uri)
    var facts = UsageFileFacts()
    var found: (columns: Columns, keys: [Int])?
    var memo = LineKeyTable()
    var templates: [LineTemplate<Rule>] = []
    var firstId = 0
    var key: [UInt8] = []
    try stream.forEachRecord { record in
      guard let (c, keyColumns) = found else {
        table.header(record)
        let c = try columns(table)
        found = (c, keys(c).compactMap { $0 })
        return
      }
      if record.count == 1, record.isEmpty(0) { return }
      try table.checkWidth(record)
      key.removeAll(keepingCapacity: true)
      record.appendKey(keyColumns, to: &key)
      let index: Int
      switch memo.find(key) {
      case .found(let i):
        index = i
      case .missing(let position):
        var made = try template(record.keeping(keyColumns), c, table, &facts, &consistency)
        if templates.count >= LineKeyTable.limit || memo.bytes >= LineKeyTable.byteLimit {
          // Flat memory: start again (ids keep growing, so the aggregator never mixes them up).
          firstId += templates.count
          templates.removeAll(keepingCapacity: true)
          memo = LineKeyTable()
          memo.insert(key, value: 0, at: memo.find(key).position)
        } else {
          memo.insert(key, value: templates.count, at: position)
        }
        made.line.template = firstId + templates.count
        templates.append(made)
        index = templates.count - 1
      }
      let t = templates[index]
      let a = try amounts(record, c, table, t)
      var line = t.line
      line.line = record.line
      line.amounts = a
      try emit(line)
    }
    if found == nil { throw UsageError.empty(file: input.uri) }
    facts.consistency = consistency
    facts.lines = stream.line - 1
    return facts
  }
}

/// Byte strings (a line's key columns) to small integers: open addressing over one byte arena.
struct LineKeyTable {
  /// Distinct keys, and bytes of keys, kept before the table starts again (memory stays flat).
  static let limit = 1 << 16
  static let byteLimit = 8 << 20

  enum Lookup {
    case found(Int)
    case missing(Int)

    var position: Int {
      switch self {
      case .found(let p), .missing(let p): p
      }
    }
  }

  private struct Entry {
    var hash: UInt64 = 0
    var start = 0
    var count = 0
    var value = -1
  }

  private var arena: [UInt8] = []
  private var entries = [Entry](repeating: Entry(), count: 256)
  private var used = 0

  /// The bytes of the keys held.
  var bytes: Int { arena.count }

  /// The value stored for `key`, or the slot where it goes.
  func find(_ key: [UInt8]) -> Lookup {
    let h = Self.hash(key)
    let mask = entries.count - 1
    var p = Int(truncatingIfNeeded: h) & mask
    return key.withUnsafeBufferPointer { k in
      arena.withUnsafeBufferPointer { a in
        while true {
          let e = entries[p]
          if e.value < 0 { return .missing(p) }
          if e.hash == h, e.count == k.count,
            memcmp(a.baseAddress! + e.start, k.baseAddress!, k.count) == 0
          {
            return .found(e.value)
          }
          p = (p + 1) & mask
        }
      }
    }
  }

  /// Stores `value` for `key` at the slot ``find(_:)`` returned.
  mutating func insert(_ key: [UInt8], value: Int, at position: Int) {
    entries[position] = Entry(hash: Self.hash(key), start: arena.count, count: key.count, value: value)
    arena.append(contentsOf: key)
    used += 1
    guard used * 2 > entries.count else { return }
    let old = entries
    entries = [Entry](repeating: Entry(), count: old.count * 2)
    let mask = entries.count - 1
    for e in old where e.value >= 0 {
      var p = Int(truncatingIfNeeded: e.hash) & mask
      while entries[p].value >= 0 { p = (p + 1) & mask }
      entries[p] = e
    }
  }

  /// A fast 64-bit hash of the bytes (eight at a time).
  static func hash(_ key: [UInt8]) -> UInt64 {
    key.withUnsafeBytes { b in
      var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(b.count)
      var i = 0
      while i + 8 <= b.count {
        h = (h ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        i += 8
      }
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < b.count {
        tail |= UInt64(b[i]) << shift
        shift += 8
        i += 1
      }
      h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
      return h ^ (h >> 32)
    }
  }
}
