import Foundation
import PriceSheets
import RatecardKit
import TestSupport
import Testing

/// A fake monotonic clock that advances only by the fetcher's (fake) sleeps.
private final class FakeClock: @unchecked Sendable {
  private let lock = NSLock()
  private var now: TimeInterval = 0
  private var _events: [String] = []
  var events: [String] { lock.withLock { _events } }
  func advance(_ t: TimeInterval) { lock.withLock { now += t } }
  func read() -> TimeInterval { lock.withLock { now } }
  func log(_ e: String) { lock.withLock { _events.append(e) } }
}

/// The live import's retry policy: permanent errors fail at once, retries stay within the total
/// retry time, and each retry is reported.
@Suite("HTTP retry policy")
struct HTTPRetryPolicyTests {
  private func fetcher(_ clock: FakeClock, _ configure: (inout HTTPFetcher.Policy) -> Void) -> HTTPFetcher {
    var policy = HTTPFetcher.Policy()
    policy.timeout = 10
    configure(&policy)
    let f = HTTPFetcher(policy: policy)
    f.sleep = { clock.advance($0) }
    f.uptime = { clock.read() }
    f.onEvent = { clock.log($0) }
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

  @Test("a host that does not resolve fails at once: no retry, a message that says offline or a typo")
  func unknownHost() {
    let clock = FakeClock()
    let f = fetcher(clock) { $0.maxAttempts = 5 }
    let r = reason { try f.fetch(URL(string: "https://no-such-host.invalid/offers.json")!) }
    #expect(r?.hasPrefix("unknown host no-such-host.invalid (") == true, "\(r ?? "")")
    #expect(r?.hasSuffix("offline, or a mistyped URL (not retried)") == true)
    #expect(clock.read() == 0)
    #expect(clock.events.isEmpty)
  }

  @Test("5xx is retried until the next wait would pass the total retry time; each retry is reported")
  func totalRetryTime() throws {
    let server = try LoopbackServer { _ in .init(status: 503) }
    defer { server.stop() }
    let clock = FakeClock()
    // Waits 1, 2, 4, 8 ...: after 1 + 2 (3 s used), a wait of 4 would end at 7 s > 5 s.
    let f = fetcher(clock) {
      $0.maxAttempts = 10
      $0.baseDelay = 1
      $0.maxRetryTime = 5
    }
    let r = reason { try f.fetch(URL(string: server.baseURL + "/prices")!) }
    #expect(r == "HTTP 503 after 3 attempts: the next retry would pass the total retry time (5.0 s, --retry-time)")
    #expect(server.requests.count == 3)
    #expect(clock.read() == 3)
    #expect(clock.events.count == 2)
    #expect(clock.events.first?.hasSuffix("/prices: HTTP 503; retry 2 of 10 in 1.0 s") == true, "\(clock.events)")
  }

  @Test("a 4xx other than 429 is not retried")
  func clientError() throws {
    let server = try LoopbackServer { _ in .init(status: 403) }
    defer { server.stop() }
    let clock = FakeClock()
    let f = fetcher(clock) { $0.maxAttempts = 5 }
    #expect(reason { try f.fetch(URL(string: server.baseURL + "/x")!) } == "HTTP 403")
    #expect(server.requests.count == 1)
  }
}
