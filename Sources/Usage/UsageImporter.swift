import Foundation
import GRDB
import Pricing
import RateStore

/// One file's outcome of `ratecard usage import`.
public struct UsageImportResult: Sendable {
  public var summary: UsageFileSummary
  public var status: UsageImportRecord.Status
  public var importId: Int64?
  /// The earlier import of the same source and month whose lines this one replaced.
  public var replaced: UsageImportRecord?
}

/// `ratecard usage import`: every file is read (streamed) and matched first; then one write
/// transaction stores them all, so a bad file leaves the store as it was.
public struct UsageImporter: Sendable {
  public let store: RateStore
  /// Canonical model id for an invocation log's model id (the catalogue), nil when unknown.
  public let resolveModel: @Sendable (String) -> String?

  /// The version of the readers and matching: a file imported by another version is read again.
  public static let readerKey = "usage-v1"

  public init(store: RateStore, resolveModel: @escaping @Sendable (String) -> String? = { _ in nil }) {
    self.store = store
    self.resolveModel = resolveModel
  }

  /// A read and matched file, before it is stored.
  public struct ReadFile: Sendable {
    public var summary: UsageFileSummary
    public var rows: [UsageRow]
  }

  /// Reads `path` (format detected from the content unless `format` is given) against `index`.
  public func read(path: String, format: UsageFormat?, index: RateIndex) throws -> ReadFile {
    let input = try UsageInput(path: path)
    return try read(input, format: format, index: index, sourceName: Self.absolute(path))
  }

  /// Reads an opened input (also for bytes in memory).
  public func read(_ input: UsageInput, format: UsageFormat?, index: RateIndex, sourceName: String) throws
    -> ReadFile
  {
    let format = try format ?? UsageFormatDetector.detect(input)
    var aggregator = UsageAggregator(index: index, format: format, uri: input.uri, resolveModel: resolveModel)
    let facts = try format.reader.read(input) { line in aggregator.add(line) }
    var summary = aggregator.summary
    let rows = aggregator.usageRows
    guard let first = rows.first else {
      throw UsageError.malformed(file: input.uri, line: nil, column: nil, reason: "the export holds no line")
    }
    summary.month = String(first.day.prefix(7))
    summary.currency = rows.first { !$0.currency.isEmpty }?.currency ?? ""
    summary.sha256 = input.sha256()
    summary.sourceKey =
      format == .bedrockInvocationLog
      ? "\(format.rawValue)|\(sourceName)" : "\(format.rawValue)|\(facts.billingAccount)"
    return ReadFile(summary: summary, rows: rows)
  }

  /// Imports `paths`: all read first, then stored in one transaction.
  public func run(paths: [String], format: UsageFormat? = nil) throws -> [UsageImportResult] {
    let index = try RateIndex(store: store, providers: Provider.allCases)
    let files = try paths.map { try read(path: $0, format: format, index: index) }
    return try store(files)
  }

  /// Stores read files in one transaction: an unchanged file is recorded as such; a re-export of
  /// a source's month replaces that month's lines of the source.
  public func store(_ files: [ReadFile]) throws -> [UsageImportResult] {
    let startedAt = ISODate.format(Date())
    return try store.write { db in
      var results: [UsageImportResult] = []
      for file in files {
        let s = file.summary
        var run = UsageImportRecord(
          sourceUri: s.uri, format: s.format.rawValue, sourceKey: s.sourceKey, month: s.month,
          contentSha256: s.sha256, readerKey: Self.readerKey, startedAt: startedAt, status: .ok,
          currency: s.currency, linesRead: s.linesRead, tokenLines: s.tokenLines, matchedLines: s.matchedLines,
          unmatchedLines: s.unmatchedLines, otherLines: s.otherLines.values.reduce(0, +),
          unreconciledLines: s.unreconciledLines, tokens: s.tokens.rounded0.exactText, requests: s.requests,
          billedTokenCost: s.billedTokenTotal.exactText, listCost: s.listTotal.exactText,
          unmatchedReasons: Self.json(s.unmatchedReasons.mapValues { "\($0)" }),
          otherCounts: Self.json(Dictionary(uniqueKeysWithValues: s.otherLines.map { ($0.key.rawValue, "\($0.value)") })),
          billedByCategory: Self.json(
            Dictionary(uniqueKeysWithValues: s.billed.map { ($0.key.rawValue, $0.value.exactText) })),
          replacedImportId: nil)
        let current = try UsageImportRecord
          .filter(UsageImportRecord.Columns.sourceKey == s.sourceKey && UsageImportRecord.Columns.month == s.month)
          .filter(UsageImportRecord.Columns.status == UsageImportRecord.Status.ok.rawValue)
          .order(UsageImportRecord.Columns.id.desc)
          .fetchOne(db)
        if let current, current.contentSha256 == s.sha256, current.readerKey == Self.readerKey {
          run.status = .unchanged
          try run.insert(db)
          results.append(UsageImportResult(summary: s, status: .unchanged, importId: run.id, replaced: nil))
          continue
        }
        if var current {
          try UsageRecord.filter(UsageRecord.Columns.importId == current.id).deleteAll(db)
          current.status = .replaced
          try current.update(db)
          run.replacedImportId = current.id
        }
        try run.insert(db)
        for row in file.rows {
          var record = UsageRecord(row, importId: run.id!, sourceKey: s.sourceKey, month: s.month)
          try record.insert(db)
        }
        results.append(UsageImportResult(summary: s, status: .ok, importId: run.id, replaced: current))
      }
      return results
    }
  }

  static func json(_ map: [String: String]) -> String {
    UsageAggregator.json(map)
  }

  static func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
