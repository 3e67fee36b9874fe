import Catalog
import Crypto
import Foundation
import PriceSheets
import Pricing
import RateStore

/// What `ratecard import` was asked to do.
public struct ImportRequest: Sendable {
  /// Files, directories or URLs.
  public var sources: [String]
  /// Forced format; nil detects it from the content.
  public var format: SheetFormat?
  public var options: ReadOptions
  public var policy: ImportGuard
  /// Fail when any row is skipped or left unclassified.
  public var strict: Bool

  public init(
    sources: [String], format: SheetFormat? = nil, options: ReadOptions = ReadOptions(),
    policy: ImportGuard = ImportGuard(), strict: Bool = false
  ) {
    self.sources = sources
    self.format = format
    self.options = options
    self.policy = policy
    self.strict = strict
  }
}

/// One source to import: its documents (one file, or the pages of one Azure query) and format.
struct SourceUnit: Sendable {
  var kind: String
  var uri: String
  var format: SheetFormat
  var documents: [SheetDocument]
}

/// A source after hashing: its content hash, reader key, and the earlier run it repeats (nil when
/// it must be parsed).
struct CheckedUnit: Sendable {
  var index: Int
  var unit: SourceUnit
  var sha: String
  var readerKey: String
  var previous: ImportRunRecord?
}

/// A changed source for the parse thread; `channel` is set when its rates are handed over in
/// chunks while it is read (a reader that streams), to be merged as they come.
struct ParseJob: Sendable {
  var unit: CheckedUnit
  var channel: RateChannel?
}

/// A source parsed ahead: its progress lines and its sheet or parse error.
struct ParsedSource: Sendable {
  var lines: [String]
  var result: Result<SheetImport, any Error>
}

/// What a failure record needs from a parsed source, kept after its rates are dropped.
struct SheetIdentity {
  var index: Int
  var coverageKey: String
}

/// The import pipeline: sources → documents → format → reader → catalogue → store, one
/// transaction for the whole command.
public struct ImportPipeline: Sendable {
  public let store: RateStore
  public let fetcher: any DocumentFetcher
  let models: ModelSource
  /// The time the import records (run times; the boundary of a sheet without a publication date).
  public var clock: ImportClock = .system

  /// What the rates' models resolve against.
  enum ModelSource: Sendable {
    /// A resolver at hand (nil: models are left unresolved).
    case given((any ModelResolving)?)
    /// A catalogue still being built on another thread, and what to do with it before anything
    /// is written.
    case building(BackgroundValue<ModelCatalog>, prepare: @Sendable (ModelCatalog) throws -> Void)
  }

  /// Models resolve against `resolver` (nil: left unresolved).
  public init(store: RateStore, resolver: (any ModelResolving)?, fetcher: any DocumentFetcher) {
    self.store = store
    self.models = .given(resolver)
    self.fetcher = fetcher
  }

  /// Models resolve against `catalog`, which may still be being built on another thread: the
  /// first changed source is hashed and its parse started before ``run(_:progress:)`` waits for
  /// it (a parse needs it only at its end), then `prepare(catalog)` runs before anything is
  /// written (ratecard's commands bring the stored rates' models up to date with it,
  /// ``CatalogSync``). Errors keep the order of a sequential start: a catalogue error or one
  /// from `prepare` is thrown before any source's error, and nothing is recorded.
  public init(
    store: RateStore, catalog: BackgroundValue<ModelCatalog>,
    prepare: @escaping @Sendable (ModelCatalog) throws -> Void, fetcher: any DocumentFetcher
  ) {
    self.store = store
    self.models = .building(catalog, prepare: prepare)
    self.fetcher = fetcher
  }

  /// The resolver, waiting for the catalogue if it is still being built.
  func resolver() throws -> (any ModelResolving)? {
    switch models {
    case .given(let resolver): return resolver
    case .building(let catalog, _): return try catalog.value()
    }
  }

  /// Waits for a catalogue being built and prepares the store with it.
  func prepareCatalog() throws {
    guard case .building(let catalog, let prepare) = models else { return }
    try prepare(catalog.value())
  }

  /// The catalogue's (or its preparation's) error, if any: reported before a source's error.
  func catalogFailure() -> (any Error)? {
    do {
      try prepareCatalog()
      return nil
    } catch {
      return error
    }
  }

