import Foundation
import PriceSheets

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches documents over https (plain http only to loopback, for tests) with a per-request
/// timeout, a bounded response size, bounded redirects and retries of 429 / 5xx with exponential
/// backoff that honours `Retry-After`. No credentials are sent or stored; no disk cache is used.
public final class HTTPFetcher: DocumentFetcher, @unchecked Sendable {
  public struct Policy: Sendable {
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
  private let session: URLSession
  private let delegate: RedirectGuard
  /// Called before each retry wait (status, seconds); for logs and tests.
  public var onRetry: (@Sendable (Int, TimeInterval) -> Void)?
  /// Sleep function (tests replace it to run fast).
  public var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }

  public init(policy: Policy = Policy()) {
    self.policy = policy
    let config = URLSessionConfiguration.ephemeral
    config.timeoutIntervalForRequest = policy.timeout
    config.timeoutIntervalForResource = policy.timeout * 4
    config.urlCache = nil
    config.httpCookieStorage = nil
    config.urlCredentialStorage = nil
    config.requestCachePolicy = .reloadIgnoringLocalCacheData
    delegate = RedirectGuard(maxRedirects: policy.maxRedirects)
    session = URLSession(configuration: config, delegate: delegate, delegateQueue: nil)
  }

  deinit { session.invalidateAndCancel() }

  public func fetch(_ url: URL) throws -> Data {
    try URLPolicy.check(url)
    var attempt = 0
    while true {
      attempt += 1
      let (data, response, error) = perform(url)
      if let error {
        if attempt < policy.maxAttempts {
          wait(status: 0, retryAfter: nil, attempt: attempt)
          continue
        }
        throw SheetError.fetchFailed(url: url.absoluteString, reason: error.localizedDescription)
      }
      guard let http = response as? HTTPURLResponse else {
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "no HTTP response")
      }
      if let final = http.url { try URLPolicy.check(final) }
      switch http.statusCode {
      case 200..<300:
        guard let data else { return Data() }
        guard data.count <= policy.maxBytes else {
          throw SheetError.fetchFailed(
            url: url.absoluteString, reason: "response larger than \(policy.maxBytes) bytes")
        }
        return data
      case 429, 500...599:
        guard attempt < policy.maxAttempts else {
          throw SheetError.fetchFailed(
            url: url.absoluteString,
            reason: "HTTP \(http.statusCode) after \(attempt) attempts")
        }
        let retryAfter = (http.value(forHTTPHeaderField: "Retry-After")).flatMap(TimeInterval.init)
        wait(status: http.statusCode, retryAfter: retryAfter, attempt: attempt)
      default:
        throw SheetError.fetchFailed(url: url.absoluteString, reason: "HTTP \(http.statusCode)")
      }
    }
  }

  private func wait(status: Int, retryAfter: TimeInterval?, attempt: Int) {
    let backoff = policy.baseDelay * pow(2, Double(attempt - 1))
    let delay = min(policy.maxDelay, max(retryAfter ?? 0, backoff))
    onRetry?(status, delay)
    sleep(delay)
  }

  private func perform(_ url: URL) -> (Data?, URLResponse?, Error?) {
    let box = ResultBox()
    let semaphore = DispatchSemaphore(value: 0)
    var request = URLRequest(url: url)
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    request.setValue("ratecard", forHTTPHeaderField: "User-Agent")
    let task = session.dataTask(with: request) { data, response, error in
      box.set(data, response, error)
      semaphore.signal()
    }
    task.resume()
    semaphore.wait()
    return box.get()
  }
}

private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: (Data?, URLResponse?, Error?) = (nil, nil, nil)
  func set(_ d: Data?, _ r: URLResponse?, _ e: Error?) {
    lock.lock()
    value = (d, r, e)
    lock.unlock()
  }
  func get() -> (Data?, URLResponse?, Error?) {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}

/// Stops redirect chains longer than the limit and redirects away from https.
private final class RedirectGuard: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
  let maxRedirects: Int
  private var counts: [Int: Int] = [:]
  private let lock = NSLock()

  init(maxRedirects: Int) { self.maxRedirects = maxRedirects }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    lock.lock()
    let n = (counts[task.taskIdentifier] ?? 0) + 1
    counts[task.taskIdentifier] = n
    lock.unlock()
    guard n <= maxRedirects, let url = request.url, (try? URLPolicy.check(url)) != nil else {
      completionHandler(nil)
      return
    }
    completionHandler(request)
  }
}
