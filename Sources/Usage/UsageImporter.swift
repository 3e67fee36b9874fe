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

  /// Plain CSV files at least this large are read in two parts at once (``readInParts``).
  public let parallelThreshold: UInt64

  public init(
    store: RateStore, resolveModel: @escaping @Sendable (String) -> String? = { _ in nil },
    parallelThreshold: UInt64 = 32 << 20
  ) {
    self.store = store
    self.resolveModel = resolveModel
    self.parallelThreshold = parallelThreshold
  }

  /// A read and matched file, before it is stored.
  public struct ReadFile: Sendable {
    public var summary: UsageFileSummary
    public var rows: [UsageRow]
  }

  /// Reads `path` (format detected from the content unless `format` is given) against `index`.
  public func read(path: String, format: UsageFormat?, index: RateIndex) throws -> ReadFile {
    if let file = try readInParts(path: path, format: format, index: index) { return file }
    let input = try UsageInput(path: path)
    return try read(input, format: format, index: index, sourceName: Self.absolute(path))
  }

  /// A large plain CSV export read as two parts on two threads (the second part from the first
  /// line break after the middle, behind a copy of the header), while a third task hashes the
  /// whole file; the two aggregates merge exactly. Nil when the file is small, compressed or not
  /// CSV, or when a part fails (also when the cut falls inside a quoted field: the first part then
  /// ends inside it) or the parts disagree on month or currency: the file is then read in one
  /// pass, which reports the first error exactly as always.
  func readInParts(path: String, format: UsageFormat?, index: RateIndex) throws -> ReadFile? {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    guard size >= max(parallelThreshold, 1) else { return nil }
    let probe = try UsageInput(path: path)
    guard !probe.isGzip else { return nil }
    let format = try format ?? UsageFormatDetector.detect(probe)
    guard format != .bedrockInvocationLog else { return nil }
    let head = try probe.head()
    guard let newline = head.firstIndex(of: CSVStream.newline), !head[..<newline].contains(CSVStream.quote) else {
      return nil
    }
    let header = Array(head[...newline])
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    try? handle.seek(toOffset: size / 2)
    let window = [UInt8]((try? handle.read(upToCount: 1 << 20)) ?? Data())
    guard let cut = window.firstIndex(of: CSVStream.newline) else { return nil }
    let boundary = size / 2 + UInt64(cut) + 1
    guard boundary > UInt64(header.count), boundary < size else { return nil }

    final class Parts: @unchecked Sendable {
      var aggregates: [UsageAggregator?] = [nil, nil]
      var facts: [UsageFileFacts?] = [nil, nil]
      var failed = false
      var error: (any Error)?
      var sha = ""
    }
    let parts = Parts()
    let uri = path
    let reader = format.reader
    let resolve = resolveModel
    DispatchQueue.concurrentPerform(iterations: 3) { task in
      do {
        switch task {
        case 0, 1:
          let input =
            task == 0
            ? try UsageInput(path: path, uri: uri, range: 0..<boundary, prefix: [])
            : try UsageInput(path: path, uri: uri, range: boundary..<size, prefix: header)
          var aggregator = UsageAggregator(index: index, format: format, uri: uri, resolveModel: resolve)
          let facts = try reader.read(input) { aggregator.add($0) }
          parts.aggregates[task] = aggregator
          parts.facts[task] = facts
        default:
          let whole = try UsageInput(path: path, uri: uri)
          while try whole.nextChunk() != nil {}
          parts.sha = whole.sha256()
        }
      } catch is UsageError {
        // A bad line (or a cut inside a quoted field): the one-pass read reports the file's first error.
        parts.failed = true
      } catch {
        parts.error = error
      }
    }
    if let error = parts.error { throw error }
    guard !parts.failed, var first = parts.aggregates[0], let second = parts.aggregates[1],
      let facts0 = parts.facts[0], let facts1 = parts.facts[1]
    else { return nil }
    if let a = facts0.consistency, let b = facts1.consistency {
      do { try a.check(later: b, shift: facts0.lines - 1) } catch { return nil }
    }
    first.merge(second)
    var facts = facts0
    if facts.billingAccount.isEmpty { facts.billingAccount = facts1.billingAccount }
    return try finish(first, facts: facts, format: format, uri: uri, sha: parts.sha, sourceName: Self.absolute(path))
  }

  /// Reads an opened input (also for bytes in memory).
  public func read(_ input: UsageInput, format: UsageFormat?, index: RateIndex, sourceName: String) throws
    -> ReadFile
  {
    let format = try format ?? UsageFormatDetector.detect(input)
    var aggregator = UsageAggregator(index: index, format: format, uri: input.uri, resolveModel: resolveModel)
    let facts = try format.reader.read(input) { line in aggregator.add(line) }
    return try finish(
      aggregator, facts: facts, format: format, uri: input.uri, sha: input.sha256(), sourceName: sourceName)
  }

  /// The read file from its aggregate.
  func finish(
    _ aggregator: UsageAggregator, facts: UsageFileFacts, format: UsageFormat, uri: String, sha: String,
    sourceName: String
  ) throws -> ReadFile {
    var summary = aggregator.summary
    let rows = aggregator.usageRows
    guard let first = rows.first else {
      throw UsageError.malformed(file: uri, line: nil, column: nil, reason: "the export holds no line")
    }
    summary.month = String(first.day.prefix(7))
    summary.currency = rows.first { !$0.currency.isEmpty }?.currency ?? ""
    summary.sha256 = sha
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
