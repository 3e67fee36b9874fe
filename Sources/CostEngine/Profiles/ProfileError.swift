import Foundation

/// A profile that cannot be used, with the file, line and column of the offending value.
public struct ProfileError: Error, LocalizedError, Sendable, Hashable {
  public var mark: SourceMark
  public var message: String

  public init(_ mark: SourceMark, _ message: String) {
    self.mark = mark
    self.message = message
  }

  public var errorDescription: String? { "\(mark): \(message)" }
}

/// A profile file that cannot be used as a whole: missing, unreadable, too large, not text, or
/// holding no profile. No position: the problem is the file.
public struct ProfileFileError: Error, LocalizedError, Sendable, Hashable {
  public var file: String
  public var problem: String

  public init(file: String, _ problem: String) {
    self.file = file
    self.problem = problem
  }

  public var errorDescription: String? { "cannot read \(file): \(problem)" }
}