  /// Runs an import. Failures are recorded as failed runs; the rates stay as they were.
  ///
  /// Streams: each source's files are hashed from disk, and the changed sources are parsed in
  /// order on a second thread (the first while the others are hashed, each next one while the
  /// one before it is merged inside the one write transaction), so the import holds the bytes and
  /// rates of at most two sources at a time.
  /// What is recorded on failure is what a parse-all-then-write import records: the unchanged
  /// sources before a source that fails to parse and that failure; or, when the merge fails (the
  /// large-change guard), every unchanged source and a refused (or failed) run for every changed
  /// one.
  ///
  /// The whole command is one import batch (``ImportBatch``): every run it records carries the
  /// batch's id. A source that names nothing (no such file, an empty directory) is not recorded.
  public func run(_ request: ImportRequest, progress: (String) -> Void = { _ in }) throws
    -> [ImportSummary]
  {
    try store.beginImportBatch(sources: request.sources, version: RatecardVersion.current)
    defer { _ = try? store.endImportBatch() }
    return try runSources(request, progress: progress)
  }

  func runSources(_ request: ImportRequest, progress: (String) -> Void) throws -> [ImportSummary] {
    var units: [SourceUnit] = []
    var current = ""
    do {
      for source in request.sources {
        current = source
        progress("reading \(source)")
        units += try plan(source, forced: request.format, options: request.options)
      }
    } catch {
      if let failure = catalogFailure() { throw failure }
      switch error {
      case ImportError.noSuchSource, ImportError.emptyDirectory: throw error
      default: break
      }
      // Under the logical sources it would have updated (a live index that cannot be fetched:
      // every offer it led to), so `status` shows them failed; else under its URI.
      let kind = current.hasPrefix("https://") || current.hasPrefix("http://") ? "url" : "file"
      for key in logicalSources(current) {
        try? store.recordFailure(
          sourceKind: kind, sourceUri: current, format: request.format?.rawValue ?? "", coverageKey: key,
          status: .failed, message: error.localizedDescription, clock: clock)
      }
      throw error
    }
    FaultInjection.check(.afterPlan)

    // The changed sources are parsed in order on a second thread, the first while the others
    // are hashed, each next one while the one before it is merged; the progress lines of a parse
    // are replayed here, in source order, when its result is taken.
    // A streamed source may be started one further ahead: its rates are merged as they come
    // (when the merge is still busy with the source before, they wait in its channel).
    let ahead = ParseAhead<ParseJob, ParsedSource>(
      eager: { $0.channel != nil }, help: true,
      work: { [self] job in
        var lines: [String] = []
        let result: Result<SheetImport, any Error>
        if let channel = job.channel {
          defer { channel.close() }
          result = Result { try parse(job.unit, request, emit: { channel.push($0) }) { lines.append($0) } }
        } else {
          result = Result { try parse(job.unit, request) { lines.append($0) } }
        }
        return ParsedSource(lines: lines, result: result)
      },
      stop: { if case .failure = $0.result { return true } else { return false } })
    defer { ahead.finish() }

    // Hash every source and find the unchanged ones.
    var checked: [CheckedUnit] = []
    var channels: [Int: RateChannel] = [:]
    for (index, unit) in units.enumerated() {
      let readerKey = Self.readerKey(unit.format, request.options)
      var sha = ""
      do {
        sha = try Self.sha256(unit.documents)
        let previous = try store.unchangedRun(contentSha256: sha, readerKey: readerKey)
        if previous != nil { progress("\(unit.uri): unchanged") }
        let c = CheckedUnit(index: index, unit: unit, sha: sha, readerKey: readerKey, previous: previous)
        checked.append(c)
        if previous == nil {
          let channel = unit.format.reader is any StreamingSheetReader ? RateChannel() : nil
          channels[index] = channel
          ahead.add(ParseJob(unit: c, channel: channel))
        }
      } catch {
        ahead.finish()
        if let failure = catalogFailure() { throw failure }
        recordUnchanged(checked)
        recordFailure(unit, sha: sha, readerKey: readerKey, error: error)
        throw error
      }
    }
    ahead.close()
    // The first parse has started: now the catalogue is needed (before anything is written).
    try prepareCatalog()

    let changed = checked.filter { $0.previous == nil }
    var summaries: [Int: ImportSummary] = [:]
    if changed.isEmpty {
      for c in checked {
        do {
          summaries[c.index] = try store.recordUnchanged(
            previous: c.previous!, sourceKind: c.unit.kind, sourceUri: c.unit.uri, clock: clock)
        } catch {
          recordFailure(c.unit, sha: c.sha, readerKey: c.readerKey, error: error)
          throw error
        }
      }
      FaultInjection.check(.afterParse)
      return units.indices.compactMap { summaries[$0] }
    }

    // One transaction: record the unchanged sources, then parse and merge each changed source.
    var parsed: [SheetIdentity] = []
    var failedUnit: Int?
    do {
      summaries = try store.importTransaction(guard: request.policy, clock: clock) { session in
        var written: [Int: ImportSummary] = [:]
        var mergeError: (any Error)?
        for c in checked {
          guard let previous = c.previous else { continue }
          failedUnit = c.index
          written[c.index] = try session.recordUnchanged(
            previous: previous, sourceKind: c.unit.kind, sourceUri: c.unit.uri)
        }
        for (n, c) in changed.enumerated() {
          failedUnit = c.index
          if let channel = channels[c.index] {
            // Merged page by page while the later pages are read; the guard, withdrawals and
            // changed lines at the end (a refusal rolls the transaction back).
            if n == 0 { FaultInjection.check(.afterParse) }
            let merge =
              mergeError == nil
              ? session.beginMerge(
                MergeSource(
                  sourceKind: c.unit.kind, sourceUri: c.unit.uri, format: c.unit.format.rawValue,
                  contentSha256: c.sha, readerKey: c.readerKey,
                  bound: Self.coverageBound(c.unit.format, request.options),
                  expectedRates: (c.unit.format.reader as? any StreamingSheetReader)?
                    .expectedRates(c.unit.documents) ?? 0))
              : nil
            while let chunk = channel.next() {
              merge?.add(chunk)
              // Its rates are freed off this thread (the merge is the import's critical path).
              Self.dropQueue.async { withExtendedLifetime(chunk) {} }
            }
            guard let parsedSource = ahead.take(n) else { throw CancellationError() }
            parsedSource.lines.forEach(progress)
            let sheet = try parsedSource.result.get()
            failedUnit = nil
            parsed.append(SheetIdentity(index: c.index, coverageKey: sheet.coverage.key))
            guard let merge else { continue }
            progress("writing \(merge.rateCount) rates from \(c.unit.uri)")
            do {
              written[c.index] = try merge.finish(sheet)
            } catch {
              mergeError = error
            }
            continue
          }
          guard let parsedSource = ahead.take(n) else { throw CancellationError() }
          parsedSource.lines.forEach(progress)
          let sheet = try parsedSource.result.get()
          failedUnit = nil
          if n == 0 { FaultInjection.check(.afterParse) }
          parsed.append(SheetIdentity(index: c.index, coverageKey: sheet.coverage.key))
          // After a refused merge the remaining sources are still parsed: a parse error in any
          // source is reported before a refusal.
          guard mergeError == nil else { continue }
          progress("writing \(sheet.rates.count) rates from \(c.unit.uri)")
          do {
            written[c.index] = try session.merge(sheet)
          } catch {
            mergeError = error
          }
        }
        if let mergeError { throw mergeError }
        return written
      }
    } catch {
      if let failedUnit, let c = checked.first(where: { $0.index == failedUnit }) {
        // A source failed to parse (or its unchanged run could not be recorded).
        recordUnchanged(checked.filter { $0.index < failedUnit })
        recordFailure(c.unit, sha: c.sha, readerKey: c.readerKey, error: error)
        throw error
      }
      // The merge (or the transaction) failed: every changed source is refused or failed.
      recordUnchanged(checked)
      let status: ImportRunRecord.Status = {
        ExitStatus.of(error) == .refused ? .refused : .failed
      }()
      for c in changed {
        let sheet = parsed.first { $0.index == c.index }
        try? store.recordFailure(
          sourceKind: c.unit.kind, sourceUri: c.unit.uri, format: c.unit.format.rawValue,
          coverageKey: sheet?.coverageKey ?? "", contentSha256: c.sha, readerKey: c.readerKey,
          status: status, message: error.localizedDescription, clock: clock)
      }
      throw error
    }
    return units.indices.compactMap { summaries[$0] }
  }

