import Foundation

extension ModelCatalog {
  /// The catalogue compiled into the binary, without user files.
  public static func embedded() throws -> ModelCatalog {
    try ModelCatalog(sources: CatalogSource.embedded)
  }

  /// The embedded catalogue plus user files, applied in order (a directory stands for its `*.csv`
  /// files, sorted by name). A file that cannot be read or parsed is an error naming it.
  public static func load(userFiles: [String]) throws -> ModelCatalog {
    try ModelCatalog(sources: sources(userFiles: userFiles))
  }

  /// The files ``load(userFiles:)`` builds from: the embedded ones, then each user file read
  /// (a file that cannot be read is an error naming it). With ``contentHash(of:)`` a caller knows
  /// the catalogue's identity before the (slower) build.
  public static func sources(userFiles: [String]) throws -> [CatalogSource] {
    var sources = CatalogSource.embedded
    for path in try expand(userFiles) {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw CatalogError.unreadable(file: path, reason: error.localizedDescription)
      }
      sources.append(CatalogSource(name: path, text: text, isUser: true))
    }
    return sources
  }

  /// The ``contentHash`` a catalogue built from `sources` has.
  public static func contentHash(of sources: [CatalogSource]) -> String {
    isEmbeddedOnly(sources) ? EmbeddedData.contentHash : hash(of: sources)
  }

  static func expand(_ paths: [String]) throws -> [String] {
    var result: [String] = []
    let fm = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CatalogError.unreadable(file: path, reason: "no such file or directory")
      }
      if isDirectory.boolValue {
        let names = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        result += names.filter { $0.hasSuffix(".csv") }.sorted().map {
          (path as NSString).appendingPathComponent($0)
        }
      } else {
        result.append(path)
      }
    }
    return result
  }
}
