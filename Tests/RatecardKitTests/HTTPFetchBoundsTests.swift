import Foundation
import PriceSheets
import RateStore
import RatecardKit
import TestSupport
import Testing

/// Records the retries an ``HTTPFetcher`` announces.
private final class Retries: @unchecked Sendable {
  private let lock = NSLock()
  private var _entries: [(status: Int, delay: TimeInterval)] = []
  var entries: [(status: Int, delay: TimeInterval)] { lock.withLock { _entries } }
  func add(_ status: Int, _ delay: TimeInterval) { lock.withLock { _entries.append((status, delay)) } }
}

/// Counts requests per target so a handler can fail the first few.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var counts: [String: Int] = [:]
  func next(_ key: String) -> Int {
    lock.withLock {
      counts[key, default: 0] += 1
      return counts[key]!
    }
  }
}

/// The fetcher's bounds against a loopback server: response size, redirects, per-request timeout,
/// retries of 429 / 5xx with Retry-After, and no retry of other errors.
@Suite("HTTP fetch bounds", .serialized)
struct HTTPFetchBoundsTests {
  private func fetcher(
    _ configure: (inout HTTPFetcher.Policy) -> Void = { _ in }, retries: Retries = Retries()
  )
    -> HTTPFetcher
  {
    var policy = HTTPFetcher.Policy()
    policy.timeout = 10
    policy.baseDelay = 0.25
    policy.maxAttempts = 1
    configure(&policy)
    let f = HTTPFetcher(policy: policy)
    f.onRetry = { status, delay in retries.add(status, delay) }
    f.sleep = { _ in }
    return f
  }

  private func reason(_ body: () throws -> Data) -> String? {
    do {
      _ = try body()
      return nil
    } catch let SheetError.fetchFailed(_, reason) {
      return reason
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test(
    "a response larger than maxBytes is refused and not retried; one of exactly maxBytes is accepted"
  )
  func responseSize() throws {
    let server = try LoopbackServer { target in
      let size = target == "/huge" ? 8 << 20 : target == "/big" ? 4097 : 4096
      return .init(status: 200, body: Data(repeating: UInt8(ascii: "x"), count: size))
    }
    defer { server.stop() }
    let f = fetcher {
      $0.maxBytes = 4096
      $0.maxAttempts = 3
    }
    #expect(try f.fetch(URL(string: server.baseURL + "/fits")!).count == 4096)
    let r = reason { try f.fetch(URL(string: server.baseURL + "/big")!) }
    #expect(r?.contains("larger than 4096 bytes") == true, "\(r ?? "accepted")")
    // 8 MiB: refused, and not retried.
    let huge = reason { try f.fetch(URL(string: server.baseURL + "/huge")!) }
    #expect(huge == "response larger than 4096 bytes")
    #expect(server.requests.filter { $0 == "/huge" }.count == 1)
  }

  @Test("redirects are followed up to maxRedirects, then refused")
  func redirectLimit() throws {
    let box = PortBox()
    let server = try LoopbackServer { target in
      let n = Int(target.split(separator: "/").last ?? "") ?? 0
      guard n < 5 else { return .init(status: 200, body: Data("done".utf8)) }
      return .init(status: 302, headers: ["Location": "http://127.0.0.1:\(box.port)/r/\(n + 1)"])
    }
    box.port = server.port
    defer { server.stop() }
    let f = fetcher { $0.maxRedirects = 3 }
    // /r/2 -> 3 -> 4 -> 5: three redirects, allowed.
    #expect(try f.fetch(URL(string: server.baseURL + "/r/2")!) == Data("done".utf8))
    // /r/0 needs five: the fourth is not followed.
    let before = server.requests.count
    let r = reason { try f.fetch(URL(string: server.baseURL + "/r/0")!) }
    #expect(r?.contains("302") == true, "\(r ?? "accepted")")
    #expect(server.requests.count - before == 4)
  }

  @Test("a redirect to plain http on another host is not followed")
  func redirectOffPolicy() throws {
    let server = try LoopbackServer { _ in
      .init(status: 301, headers: ["Location": "http://prices.example.com/api/retail/prices"])
    }
    defer { server.stop() }
    let r = reason { try fetcher().fetch(URL(string: server.baseURL + "/start")!) }
    #expect(r?.contains("301") == true, "\(r ?? "accepted")")
    #expect(server.requests == ["/start"])
  }

  @Test("a server that does not answer is given up after the per-request timeout")
  func perRequestTimeout() throws {
    // The server answers only once the fetch has returned (or after a minute, so a fetcher that
    // never gives up fails on the late answer instead of hanging the test).
    let answered = DispatchSemaphore(value: 0)
    let server = try LoopbackServer { _ in
      _ = answered.wait(timeout: .now() + 60)
      return .init(status: 200, body: Data("late".utf8))
    }
    defer { server.stop() }
    let f = fetcher { $0.timeout = 1 }
    let r = reason { try f.fetch(URL(string: server.baseURL + "/slow")!) }
    answered.signal()
    #expect(r != nil, "the fetch returned the late answer")
    #expect(r?.hasPrefix("unexpected") == false && r?.contains("late") == false, "\(r ?? "")")
    #expect(server.requests == ["/slow"])
  }

  @Test("429 and 5xx are retried with Retry-After (capped by maxDelay) or backoff; 404 is not retried")
  func retries() throws {
    let counter = Counter()
    let server = try LoopbackServer { target in
      let n = counter.next(target)
      switch (target, n) {
      case ("/busy", 1): return .init(status: 429, headers: ["Retry-After": "7"])
      case ("/busy", 2): return .init(status: 503)
      case ("/busy", 3): return .init(status: 429, headers: ["Retry-After": "100000"])
      case ("/busy", _): return .init(status: 200, body: Data("ok".utf8))
      case ("/down", _): return .init(status: 500)
      default: return .init(status: 404)
      }
    }
    defer { server.stop() }
    let log = Retries()
    let f = fetcher(
      {
        $0.maxAttempts = 4; $0.maxDelay = 30
      }, retries: log)
    #expect(try f.fetch(URL(string: server.baseURL + "/busy")!) == Data("ok".utf8))
    let entries = log.entries
    #expect(entries.map(\.status) == [429, 503, 429])
    #expect(entries.map(\.delay) == [7, 0.5, 30])  // Retry-After; backoff 0.25 x 2; Retry-After capped
    // Always 500: four attempts, then a clear error.
    let r = reason { try f.fetch(URL(string: server.baseURL + "/down")!) }
    #expect(r == "HTTP 500 after 4 attempts")
    #expect(server.requests.filter { $0 == "/down" }.count == 4)
    // 404: no retry.
    let missing = reason { try f.fetch(URL(string: server.baseURL + "/gone")!) }
    #expect(missing == "HTTP 404")
    #expect(server.requests.filter { $0 == "/gone" }.count == 1)
  }

  @Test("plain http to a public host is refused before any request")
  func httpsOnly() {
    #expect(throws: SheetError.self) {
      try fetcher().fetch(URL(string: "http://prices.azure.com/api/retail/prices")!)
    }
  }
}

private final class PortBox: @unchecked Sendable {
  var port: UInt16 = 0
}
