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
  func decimal(_ record: CSVRecord, _ i: Int?, _ column: String) throws -> Decimal? {
    guard let i else { return nil }
    guard let parsed = record.decimalChecked(i) else {
      throw error(record, column, "'\(record.string(i).prefix(40))' is not a decimal number")
    }
    guard let (value, inRange) = parsed else { return nil }
    guard inRange || abs(value) < Self.maximumAmount else {
      throw error(record, column, "\(record.string(i).prefix(40)) is too large to be a real amount")
    }
    return value
  }

  /// An exact decimal cell that must be present.
  func requiredDecimal(_ record: CSVRecord, _ i: Int, _ column: String) throws -> Decimal {
    guard let value = try decimal(record, i, column) else {
      throw error(record, column, "the cell is empty; a number is required")
    }
    return value
  }

  /// A quantity that must not be negative on a usage line.
  func quantity(_ record: CSVRecord, _ i: Int?, _ column: String, allowNegative: Bool) throws -> Decimal? {
    guard let value = try decimal(record, i, column) else { return nil }
    if value < 0, !allowNegative {
      throw error(record, column, "negative quantity \(record.string(i!)) on a usage line")
    }
    return value
  }

  /// Dates and currency codes already read (an export repeats a few dozen).
  private var days: [String: String] = [:]
  private var currencies: Set<String> = []
  /// The strings of the columns' repeated values.
  var pool = StringPool()

  /// A date cell as `YYYY-MM-DD` (see ``date(_:_:_:usFormat:)``), remembered by its text.
  mutating func day(_ record: CSVRecord, _ i: Int, _ column: String, usFormat: Bool = false) throws -> String {
    let text = record.interned(i, &pool)
    if let d = days[text] { return d }
    let d = try date(record, i, column, usFormat: usFormat)
    if days.count < 10_000 { days[text] = d }
    return d
  }

  /// A currency code cell, remembered once valid.
  mutating func currencyCode(_ record: CSVRecord, _ i: Int, _ column: String) throws -> String {
    let text = record.interned(i, &pool)
    if currencies.contains(text) { return text }
    let code = try currency(record, i, column)
    if code == text, currencies.count < 100 { currencies.insert(code) }
    return code
  }

  private var blocks: [String: Decimal?] = [:]

  /// Tokens per pricing unit of a unit text (``TokenUnits/blockSize(_:requireWord:)``), remembered.
  mutating func tokenBlock(_ unit: String, requireWord: Bool = true) -> Decimal? {
    let key = requireWord ? unit : "\u{0}" + unit
    if let b = blocks[key] { return b }
    let b = TokenUnits.blockSize(unit, requireWord: requireWord)
    if blocks.count < 1000 { blocks[key] = b }
    return b
  }

  private var wordBlocks: [String: Decimal?] = [:]

  /// Tokens per unit from a description's third `|` field (``TokenUnits/blockSize(words:)``), remembered.
  mutating func tokenBlock(description: String) -> Decimal? {
    if let b = wordBlocks[description] { return b }
    let parts = description.split(separator: "|", omittingEmptySubsequences: false)
    let field = UsageRules.descriptionUnitField
    let b = parts.count > field ? TokenUnits.blockSize(words: String(parts[field])) : nil
    if wordBlocks.count < 10_000 { wordBlocks[description] = b }
    return b
  }

  /// A text cell, as a shared string.
  mutating func text(_ record: CSVRecord, _ i: Int) -> String { record.interned(i, &pool) }

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

  /// Amounts above this are treated as corrupt input.
  static let maximumAmount = Decimal(string: "1000000000000000")!
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
  static func blockSize(_ unit: String, requireWord: Bool = true) -> Decimal? {
    var text = unit.trimmingCharacters(in: .whitespaces).lowercased()
    if let word = UsageRules.tokenUnitWords.first(where: { text.hasSuffix($0) }) {
      text = String(text.dropLast(word.count)).trimmingCharacters(in: .whitespaces)
    } else if requireWord {
      return nil
    }
    if text.isEmpty { return 1 }
    var multiplier: Decimal = 1
    if let m = UsageRules.tokenUnitMultipliers.first(where: { text.hasSuffix($0.letter) }) {
      multiplier = Decimal(m.factor)
      text.removeLast(m.letter.count)
    }
    guard !text.isEmpty, text.count <= UsageRules.maxBlockDigits, text.allSatisfy({ $0.isASCII && $0.isNumber }),
      let n = Int(text), n > 0
    else {
      return nil
    }
    return Decimal(n) * multiplier
  }

  /// `quantity x block`; a block of 1, 1,000 or 1,000,000 shifts the exponent instead of multiplying.
  static func tokens(_ quantity: Decimal, _ block: Decimal) -> Decimal {
    let shift: Int
    switch block {
    case 1: return quantity
    case 1000: shift = 3
    case 1_000_000: shift = 6
    default: return quantity * block
    }
    guard quantity.exponent + shift <= 100 else { return quantity * block }
    return Decimal(sign: quantity.sign, exponent: quantity.exponent + shift, significand: quantity.significand)
  }

  /// Tokens per unit from a description's words (`Million Input Tokens Global`,
  /// `Thousand Output Tokens`); nil when the words name no tokens.
  static func blockSize(words: String) -> Decimal? {
    let lower = words.lowercased()
    guard lower.contains(UsageRules.descriptionTokenWord) else { return nil }
    if let b = UsageRules.descriptionBlocks.first(where: { lower.contains($0.word) }) { return Decimal(b.factor) }
    return 1
  }
}

/// What every CSV usage reader does around its own columns: the first record is the header, from
/// which `columns` finds the reader's columns; an empty line is skipped; every other record is
/// checked for its width and given to `row` with the columns, the table, the file's facts and its
/// consistency (one month, one currency). A file without a header is `UsageError.empty`.
enum CSVUsageFile {
  static func read<Columns>(
    _ input: UsageInput, format: UsageFormat, columns: (CSVUsageTable) throws -> Columns,
    row: (CSVRecord, Columns, inout CSVUsageTable, inout UsageFileFacts, inout FileConsistency) throws -> Void
  ) throws -> UsageFileFacts {
    var stream = CSVStream(input: input)
    var table = CSVUsageTable(uri: input.uri, format: format)
    var consistency = FileConsistency(uri: input.uri)
    var facts = UsageFileFacts()
    var found: Columns?
    try stream.forEachRecord { record in
      guard let c = found else {
        table.header(record)
        found = try columns(table)
        return
      }
      if record.count == 1, record.isEmpty(0) { return }
      try table.checkWidth(record)
      try row(record, c, &table, &facts, &consistency)
    }
    if found == nil { throw UsageError.empty(file: input.uri) }
    facts.consistency = consistency
    return facts
  }
}
