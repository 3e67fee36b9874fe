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
