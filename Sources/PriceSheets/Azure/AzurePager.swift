import Foundation

/// Fetches every page of an Azure Retail Prices query: builds the query URL when given the bare API
/// URL, follows `NextPageLink` to the end (null, missing or empty), and refuses a link that repeats,
/// leaves https or goes to another host. Fetching (retries, timeouts, size bound) is the fetcher's.
public struct AzurePager: LiveSource {
  /// `$filter` used when the URL has none.
  public var defaultFilter: String
  /// `currencyCode` used when the URL has none.
  public var defaultCurrency: String
  /// Upper bound on pages (the Foundry Models query has ~22 pages of 1,000 items).
  public var maxPages: Int

  public init(
    defaultFilter: String = "serviceName eq 'Foundry Models'", defaultCurrency: String = "USD",
    maxPages: Int = 1000
  ) {
    self.defaultFilter = defaultFilter
    self.defaultCurrency = defaultCurrency
    self.maxPages = maxPages
  }

  static let apiHost = "prices.azure.com"
  static let apiPath = "/api/retail/prices"

  public var format: SheetFormat { .azureRetail }

  public func handles(_ url: URL) -> Bool {
    let host = url.host?.lowercased() ?? ""
    let scheme = url.scheme?.lowercased() ?? ""
    let path = url.path.isEmpty ? "/" : url.path
    guard path == Self.apiPath || path == Self.apiPath + "/" else { return false }
    if scheme == "https", host == Self.apiHost { return true }
    return (scheme == "http" || scheme == "https") && URLPolicy.isLoopback(host)
  }

  /// The first page's URL: the user's URL, with `$filter` and `currencyCode` added when absent.
  public func startURL(_ url: URL) -> URL {
    guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
    var items = components.queryItems ?? []
    if !items.contains(where: { $0.name == "$filter" }) {
      items.append(URLQueryItem(name: "$filter", value: defaultFilter))
    }
    if !items.contains(where: { $0.name.lowercased() == "currencycode" }) {
      items.append(URLQueryItem(name: "currencyCode", value: "'\(defaultCurrency)'"))
    }
    components.queryItems = items
    components.percentEncodedQuery = components.percentEncodedQuery?
      .replacingOccurrences(of: "'", with: "%27")
    return components.url ?? url
  }

  public func documents(from url: URL, fetcher: any DocumentFetcher) throws -> [SheetDocument] {
    let start = startURL(url)
    try URLPolicy.check(start)
    let startHost = start.host?.lowercased() ?? ""
    let loopback = URLPolicy.isLoopback(startHost)
    var seen: Set<String> = [Self.canonical(start)]
    var documents: [SheetDocument] = []
    var next: URL? = start
    while let current = next {
      guard documents.count < maxPages else {
        throw SheetError.inconsistentPages(
          file: url.absoluteString, reason: "more than \(maxPages) pages; stopped")
      }
      let data = try fetcher.fetch(current)
      let document = SheetDocument(uri: current.absoluteString, data: data)
      documents.append(document)
      let link = try JSONDocument.parse(data, file: current.absoluteString, rootName: "$") { json in
        try json.require(json.root, .object)
        return try json.optionalString(json.root, "NextPageLink")
      }
      guard let link, !link.trimmingCharacters(in: .whitespaces).isEmpty else { break }
      guard let nextURL = URL(string: link) else {
        throw SheetError.malformed(
          file: current.absoluteString, location: "NextPageLink", reason: "'\(link)' is not a URL")
      }
      try checkLink(nextURL, startHost: startHost, loopback: loopback, page: current)
      guard seen.insert(Self.canonical(nextURL)).inserted else {
        throw SheetError.inconsistentPages(
          file: current.absoluteString,
          reason: "NextPageLink \(link) repeats a page already fetched (page cycle)")
      }
      next = nextURL
    }
    return documents
  }

  private func checkLink(_ link: URL, startHost: String, loopback: Bool, page: URL) throws {
    let scheme = link.scheme?.lowercased() ?? ""
    let host = link.host?.lowercased() ?? ""
    if loopback {
      guard scheme == "http" || scheme == "https", URLPolicy.isLoopback(host) else {
        throw SheetError.unsafeURL(
          url: link.absoluteString, reason: "NextPageLink of \(page.absoluteString) leaves loopback")
      }
      return
    }
    guard scheme == "https" else {
      throw SheetError.unsafeURL(url: link.absoluteString, reason: "NextPageLink is not https")
    }
    guard host == startHost else {
      throw SheetError.unsafeURL(
        url: link.absoluteString, reason: "NextPageLink points to another host than \(startHost)")
    }
  }

  /// A URL text with the default https port removed, so `:443` spellings compare equal.
  static func canonical(_ url: URL) -> String {
    guard var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
    if c.scheme?.lowercased() == "https", c.port == 443 { c.port = nil }
    if c.scheme?.lowercased() == "http", c.port == 80 { c.port = nil }
    c.host = c.host?.lowercased()
    return c.string ?? url.absoluteString
  }
}
