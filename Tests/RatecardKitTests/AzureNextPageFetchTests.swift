import Foundation
import PriceSheets
import RateStore
import RatecardKit
import TestSupport
import Testing

/// Serves pages from memory by exact URL text and records what was asked for.
private final class PageFetcher: DocumentFetcher, @unchecked Sendable {
  private let lock = NSLock()
  private let pages: [String: Data]
  private var _fetched: [String] = []
  var fetched: [String] { lock.withLock { _fetched } }
  init(_ pages: [String: Data]) { self.pages = pages }
  func fetch(_ url: URL) throws -> Data {
    lock.withLock { _fetched.append(url.absoluteString) }
    guard let data = pages[url.absoluteString] else {
      throw SheetError.fetchFailed(url: url.absoluteString, reason: "HTTP 404")
    }
    return data
  }
}

/// A `NextPageLink` that leaves https or the API host, given to the whole import: refused before it
/// is fetched, a clear error naming the link, a non-zero exit status, the rates unchanged.
@Suite("Azure NextPageLink through the import")
struct AzureNextPageFetchTests {
  static let start =
    "https://prices.azure.com/api/retail/prices?$filter=serviceName%20eq%20%27Foundry%20Models%27&currencyCode=%27USD%27"

  /// Two items (from `first`) of the first shared Azure page, pointing to `next`.
  static func page(next: String?, first: Int = 0) throws -> Data {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: TestPaths.pricesheet("azure/retail-prices/page-0001.json")))
    var page = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let items = try #require(page["Items"] as? [Any])
    page["Items"] = Array(items[first..<first + 2])
    page["Count"] = 2
    page["NextPageLink"] = next ?? NSNull()
    return try JSONSerialization.data(withJSONObject: page)
  }

  @Test(
    "a NextPageLink to plain http, another host or loopback is refused and nothing is imported",
    arguments: [
      ("http://prices.azure.com/api/retail/prices?$skip=1000", "not https"),
      ("https://prices.azure.com.evil.example/api/retail/prices?$skip=1000", "another host"),
      ("https://evil.example.com/api/retail/prices?$skip=1000", "another host"),
      ("http://127.0.0.1:8080/api/retail/prices?$skip=1000", "not https"),
      ("ftp://prices.azure.com/api/retail/prices?$skip=1000", "not https"),
    ])
  func refused(link: String, fragment: String) throws {
    let dir = TemporaryDirectory()
    let store = try RateStore(path: dir.path("next.sqlite"))
    _ = try ImportPipeline(store: store, resolver: nil, fetcher: NoNetwork())
      .run(ImportRequest(sources: [fixture("private-v1.csv")]))
    let before = try store.rateTableDigest()
    let fetcher = PageFetcher([Self.start: try Self.page(next: link)])
    var message = ""
    var status = ExitStatus.ok
    do {
      _ = try ImportPipeline(store: store, resolver: nil, fetcher: fetcher)
        .run(ImportRequest(sources: [Self.start]))
      Issue.record("the import followed \(link)")
    } catch {
      message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
      status = ExitStatus.of(error)
    }
    #expect(status != .ok)
    #expect(message.contains(link) && message.contains(fragment), "\(message)")
    #expect(fetcher.fetched == [Self.start])
    #expect(try store.rateTableDigest() == before)
  }

  @Test("the same page with an https link on the API host is followed (the refusal above is the link's)")
  func followed() throws {
    let dir = TemporaryDirectory()
    let store = try RateStore(path: dir.path("next.sqlite"))
    let second =
      "https://prices.azure.com:443/api/retail/prices?currencyCode='USD'&$filter=serviceName%20eq%20%27Foundry%20Models%27&$skip=1000"
    let fetcher = PageFetcher([
      Self.start: try Self.page(next: second), second: try Self.page(next: nil, first: 2),
    ])
    let summaries = try ImportPipeline(store: store, resolver: nil, fetcher: fetcher)
      .run(ImportRequest(sources: [Self.start]))
    #expect(fetcher.fetched == [Self.start, second])
    #expect(summaries.first?.rowsRead == 4)
  }
}