  /// Reads one changed source, resolves its models and applies `--strict`.
  /// With `emit`, a reader that streams hands its rates (models resolved) to `emit` a chunk at a
  /// time and the returned sheet has none; `--strict` is still decided at the end.
  func parse(
    _ c: CheckedUnit, _ request: ImportRequest, emit: (([Rate]) -> Void)? = nil,
    progress: (String) -> Void
  ) throws -> SheetImport {
    let unit = c.unit
    guard let reader = unit.format.reader else {
      throw SheetError.wrongFormat(
        file: unit.uri, expected: "a price sheet", found: unit.format.rawValue)
    }
    progress("parsing \(unit.uri) (\(unit.format.rawValue))")
    var parsed: ParsedSheet
    if let emit, let streaming = reader as? any StreamingSheetReader {
      // The resolver's answers are kept across the chunks; a catalogue is waited for at the first.
      var resolution: (any SheetResolution)?
      parsed = try streaming.read(unit.documents, options: request.options) { chunk in
        var chunk = chunk
        if resolution == nil { resolution = try resolver()?.sheetResolution() }
        resolution?.resolve(&chunk)
        emit(chunk)
      }
    } else {
      parsed = try reader.read(unit.documents, options: request.options)
    }
    parsed.coverage.family = unit.format.family
    try resolveModels(&parsed.rates)
    if request.strict {
      let reasons = RunReasons(
        skipped: parsed.skipped.filter { !parsed.deliberateSkips.contains($0.key) },
        unclassified: parsed.unclassified
      ).combined.filter { $0.value > 0 }
      if !reasons.isEmpty { throw ImportError.strict(source: unit.uri, reasons: reasons) }
    }
    return SheetImport(
      sourceKind: unit.kind, sourceUri: unit.uri, format: unit.format.rawValue,
      coverage: parsed.coverage, contentSha256: c.sha, readerKey: c.readerKey,
      rates: parsed.rates, rowsRead: parsed.rowsRead, skipped: parsed.skipped,
      unclassified: parsed.unclassified, sheetVersion: parsed.sheetVersion,
      publicationDate: parsed.publicationDate)
  }

