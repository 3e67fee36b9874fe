import AsyncHTTPClient
import Foundation
import NIOCore
import PriceSheets

/// Fetches documents over https (plain http only to loopback, for tests) with a per-request
/// timeout, a bounded response size (checked while the body arrives, so an oversized response is
/// not downloaded), bounded redirects (each target checked against ``URLPolicy``) and retries of
/// 429 / 5xx and passing transport errors with exponential backoff that honours `Retry-After`,
/// within a total retry time. Permanent errors fail at once: an unknown host (offline, or a
/// typo), a TLS failure, a 4xx other than 429. No credentials are sent or stored; no cache is used.
///
/// Built on AsyncHTTPClient (SwiftNIO, TLS through BoringSSL compiled in) rather than Foundation's
/// `URLSession`: linking FoundationNetworking loads libcurl and some thirty libraries it needs at
/// the start of every ratecard process, whether the command fetches or not.
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
    /// Seconds to wait for a connection (name lookup, TCP and TLS); the connection pool retries
    /// inside this time, so it bounds how long an unreachable host takes to fail.
    public var connectTimeout: TimeInterval = 10
    /// Total seconds one document's retries may take (its attempts and waits together): no retry
    /// starts that would end past it. `ratecard import --retry-time`.
    public var maxRetryTime: TimeInterval = 120
    public init() {}
  }

  public let policy: Policy
  /// Called before each retry wait (status, seconds; status 0 for a transport error); for logs
  /// and tests.
  public var onRetry: (@Sendable (Int, TimeInterval) -> Void)?
  /// Sleep function (tests replace it to run fast).
  public var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
  /// Seconds on a monotonic clock, for the total retry time (tests replace it with the sum of
  /// their fake sleeps).
  public var uptime: @Sendable () -> TimeInterval = { TimeInterval(DispatchTime.now().uptimeNanoseconds) / 1e9 }
  /// Progress in words (each document fetched, each retry with its reason and wait): `ratecard
  /// import` prints them on stderr unless `--quiet`.
  public var onEvent: (@Sendable (String) -> Void)?
  /// Host names already looked up.
  private var resolvedHosts = Set<String>()

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
    let started = uptime()
    /// The wait before the next attempt, or nil when it would end past the total retry time.
    func retryWait(status: Int, retryAfter: TimeInterval?, reason: String) -> TimeInterval? {
      guard attempt < policy.maxAttempts else { return nil }
      let delay = delay(retryAfter: retryAfter, attempt: attempt)
      guard uptime() - started + delay <= policy.maxRetryTime else { return nil }
      onEvent?("\(url.absoluteString): \(reason); retry \(attempt + 1) of \(policy.maxAttempts) in \(Self.seconds(delay))")
      onRetry?(status, delay)
      return delay
    }
    func gaveUp(_ reason: String) -> SheetError {
      let why =
        attempt >= policy.maxAttempts
        ? "" : ": the next retry would pass the total retry time (\(Self.seconds(policy.maxRetryTime)), --retry-time)"
      return .fetchFailed(url: url.absoluteString, reason: attempt == 1 && why.isEmpty ? reason : "\(reason) after \(attempt) attempts\(why)")
    }
    try lookUp(target)
    while true {
      attempt += 1
      let outcome: Outcome
      do {
        outcome = try perform(target)
      } catch is ResponseAccumulator.ResponseTooBigError {
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "response larger than \(policy.maxBytes) bytes")
      } catch {
        let reason = Self.describe(error)
        if let permanent = Self.permanent(error) {
          throw SheetError.fetchFailed(url: url.absoluteString, reason: "\(permanent): \(reason) (not retried)")
        }
        guard let delay = retryWait(status: 0, retryAfter: nil, reason: reason) else { throw gaveUp(reason) }
        sleep(delay)
        continue
      }
      switch outcome.status {
      case 200..<300:
        onEvent?("\(url.absoluteString): \(outcome.body.count) bytes")
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
        try lookUp(next)
        redirects += 1
        target = next
        attempt -= 1  // a redirect is not a failed attempt
      case 429, 500...599:
        guard
          let delay = retryWait(
            status: outcome.status, retryAfter: outcome.retryAfter.flatMap(TimeInterval.init),
            reason: "HTTP \(outcome.status)")
        else { throw gaveUp("HTTP \(outcome.status)") }
        sleep(delay)
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

  /// The wait after failed attempt `attempt`: exponential backoff, or `Retry-After` when longer,
  /// at most `maxDelay`.
  private func delay(retryAfter: TimeInterval?, attempt: Int) -> TimeInterval {
    let backoff = policy.baseDelay * pow(2, Double(attempt - 1))
    return min(policy.maxDelay, max(retryAfter ?? 0, backoff))
  }

  static func seconds(_ t: TimeInterval) -> String {
    t < 10 ? String(format: "%.1f s", t) : "\(Int(t.rounded())) s"
  }

  /// Looks the host up once (fast, and not retried: a name that does not resolve means offline or
  /// a typo), before the connection pool would retry the lookup until its connect timeout.
  private func lookUp(_ url: URL) throws {
    guard let host = url.host, !host.isEmpty else { return }
    if lock.withLock({ resolvedHosts.contains(host) }) { return }
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var result: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &result)
    if let result { freeaddrinfo(result) }
    guard status == 0 else {
      let why = String(cString: gai_strerror(status))
      throw SheetError.fetchFailed(
        url: url.absoluteString, reason: "unknown host \(host) (\(why)): offline, or a mistyped URL (not retried)")
    }
    _ = lock.withLock { resolvedHosts.insert(host) }
  }

  /// Why a transport error is permanent (nil when a retry may help): the host does not resolve,
  /// or TLS failed (a certificate or handshake error does not heal by retrying).
  static func permanent(_ error: Error) -> String? {
    let text = String(describing: error)
    if text.contains("UnknownHost") || text.contains("dnsAError") { return "unknown host" }
    if text.contains("NIOSSL") || text.contains("BoringSSL") || text.contains("handshake") || text.contains("certificate") {
      return "TLS failure"
    }
    return nil
  }

  private func httpClient() -> HTTPClient {
    lock.withLock {
      if let client { return client }
      var config = HTTPClient.Configuration(
        redirectConfiguration: .disallow,
        timeout: .init(
          connect: Self.amount(min(policy.connectTimeout, policy.timeout)), read: Self.amount(policy.timeout)))
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
