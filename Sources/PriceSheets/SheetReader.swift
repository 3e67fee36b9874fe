import Foundation
import Pricing

/// The bytes of one sheet document and where they came from (a path or a URL, used in errors).
///
/// A document made from a file holds only its path: `data` maps the file each time it is read
/// and the mapping goes away with the last copy of that `Data`, so an import holds the bytes of
/// one document at a time rather than of every document it was given.
public struct SheetDocument: Sendable {
  public var uri: String
  private var storage: Storage

  private enum Storage: Sendable {
    case bytes(Data)
    case file(String)
  }

  /// A document whose bytes are already in memory (fetched pages, tests).
  public init(uri: String, data: Data) {
    self.uri = uri
    self.storage = .bytes(data)
  }

  /// A document read from `path` when its `data` is accessed (see ``load()``).
  public init(uri: String, contentsOfFile path: String) {
    self.uri = uri
    self.storage = .file(path)
  }

  /// The document's bytes. For a file-backed document this maps the file; a file that can no
  /// longer be read gives empty data (readers then report the document as empty or malformed,
  /// naming it); ``load()`` reports the read error itself.
  public var data: Data {
    get { (try? load()) ?? Data() }
    set { storage = .bytes(newValue) }
  }

  /// The path of a file-backed document; nil for bytes in memory.
  public var filePath: String? {
    if case .file(let path) = storage { return path }
    return nil
  }

  /// The document's bytes, or the error reading its file.
  public func load() throws -> Data {
    switch storage {
    case .bytes(let data): return data
    case .file(let path): return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    }
  }
}

/// Options that change what a reader keeps.
public struct ReadOptions: Sendable {
  /// Keep only these regions (AWS `--region`); nil keeps all.
  public var regions: Set<String>?
  /// Import Azure `DevTestConsumption` items (skipped and counted by default).
  public var includeDevTest: Bool

  public init(regions: Set<String>? = nil, includeDevTest: Bool = false) {
    self.regions = regions
    self.includeDevTest = includeDevTest
  }
}

/// What a reader made of a sheet: the rates, what it covers, and what it skipped and why.
public struct ParsedSheet: Sendable {
  public var format: SheetFormat
  public var coverage: Coverage
  public var rates: [Rate]
  /// Rows (SKUs, items, CSV lines) read from the sheet.
  public var rowsRead: Int
  /// Rows not imported, counted by a named reason.
  public var skipped: [String: Int]
  /// Rows imported but not understood well enough to price (counted by reason; `--strict` fails on them).
  public var unclassified: [String: Int]
  /// The sheet's own version (AWS `version`), when it has one.
  public var sheetVersion: String?
  /// The sheet's publication date, when it has one.
  public var publicationDate: String?
  /// The reasons in `skipped` that are deliberate skips (``SkipReason``): `--strict` accepts them.
  public var deliberateSkips: Set<String>

  public init(
    format: SheetFormat, coverage: Coverage, rates: [Rate], rowsRead: Int,
    skipped: [String: Int] = [:], deliberateSkips: Set<String> = [], unclassified: [String: Int] = [:],
    sheetVersion: String? = nil, publicationDate: String? = nil
  ) {
    self.format = format
    self.coverage = coverage
    self.rates = rates
    self.rowsRead = rowsRead
    self.skipped = skipped
    self.deliberateSkips = deliberateSkips
    self.unclassified = unclassified
    self.sheetVersion = sheetVersion
    self.publicationDate = publicationDate
  }
}

/// A reader for one sheet format: a pure function of its input documents.
public protocol SheetReader: Sendable {
  /// Reads one source (one document, or several pages of one source) into rates.
  func read(_ documents: [SheetDocument], options: ReadOptions) throws -> ParsedSheet
}

/// A reader that can hand over its rates in chunks while it reads (the Azure pages, page by
/// page), so the store can merge the first pages while the later ones are still read.
public protocol StreamingSheetReader: SheetReader {
  /// Reads the source, passing its rates to `emit` in order, a chunk at a time (never an empty
  /// chunk); the returned sheet holds the rates not emitted (none when `emit` is given).
  func read(_ documents: [SheetDocument], options: ReadOptions, emit: (([Rate]) throws -> Void)?)
    throws -> ParsedSheet

  /// A coverage that holds the coverage of whatever sheet this reader makes with `options`
  /// (known before reading; the family is left for the caller).
  func coverageBound(options: ReadOptions) -> Coverage

  /// About how many rates `documents` will give (a hint for table sizes; 0 when unknown).
  func expectedRates(_ documents: [SheetDocument]) -> Int
}

/// An index document that names further documents to fetch (AWS offer and region indexes).
public protocol SheetExpander: Sendable {
  /// The URIs (absolute URLs or paths) of the documents this index leads to.
  func expand(_ document: SheetDocument, options: ReadOptions) throws -> [String]
}

/// Why a reader did not import a row: ratecard's policy (a deliberate skip: a region not
/// selected, a duplicate, a DevTest item, a legacy listing, a term type ratecard does not import),
/// which `--strict` accepts, or a row the reader could not use, which `--strict` fails on.
public struct SkipReason: Hashable, Sendable {
  /// The reason as reports show it and the store counts it.
  public var text: String
  public var isDeliberate: Bool

  public static func deliberate(_ text: String) -> SkipReason { SkipReason(text: text, isDeliberate: true) }
  public static func unusable(_ text: String) -> SkipReason { SkipReason(text: text, isDeliberate: false) }
}

/// A reader's count of skipped rows per reason text, remembering which reasons are deliberate.
public struct SkipTally: Sendable {
  public private(set) var counts: [String: Int] = [:]
  public private(set) var deliberate: Set<String> = []

  public init() {}

  public mutating func count(_ reason: SkipReason) {
    counts[reason.text, default: 0] += 1
    if reason.isDeliberate { deliberate.insert(reason.text) }
  }
}
