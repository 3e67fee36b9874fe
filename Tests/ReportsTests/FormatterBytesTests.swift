import Foundation
import Reports
import Testing

@Suite("JSON and table formatters write the same text in chunks as in one piece")
struct FormatterBytesTests {
  static let hostile = [
    "plain", "quote \" and backslash \\", "new\nline\r\ttab", "\u{01}\u{1F}\u{7F}", "line\u{2028}sep\u{2029}",
    "é ü 中文 🎉", "", "\u{85}next",
  ]

  static var report: Report {
    Report(
      records: (0..<3000).map { i in
        Record([
          .init("name", .text(hostile[i % hostile.count])), .init("n", .integer(i)),
          .init("amount", .decimal(Decimal(i) / 7)), .init("flag", .bool(i % 2 == 0)), .init("none", .null),
          .init("list", .list(hostile)), .init("nested", .object(Record([.init("k", .text("v\(i)"))]))),
          .init("rows", .records(i % 3 == 0 ? [] : [Record([.init("x", .integer(i))])])),
        ])
      }, footer: ["total: 3000", "done"])
  }

  @Test("JSON escapes as RFC 8259, with \\u escapes for C0 controls and U+2028 / U+2029")
  func jsonEscapes() throws {
    #expect(JSONFormatter.quote("a\"b\\c\n\r\t\u{01}\u{2028}\u{2029}é") == #""a\"b\\c\n\r\t\u0001\u2028\u2029é""#)
    #expect(JSONFormatter.quote("\u{1F}\u{7F}") == "\"\\u001f\u{7F}\"")
    let text = try OutputFormat.json.string(Self.report)
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 3000)
    #expect(parsed?[1]["name"] as? String == Self.hostile[1])
    #expect(parsed?[4]["name"] as? String == Self.hostile[4])
  }

  @Test("the UTF-8 chunks join to the string rendering", arguments: [OutputFormat.json, .table, .csv])
  func chunksJoin(format: OutputFormat) throws {
    var bytes: [UInt8] = []
    var chunks = 0
    try format.formatter.renderUTF8(Self.report) { chunk in
      bytes += chunk
      chunks += 1
    }
    #expect(String(decoding: bytes, as: UTF8.self) == (try format.string(Self.report)))
    if format != .csv { #expect(chunks > 1) }
  }

  @Test("tables: control characters become spaces, widths count characters, lines end at the last column")
  func table() throws {
    let report = Report(
      records: [
        Record([.init("a", .text("x\ty")), .init("b", .integer(5))]),
        Record([.init("a", .text("中文")), .init("b", .integer(12345))]),
      ], footer: ["end"])
    let text = try OutputFormat.table.string(report)
    #expect(text == "a        b\n---  -----\nx y      5\n中文   12345\nend\n")
  }
}
