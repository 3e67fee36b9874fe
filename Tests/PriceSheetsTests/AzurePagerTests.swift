import Foundation
import Testing

@testable import PriceSheets

/// Serves documents from memory by exact URL text and records what was fetched.
private final class MemoryFetcher: DocumentFetcher, @unchecked Sendable {
  let pages: [String: Data]
  private(set) var fetched: [String] = []
  init(_ pages: [String: Data]) { self.pages = pages }
  func fetch(_ url: URL) throws -> Data {
    fetched.append(url.absoluteString)
    guard let data = pages[url.absoluteString] else {
      throw SheetError.fetchFailed(url: url.absoluteString, reason: "HTTP 404")
    }
    return data
  }
}

@Suite struct AzurePagerTests {
  let base = "https://prices.azure.com/api/retail/prices"

  func page(next: String?) -> Data {
    AzureTestData.pageJSON(
      items: "[\(AzureTestData.item())]", next: next.map { "\"\($0)\"" } ?? "null")
  }

  @Test func handlesTheAPIAndLoopbackOnly() {
    let pager = AzurePager()
    #expect(pager.handles(URL(string: base)!))
    #expect(pager.handles(URL(string: base + "?$filter=x")!))
    #expect(pager.handles(URL(string: "http://127.0.0.1:8080/api/retail/prices")!))
    #expect(!pager.handles(URL(string: "https://example.com/api/retail/prices")!))
    #expect(!pager.handles(URL(string: "https://prices.azure.com/other")!))
  }

  @Test func bareURLGetsDefaultFilterAndCurrency() {
    let url = AzurePager().startURL(URL(string: base)!)
    let items = URLComponents(url: url, resolvingAgainstBaseURL: false)!.queryItems!
    #expect(items.first { $0.name == "$filter" }?.value == "serviceName eq 'Foundry Models'")
    #expect(items.first { $0.name == "currencyCode" }?.value == "'USD'")
    #expect(!url.absoluteString.contains("'"))
    let given = AzurePager().startURL(
      URL(string: base + "?currencyCode=%27EUR%27&$filter=serviceName%20eq%20%27Cognitive%20Services%27")!)
    let gitems = URLComponents(url: given, resolvingAgainstBaseURL: false)!.queryItems!
    #expect(gitems.filter { $0.name == "$filter" }.map(\.value) == ["serviceName eq 'Cognitive Services'"])
    #expect(gitems.filter { $0.name == "currencyCode" }.map(\.value) == ["'EUR'"])
  }

  @Test func followsLinksToTheEnd() throws {
    let start = base + "?$filter=x"
    let p2 = "https://prices.azure.com:443/api/retail/prices?$filter=x&$skip=1000"
    let p3 = "https://prices.azure.com:443/api/retail/prices?$filter=x&$skip=2000"
    let fetcher = MemoryFetcher([
      start + "&currencyCode=%27USD%27": page(next: p2), p2: page(next: p3),
      p3: AzureTestData.pageJSON(items: "[]", next: "\"\""),
    ])
    let docs = try AzurePager().documents(from: URL(string: start)!, fetcher: fetcher)
    #expect(docs.count == 3)
    #expect(fetcher.fetched == [start + "&currencyCode=%27USD%27", p2, p3])
  }

  @Test func missingLinkEndsToo() throws {
    let start = base + "?$filter=x&currencyCode=%27USD%27"
    let fetcher = MemoryFetcher([start: Data(#"{"BillingCurrency":"USD","Items":[]}"#.utf8)])
    #expect(try AzurePager().documents(from: URL(string: start)!, fetcher: fetcher).count == 1)
  }

  @Test func repeatedLinkIsAnError() {
    let start = base + "?$filter=x&currencyCode=%27USD%27"
    let p2 = base + "?$filter=x&currencyCode=%27USD%27&$skip=1000"
    let fetcher = MemoryFetcher([start: page(next: p2), p2: page(next: start)])
    do {
      _ = try AzurePager().documents(from: URL(string: start)!, fetcher: fetcher)
      Issue.record("expected a page-cycle error")
    } catch let SheetError.inconsistentPages(_, reason) {
      #expect(reason.contains("repeats"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func foreignOrPlainLinksAreRefused() {
    let start = base + "?$filter=x&currencyCode=%27USD%27"
    for bad in [
      "https://evil.example.com/api/retail/prices?$skip=1000",
      "http://prices.azure.com/api/retail/prices?$skip=1000",
      "http://127.0.0.1:9/api/retail/prices?$skip=1000",
    ] {
      let fetcher = MemoryFetcher([start: page(next: bad)])
      #expect(throws: SheetError.self) {
        try AzurePager().documents(from: URL(string: start)!, fetcher: fetcher)
      }
      #expect(fetcher.fetched.count == 1)
    }
  }

  @Test func pageCountIsBounded() {
    let start = base + "?$filter=x&currencyCode=%27USD%27"
    var pages: [String: Data] = [:]
    var url = start
    for i in 1...5 {
      let next = base + "?$filter=x&currencyCode=%27USD%27&$skip=\(i * 1000)"
      pages[url] = page(next: next)
      url = next
    }
    #expect(throws: SheetError.self) {
      try AzurePager(maxPages: 3).documents(from: URL(string: start)!, fetcher: MemoryFetcher(pages))
    }
  }
}