  func resolveModels(_ rates: inout [Rate]) throws {
    guard !rates.isEmpty, var resolution = try resolver()?.sheetResolution() else { return }
    resolution.resolve(&rates)
  }

  /// The coverage a streamed source's sheet will fall in (its reader's bound, with the family).
  static func coverageBound(_ format: SheetFormat, _ options: ReadOptions) -> Coverage {
    var bound =
      (format.reader as? any StreamingSheetReader)?.coverageBound(options: options)
      ?? Coverage(providers: nil, services: nil, regions: nil, currency: nil)
    bound.family = format.family
    return bound
  }

  /// Records the unchanged sources among `units`, each in its own transaction.
  func recordUnchanged(_ units: [CheckedUnit]) {
    for c in units {
      guard let previous = c.previous else { continue }
      _ = try? store.recordUnchanged(
        previous: previous, sourceKind: c.unit.kind, sourceUri: c.unit.uri, clock: clock)
    }
  }

  func recordFailure(_ unit: SourceUnit, sha: String, readerKey: String, error: any Error) {
    for key in logicalSources(unit.uri) {
      try? store.recordFailure(
        sourceKind: unit.kind, sourceUri: unit.uri, format: unit.format.rawValue, coverageKey: key,
        contentSha256: sha, readerKey: readerKey, status: .failed,
        message: error.localizedDescription, clock: clock)
    }
  }

  /// The coverage keys `uri` updated when it last imported (`[""]`, its URI alone, when it never
  /// did): a failure is recorded under each.
  func logicalSources(_ uri: String) -> [String] {
    let keys = (try? store.coverageKeys(updatedBy: uri)) ?? []
    return keys.isEmpty ? [""] : keys
  }

  /// Where merged chunks are released.
  static let dropQueue = DispatchQueue(label: "ratecard.import.drop", qos: .utility)

  static func readerKey(_ format: SheetFormat, _ options: ReadOptions) -> String {
    var key = "\(format.rawValue)@\(format.readerVersion)"
    if let regions = options.regions { key += ";regions=" + regions.sorted().joined(separator: ",") }
    if options.includeDevTest { key += ";devtest" }
    return key
  }

  /// SHA-256 of the documents' bytes in order. Files are read in chunks into one buffer, not
  /// loaded whole.
  static func sha256(_ documents: [SheetDocument]) throws -> String {
    var hasher = SHA256()
    var buffer: [UInt8] = []
    for d in documents {
      guard let path = d.filePath else {
        hasher.update(data: d.data)
        continue
      }
      if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 1 << 18) }
      try FileChunks.read(path, into: &buffer) { chunk in hasher.update(bufferPointer: chunk) }
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
