import AsyncHTTPClient
import Foundation
import NIOCore
import PriceSheets

/// Fetches documents over https (plain http only to loopback, for tests) with a per-request
/// timeout, a bounded response size (checked while the body arrives, so an oversized response is
/// not downloaded), bounded redirects (each target checked against ``URLPolicy``) and retries of
/// 429 / 5xx with exponential backoff that honours `Retry-After`. No credentials are sent or
/// stored; no cache is used.
///
/// Built on AsyncHTTPClient (SwiftNIO, TLS through BoringSSL compiled in) rather than Foundation's
/// `URLSession`: linking FoundationNetworking loads libcurl and some thirty libraries it needs at
/// the start of every ratecard process, about 8 ms on every command, used or not (docs/performance.md).
public final class HTTPFetcher: DocumentFetcher, @unchecked Sendable {
  public struct Policy: Sendable {
    /// Seconds to wait for a connection or for the next bytes of a response; a whole request
    /// (redirects aside) gets four times as long.
    public var timeout: TimeInterval = 60
    public var maxBytes: Int = 256 * 1024 * 1024
    public var maxAttempts: Int = 5
    public var maxRedirects: Int = 5
    /// First backoff delay; doubles each retry.
    public var baseDelay: TimeInterval = 1
    /// Upper bound for any single wait (including Retry-After).
    public var maxDelay: TimeInterval = 60
    public init() {}
  }

  public let policy: Policy
  /// Called before each retry wait (status, seconds; status 0 for a transport error); for logs
  /// and tests.
  public var onRetry: (@Sendable (Int, TimeInterval) -> Void)?
  /// Sleep function (tests replace it to run fast).
  public var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }

  private let lock = NSLock()
  /// Made on the first fetch (a file import starts no network threads), shut down with the fetcher.
  private var client: HTTPClient?

  public init(policy: Policy = Policy()) {
    self.policy = policy
  }

  deinit { try? client?.syncShutdown() }

  public func fetch(_ url: URL) throws -> Data {
    try URLPolicy.check(url)
    var attempt = 0
    var target = url
    var redirects = 0
    while true {
      attempt += 1
      let outcome: Outcome
      do {
        outcome = try perform(target)
      } catch is ResponseAccumulator.ResponseTooBigError {
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "response larger than \(policy.maxBytes) bytes")
      } catch {
        if attempt < policy.maxAttempts {
          wait(status: 0, retryAfter: nil, attempt: attempt)
          continue
        }
        throw SheetError.fetchFailed(url: url.absoluteString, reason: Self.describe(error))
      }
      switch outcome.status {
      case 200..<300:
        return outcome.body
      case 301, 302, 303, 307, 308:
        func refuse(_ why: String) -> SheetError {
          .fetchFailed(url: url.absoluteString, reason: "HTTP \(outcome.status) (\(why))")
        }
        guard let next = outcome.location.flatMap({ URL(string: $0, relativeTo: target)?.absoluteURL }) else {
          throw refuse("no usable Location")
        }
        guard redirects < policy.maxRedirects else { throw refuse("more than \(policy.maxRedirects) redirects") }
        guard (try? URLPolicy.check(next)) != nil else { throw refuse("redirect to \(next.absoluteString) refused") }
        redirects += 1
        target = next
        attempt -= 1  // a redirect is not a failed attempt
      case 429, 500...599:
        guard attempt < policy.maxAttempts else {
          throw SheetError.fetchFailed(
            url: url.absoluteString, reason: "HTTP \(outcome.status) after \(attempt) attempts")
        }
        wait(status: outcome.status, retryAfter: outcome.retryAfter.flatMap(TimeInterval.init), attempt: attempt)
      default:
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "HTTP \(outcome.status)")
      }
    }
  }

  /// One response: its status, the headers the loop needs, and the body (success only).
  private struct Outcome: Sendable {
    var status: Int
    var location: String?
    var retryAfter: String?
    var body = Data()
  }

  private func wait(status: Int, retryAfter: TimeInterval?, attempt: Int) {
    let backoff = policy.baseDelay * pow(2, Double(attempt - 1))
    let delay = min(policy.maxDelay, max(retryAfter ?? 0, backoff))
    onRetry?(status, delay)
    sleep(delay)
  }

  private func httpClient() -> HTTPClient {
    lock.withLock {
      if let client { return client }
      var config = HTTPClient.Configuration(
        redirectConfiguration: .disallow,
        timeout: .init(connect: Self.amount(policy.timeout), read: Self.amount(policy.timeout)))
      config.decompression = .disabled
      config.httpVersion = .http1Only
      let made = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
      client = made
      return made
    }
  }

  /// One request, waited for on the calling thread (the import pipeline is synchronous). The
  /// request runs on SwiftNIO's event loop, never on Swift's cooperative pool, so waiting cannot
  /// starve it when the caller is itself a task.
  private func perform(_ url: URL) throws -> Outcome {
    let client = httpClient()
    let request = try HTTPClient.Request(
      url: url.absoluteString, method: .GET,
      headers: ["Accept": "application/json", "User-Agent": "ratecard"])
    let accumulator = ResponseAccumulator(request: request, maxBodySize: policy.maxBytes)
    let response = try client.execute(
      request: request, delegate: accumulator, deadline: .now() + Self.amount(policy.timeout * 4)
    ).futureResult.wait()
    var outcome = Outcome(
      status: Int(response.status.code), location: response.headers.first(name: "Location"),
      retryAfter: response.headers.first(name: "Retry-After"))
    if (200..<300).contains(outcome.status), let body = response.body {
      outcome.body = Data(body.readableBytesView)
    }
    return outcome
  }

  private static func amount(_ seconds: TimeInterval) -> TimeAmount {
    .nanoseconds(Int64(min(seconds, 86_400 * 365) * 1e9))
  }

  /// A transport error in words (AsyncHTTPClient's errors describe themselves as `HTTPClientError.x`).
  static func describe(_ error: Error) -> String {
    let text = String(describing: error)
    return text.isEmpty ? error.localizedDescription : text
  }
}
