import Foundation

/// Why a catalogue file could not be used. Every error names the file and, where it applies, the line.
public enum CatalogError: Error, LocalizedError, Equatable, Sendable {
  /// A CSV file that does not parse, or a row with a bad value.
  case malformed(file: String, line: Int, reason: String)
  /// A file whose header matches none of the catalogue tables.
  case unknownTable(file: String, header: [String])
  /// A catalogue file or directory that cannot be read.
  case unreadable(file: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .malformed(let file, let line, let reason): "\(file):\(line): \(reason)"
    case .unknownTable(let file, let header):
      "\(file):1: the header (\(header.joined(separator: ","))) is none of the catalogue tables: models need canonical_id and vendor, aliases canonical_id, cloud, kind and alias, quality scores canonical_id, benchmark and score, regions provider, code and geography"
    case .unreadable(let file, let reason): "\(file): cannot read the catalogue file: \(reason)"
    }
  }
}
