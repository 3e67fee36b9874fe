import Foundation
import GRDB

/// The key the engine cache's payload is stored under (``RateStore/cachedEngineRates(_:)``):
/// everything the payload depends on, so a payload is read only by the build that wrote it, for
/// the same selection, catalogue and rate state.
///
/// The build stands for the code: the payload format, the rules choosing which rates make an
/// offer and the offer book's layout words are all this build's, so a new build never reads an
/// old payload and no version number has to be kept in step with them.
public struct EngineCacheKey: Sendable, Hashable, Encodable {
  /// The running executable's GNU build ID (``BuildIdentity/current``).
  public var build: String
  /// The content hash of the catalogue the rates' models resolve against.
  public var catalog: String
  /// The rates the payload holds: those matching any of these filters.
  public var filters: [RateFilter]
  /// The rate state, read by the store in the transaction that reads the payload: the latest
  /// import run, the rate table's id sequence and the stored catalogue's hash and resolution
  /// time. Every change to the rate table comes with a new import run (rates opened, closed or
  /// relabelled) or a catalogue re-resolution; new rate rows also advance the id sequence.
  var state: [String] = []

  public init(catalog: String, filters: [RateFilter], build: String = BuildIdentity.current) {
    self.build = build
    self.catalog = catalog
    self.filters = filters
  }

  /// The key with the store's rate state filled in.
  func at(_ db: Database) throws -> EngineCacheKey {
    let run = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM importRun") ?? 0
    let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'rate'") ?? 0
    let catalogState = try Row.fetchOne(db, sql: "SELECT sha256, resolvedAt FROM catalogState WHERE id = 1")
    var key = self
    key.state = [
      "run \(run)", "rate \(seq)",
      "catalog \(catalogState?["sha256"] ?? "") \(catalogState?["resolvedAt"] ?? "")",
    ]
    return key
  }

  /// The stored key: the parts as JSON with sorted keys (every value quoted and escaped, so two
  /// keys have the same text only when they are equal).
  public var text: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? ""
  }
}

/// Which build of ratecard is running.
public enum BuildIdentity {
  /// The running executable's GNU build ID in hex (the linker's hash of its code and data); when
  /// it has none, the executable's path, size and modification time.
  public static let current: String = gnuBuildID() ?? executableStamp()

  /// The `NT_GNU_BUILD_ID` note of the running executable (`/proc/self/exe`, an ELF64 file):
  /// its program headers are read, then its note segments (a few small reads).
  static func gnuBuildID() -> String? {
    guard let file = FileHandle(forReadingAtPath: "/proc/self/exe") else { return nil }
    defer { try? file.close() }
    func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
      guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.read(upToCount: count),
        data.count == count
      else { return nil }
      return [UInt8](data)
    }
    func word<T: FixedWidthInteger>(_ bytes: [UInt8], _ at: Int, _: T.Type) -> T {
      bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: T.self)) }
    }
    // ELF64, little-endian.
    guard let header = read(0, 64), header[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]), header[4] == 2,
      header[5] == 1
    else { return nil }
    let phoff = word(header, 0x20, UInt64.self)
    let phentsize = Int(word(header, 0x36, UInt16.self))
    let phnum = Int(word(header, 0x38, UInt16.self))
    guard phentsize >= 56, let table = read(phoff, phentsize * phnum) else { return nil }
    for i in 0..<phnum {
      let at = i * phentsize
      guard word(table, at, UInt32.self) == 4 else { continue }  // PT_NOTE
      let offset = word(table, at + 8, UInt64.self)
      let size = Int(word(table, at + 32, UInt64.self))
      guard size < 1 << 20, let notes = read(offset, size) else { continue }
      var n = 0
      while n + 12 <= notes.count {
        let nameSize = Int(word(notes, n, UInt32.self))
        let descSize = Int(word(notes, n + 4, UInt32.self))
        let type = word(notes, n + 8, UInt32.self)
        let desc = n + 12 + (nameSize + 3) & ~3
        guard desc + descSize <= notes.count else { break }
        if type == 3, nameSize == 4, notes[(n + 12)..<(n + 15)].elementsEqual(Array("GNU".utf8)) {
          return notes[desc..<(desc + descSize)].map { String(format: "%02x", $0) }.joined()
        }
        n = desc + (descSize + 3) & ~3
      }
    }
    return nil
  }

  static func executableStamp() -> String {
    let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
    let size = (attributes[.size] as? NSNumber)?.stringValue ?? ""
    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return "\(path) \(size) \(modified)"
  }
}
