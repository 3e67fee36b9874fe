import Foundation
import Pricing

/// Bedrock model invocation logs: one `ModelInvocationLog` JSON object a line (plain or gzip).
/// Each request gives up to four lines (input, output, cache read, cache write tokens; the
/// input line carries the request). `inputTokenCount` excludes the cache reads and writes, which
/// are counted apart. A cross-region profile id (`us.`, `eu.`, `apac.`, `global.`) gives the scope.
struct BedrockInvocationLogReader: UsageReader {
  var format: UsageFormat { .bedrockInvocationLog }

  struct Record: Decodable {
    struct Identity: Decodable { var arn: String? }
    struct Input: Decodable {
      var inputTokenCount: Int?
      var cacheReadInputTokenCount: Int?
      var cacheWriteInputTokenCount: Int?
    }
    struct Output: Decodable { var outputTokenCount: Int? }
    var schemaType: String?
    var timestamp: String
    var accountId: String?
    var identity: Identity?
    var region: String
    var modelId: String
    var input: Input?
    var output: Output?
  }

  func read(_ input: UsageInput, emit: (UsageLine) throws -> Void) throws -> UsageFileFacts {
    var consistency = FileConsistency(uri: input.uri)
    let decoder = JSONDecoder()
    var any = false
    try LineStream(input: input).forEachLine { bytes, line in
      guard bytes.contains(where: { !($0 == 32 || $0 == 9) }) else { return }
      any = true
      let record: Record
      do {
        record = try decoder.decode(Record.self, from: Data(buffer: bytes))
      } catch let DecodingError.keyNotFound(key, context) {
        throw UsageError.malformed(
          file: input.uri, line: line, column: Self.path(context.codingPath + [key]),
          reason: "the field is missing")
      } catch let DecodingError.typeMismatch(_, context) {
        throw UsageError.malformed(
          file: input.uri, line: line, column: Self.path(context.codingPath),
          reason: "wrong type: \(context.debugDescription)")
      } catch let DecodingError.valueNotFound(_, context) {
        throw UsageError.malformed(
          file: input.uri, line: line, column: Self.path(context.codingPath), reason: "the value is null")
      } catch let DecodingError.dataCorrupted(context) {
        throw UsageError.malformed(
          file: input.uri, line: line, column: context.codingPath.isEmpty ? nil : Self.path(context.codingPath),
          reason: "not a JSON object (\(Self.underlying(context)))")
      }
      if let type = record.schemaType, type != "ModelInvocationLog" {
        throw UsageError.malformed(
          file: input.uri, line: line, column: "schemaType", reason: "'\(type)' is not ModelInvocationLog")
      }
      guard let day = UsageDates.day(record.timestamp, usFormat: false) else {
        throw UsageError.malformed(
          file: input.uri, line: line, column: "timestamp", reason: "'\(record.timestamp.prefix(40))' is not an ISO 8601 time")
      }
      try consistency.check(day: day, line: line, column: "timestamp")
      let (model, scope) = Self.model(record.modelId)
      let counts: [(Meter, Int?, String)] = [
        (.input, record.input?.inputTokenCount, "input.inputTokenCount"),
        (.output, record.output?.outputTokenCount, "output.outputTokenCount"),
        (.cacheRead, record.input?.cacheReadInputTokenCount, "input.cacheReadInputTokenCount"),
        (.cacheWrite, record.input?.cacheWriteInputTokenCount, "input.cacheWriteInputTokenCount"),
      ]
      for (meter, count, field) in counts {
        let n = count ?? 0
        guard n >= 0 else {
          throw UsageError.malformed(file: input.uri, line: line, column: field, reason: "negative token count \(n)")
        }
        guard n > 0 || meter == .input else { continue }
        var usage = UsageLine(
          line: line, date: day, provider: .aws, account: record.accountId ?? "", service: "AmazonBedrock",
          isModelService: true, sku: record.modelId, sheetKey: model, region: record.region, unit: "tokens",
          billedCost: nil, currency: "", requests: meter == .input ? 1 : nil, meter: meter, scope: scope,
          caller: record.identity?.arn ?? "")
        usage.amounts = UsageAmounts(quantity: ExactValue(coefficient: Int128(n), scale: 0), tokens: ExactValue(coefficient: Int128(n), scale: 0))
        try emit(usage)
      }
    }
    if !any { throw UsageError.empty(file: input.uri) }
    return UsageFileFacts()
  }

  /// The model id without its cross-region prefix, and the scope the prefix names.
  static func model(_ id: String) -> (String, Scope) {
    var text = id
    if text.hasPrefix("arn:"), let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
    let geoPrefixes = ["us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov."]
    if text.hasPrefix("global.") { return (String(text.dropFirst(7)), .global) }
    for p in geoPrefixes where text.hasPrefix(p) { return (String(text.dropFirst(p.count)), .geo) }
    return (text, .regional)
  }

  static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }

  static func underlying(_ context: DecodingError.Context) -> String {
    if let e = context.underlyingError as NSError? {
      return e.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
    }
    return context.debugDescription
  }
}
