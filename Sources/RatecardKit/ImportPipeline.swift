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
struct SourceUnit {
  var kind: String
  var uri: String
  var format: SheetFormat
  var documents: [SheetDocument]
}

/// The import pipeline: sources → documents → format → reader → catalogue → store, one
/// transaction for the whole command.
public struct ImportPipeline: Sendable {
  public let store: RateStore
  public let resolver: (any ModelResolving)?
  public let fetcher: any DocumentFetcher

  public init(store: RateStore, resolver: (any ModelResolving)?, fetcher: any DocumentFetcher) {
    self.store = store
    self.resolver = resolver
    self.fetcher = fetcher
  }

  /// Runs an import. Failures are recorded as failed runs; the rates stay as they were.
  public func run(_ request: ImportRequest, progress: (String) -> Void = { _ in }) throws
    -> [ImportSummary]
  {
    var units: [SourceUnit] = []
    do {
      for source in request.sources {
        progress("reading \(source)")
        units += try plan(source, forced: request.format, options: request.options)
      }
    } catch {
      try? store.recordFailure(
        sourceKind: "file", sourceUri: request.sources.joined(separator: " "),
        format: request.format?.rawValue ?? "", status: .failed, message: error.localizedDescription)
      throw error
    }
    FaultInjection.check(.afterPlan)
    var summaries: [Int: ImportSummary] = [:]
    var sheets: [(Int, SheetImport)] = []
    for (index, unit) in units.enumerated() {
      let sha = Self.sha256(unit.documents)
      let readerKey = Self.readerKey(unit.format, request.options)
      do {
        if let previous = try store.unchangedRun(contentSha256: sha, readerKey: readerKey) {
          progress("\(unit.uri): unchanged")
          summaries[index] = try store.recordUnchanged(
            previous: previous, sourceKind: unit.kind, sourceUri: unit.uri)
          continue
        }
        guard let reader = unit.format.reader else {
          throw SheetError.wrongFormat(
            file: unit.uri, expected: "a price sheet", found: unit.format.rawValue)
        }
        progress("parsing \(unit.uri) (\(unit.format.rawValue))")
        var parsed = try reader.read(unit.documents, options: request.options)
        parsed.coverage.family = unit.format.family
        if let resolver { Self.resolveModels(&parsed.rates, with: resolver) }
        if request.strict {
          var reasons = parsed.skipped.filter { !SkipPolicy.isByDesign($0.key) }
          for (k, v) in parsed.unclassified { reasons["unclassified: " + k, default: 0] += v }
          reasons = reasons.filter { $0.value > 0 }
          if !reasons.isEmpty { throw ImportError.strict(source: unit.uri, reasons: reasons) }
        }
        sheets.append(
          (
            index,
            SheetImport(
              sourceKind: unit.kind, sourceUri: unit.uri, format: unit.format.rawValue,
              coverage: parsed.coverage, contentSha256: sha, readerKey: readerKey,
              rates: parsed.rates, rowsRead: parsed.rowsRead, skipped: parsed.skipped,
              unclassified: parsed.unclassified, sheetVersion: parsed.sheetVersion,
              publicationDate: parsed.publicationDate)
          ))
      } catch {
        try? store.recordFailure(
          sourceKind: unit.kind, sourceUri: unit.uri, format: unit.format.rawValue,
          contentSha256: sha, readerKey: readerKey, status: .failed,
          message: error.localizedDescription)
        throw error
      }
    }
    FaultInjection.check(.afterParse)
    if !sheets.isEmpty {
      progress("writing \(sheets.reduce(0) { $0 + $1.1.rates.count }) rates")
      do {
        let written = try store.importSheets(sheets.map(\.1), guard: request.policy)
        for ((index, _), summary) in zip(sheets, written) { summaries[index] = summary }
      } catch {
        let status: ImportRunRecord.Status = {
          if case StoreError.largeChange = error { return .refused }
          return .failed
        }()
        for (_, sheet) in sheets {
          try? store.recordFailure(
            sourceKind: sheet.sourceKind, sourceUri: sheet.sourceUri, format: sheet.format,
            coverageKey: sheet.coverage.key, contentSha256: sheet.contentSha256,
            readerKey: sheet.readerKey, status: status, message: error.localizedDescription)
        }
        throw error
      }
    }
    return units.indices.compactMap { summaries[$0] }
  }

  /// Resolves every rate's canonical model. A sheet repeats each model name on many rows, so the
  /// answer for (provider, service, sheetModel) is computed once; the per-row `sheetKey` is consulted
  /// only when the model name alone resolves to nothing (``ModelResolving`` tries `sheetModel` first).
  static func resolveModels(_ rates: inout [Rate], with resolver: any ModelResolving) {
    var byModel: [String: String?] = [:]
    for i in rates.indices {
      let rate = rates[i]
      let key = rate.provider.rawValue + "\u{1F}" + rate.service + "\u{1F}" + rate.sheetModel
      let fromModel: String?
      if let cached = byModel[key] {
        fromModel = cached
      } else {
        var probe = rate
        probe.sheetKey = ""
        fromModel = rate.sheetModel.isEmpty ? nil : resolver.canonicalModel(for: probe)
        byModel[key] = fromModel
      }
      rates[i].model = fromModel ?? resolver.canonicalModel(for: rate)
    }
  }

  static func readerKey(_ format: SheetFormat, _ options: ReadOptions) -> String {
    var key = "\(format.rawValue)@\(format.readerVersion)"
    if let regions = options.regions { key += ";regions=" + regions.sorted().joined(separator: ",") }
    if options.includeDevTest { key += ";devtest" }
    return key
  }

  static func sha256(_ documents: [SheetDocument]) -> String {
    var hasher = SHA256()
    for d in documents {
      hasher.update(data: d.data)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
