import Foundation
import PriceSheets
import Pricing

extension ImportPipeline {
  /// Turns one SOURCE argument into the units to import: a file, every sheet in a directory
  /// (Azure pages in one directory form one source), or a URL (Azure pager, or a fetched document).
  /// Index documents (AWS offer and region indexes) are expanded into the documents they name.
  func plan(_ source: String, forced: SheetFormat?, options: ReadOptions) throws -> [SourceUnit] {
    if let url = URL(string: source), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https"
    {
      try URLPolicy.check(url)
      if let live = FormatRegistry.liveSources.first(where: { $0.handles(url) }),
        forced == nil || forced == live.format
      {
        let docs = try live.documents(from: url, fetcher: fetcher)
        return [SourceUnit(kind: "url", uri: source, format: live.format, documents: docs)]
      }
      let data = try fetcher.fetch(url)
      return try units(for: SheetDocument(uri: source, data: data), kind: "url", forced: forced, options: options, depth: 0)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
      throw ImportError.noSuchSource(source)
    }
    if isDirectory.boolValue {
      return try directoryUnits(source, forced: forced, options: options)
    }
    return try units(for: try load(source), kind: "file", forced: forced, options: options, depth: 0)
  }

  /// A file-backed document for `path`, after checking that the file can be read (its bytes are
  /// read again, one document at a time, when the document is hashed and parsed).
  func load(_ path: String) throws -> SheetDocument {
    let document = SheetDocument(uri: path, contentsOfFile: path)
    do {
      _ = try document.load()
      return document
    } catch {
      throw SheetError.malformed(file: path, location: "file", reason: "cannot read: \(error.localizedDescription)")
    }
  }

  func directoryUnits(_ dir: String, forced: SheetFormat?, options: ReadOptions) throws -> [SourceUnit] {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir)
      .filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") }
      .sorted()
    guard !names.isEmpty else { throw ImportError.emptyDirectory(dir) }
    var result: [SourceUnit] = []
    var pages: [SheetDocument] = []
    for name in names {
      let path = (dir as NSString).appendingPathComponent(name)
      let document = try load(path)
      let format = try forced ?? FormatDetector.detect(document)
      if format.isPaged {
        pages.append(document)
      } else {
        result += try units(for: document, kind: "file", forced: format, options: options, depth: 0)
      }
    }
    if !pages.isEmpty {
      result.append(SourceUnit(kind: "directory", uri: dir, format: .azureRetail, documents: pages))
    }
    return result
  }

  func units(
    for document: SheetDocument, kind: String, forced: SheetFormat?, options: ReadOptions,
    depth: Int
  ) throws -> [SourceUnit] {
    let detected = try FormatDetector.detect(document)
    let format = forced ?? detected
    if let forced, forced != detected {
      throw SheetError.wrongFormat(file: document.uri, expected: forced.rawValue, found: detected.rawValue)
    }
    guard let expander = format.expander else {
      return [SourceUnit(kind: kind, uri: document.uri, format: format, documents: [document])]
    }
    guard depth < 3 else { throw ImportError.indexLoop(document.uri) }
    var result: [SourceUnit] = []
    for target in try expander.expand(document, options: options) {
      let resolved = try resolve(target, relativeTo: document.uri)
      if resolved.isURL {
        guard let url = URL(string: resolved.location) else { throw ImportError.noSuchSource(resolved.location) }
        try URLPolicy.check(url)
        let data = try fetcher.fetch(url)
        result += try units(
          for: SheetDocument(uri: resolved.location, data: data), kind: "url", forced: nil,
          options: options, depth: depth + 1)
      } else {
        result += try units(
          for: try load(resolved.location), kind: "file", forced: nil, options: options,
          depth: depth + 1)
      }
    }
    return result
  }

  /// Resolves a link found in an index. AWS indexes hold absolute paths (`/offers/v1.0/...`):
  /// against a URL they keep its scheme and host; against a file they resolve inside the folder
  /// tree that mirrors the URL paths (the part of the index path before `/offers/`).
  func resolve(_ link: String, relativeTo base: String) throws -> (location: String, isURL: Bool) {
    if link.hasPrefix("https://") || link.hasPrefix("http://") {
      // An absolute link must stay on the index's own host (or, from a file, on AWS's price host).
      guard let url = URL(string: link) else { throw ImportError.noSuchSource(link) }
      try URLPolicy.check(url)
      let baseHost = URL(string: base)?.host
      let allowed = baseHost ?? "pricing.us-east-1.amazonaws.com"
      guard url.host == allowed else {
        throw SheetError.unsafeURL(url: link, reason: "the index points to another host than \(allowed)")
      }
      return (link, true)
    }
    if let baseURL = URL(string: base), let scheme = baseURL.scheme, scheme.hasPrefix("http") {
      guard let url = URL(string: link, relativeTo: baseURL)?.absoluteURL else {
        throw ImportError.noSuchSource(link)
      }
      guard url.host == baseURL.host else {
        throw SheetError.unsafeURL(url: url.absoluteString, reason: "the index points to another host")
      }
      return (url.absoluteString, true)
    }
    if link.hasPrefix("/") {
      let root: String
      if let range = base.range(of: "/offers/") {
        root = String(base[..<range.lowerBound])
      } else {
        root = (base as NSString).deletingLastPathComponent
      }
      return (root + link, false)
    }
    return (((base as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link), false)
  }
}
