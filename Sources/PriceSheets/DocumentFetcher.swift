import Foundation

/// Fetches a document by URL. The HTTP implementation lives in the application layer; tests
/// serve documents from memory or from a loopback server.
public protocol DocumentFetcher: Sendable {
  /// The body of `url`, or a ``SheetError/fetchFailed(url:reason:)``.
  func fetch(_ url: URL) throws -> Data
}

/// Which URLs ratecard may fetch: https to any host, or plain http to loopback (tests only).
public enum URLPolicy {
  /// Throws ``SheetError/unsafeURL(url:reason:)`` unless `url` is https, or http on loopback.
  public static func check(_ url: URL) throws {
    let scheme = url.scheme?.lowercased() ?? ""
    let host = url.host?.lowercased() ?? ""
    guard !host.isEmpty else {
      throw SheetError.unsafeURL(url: url.absoluteString, reason: "the URL has no host")
    }
    if scheme == "https" { return }
    if scheme == "http", isLoopback(host) { return }
    throw SheetError.unsafeURL(
      url: url.absoluteString, reason: "only https URLs are fetched (plain http only on loopback)")
  }

  /// True for 127.0.0.0/8, ::1 and localhost.
  public static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
  }
}

/// A live source that needs more than one fetch (the Azure Retail Prices pager): given the URL the
/// user named, it fetches every page and returns them as the documents of one source.
public protocol LiveSource: Sendable {
  /// True when this source handles `url`.
  func handles(_ url: URL) -> Bool
  /// The format of the documents it returns.
  var format: SheetFormat { get }
  /// Fetches every document of the source.
  func documents(from url: URL, fetcher: any DocumentFetcher) throws -> [SheetDocument]
}
