import Foundation
import Testing

@testable import Catalog

/// The catalogue's CSV grammar (parsed on UTF-8 bytes; fields come back trimmed of whitespace,
/// including non-ASCII spaces such as U+00A0).
@Suite struct CSVTableTests {
  @Test("quotes, doubled quotes, line breaks in quotes, CR, BOM, blank lines and non-ASCII text")
  func grammar() throws {
    let text = "\u{FEFF}id, Name ,note\r\n\"a,1\",\"He said \"\"hi\"\"\",\"two\nlines\"\r\n\nb,Zürich 東京,\u{00A0}x\u{00A0}\n\"\",,\"\""
    let t = try CSVTable(file: "t.csv", text: text)
    #expect(t.header == ["id", "name", "note"])
    #expect(t.rows.map(\.fields) == [
      ["a,1", "He said \"hi\"", "two\nlines"], ["b", "Zürich 東京", "x"], ["", "", ""],
    ])
    #expect(t.rows.map(\.line) == [2, 5, 6])
    #expect(t.value(t.rows[1], "note") == "x")
    #expect(t.value(t.rows[0], "name") == "He said \"hi\"")
  }

  @Test("errors name the line")
  func errors() {
    #expect(throws: CatalogError.malformed(file: "t.csv", line: 2, reason: "text after a closing quote")) {
      try CSVTable(file: "t.csv", text: "a,b\n\"x\"y,z\n")
    }
    #expect(throws: CatalogError.malformed(file: "t.csv", line: 3, reason: "a quoted field is never closed")) {
      try CSVTable(file: "t.csv", text: "a,b\nx,y\n\"open,\nz\n")
    }
    #expect(throws: CatalogError.malformed(file: "t.csv", line: 1, reason: "the file is empty: a header row is required")) {
      try CSVTable(file: "t.csv", text: "\n\n")
    }
    #expect(throws: CatalogError.malformed(file: "t.csv", line: 2, reason: "1 fields, the header has 2")) {
      try CSVTable(file: "t.csv", text: "a,b\nx\n")
    }
  }
}
