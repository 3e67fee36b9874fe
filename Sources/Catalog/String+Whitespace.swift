import Foundation

extension String {
  /// `trimmingCharacters(in: .whitespaces)`, without the Foundation call when neither end is
  /// whitespace (the usual case for catalogue cells). In ASCII, `.whitespaces` is space and tab.
  var trimmingWhitespace: String {
    guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
    if !Self.isWhitespace(first), !Self.isWhitespace(last) { return self }
    return trimmingCharacters(in: .whitespaces)
  }

  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar == " " || scalar == "\t" }
    return CharacterSet.whitespaces.contains(scalar)
  }
}
