/// A document that is not valid JSON: what is wrong, where (byte offset, line and column) and
/// the JSON path of the value being read when it went wrong (`products.ABC.attributes`).
struct JSONSyntaxError: Error, Sendable, Equatable {
  var message: String
  /// Byte offset from the start of the document.
  var offset: Int
  /// 1-based line and column (in bytes) of `offset`.
  var line: Int
  var column: Int
  /// The path of the innermost value being read; empty at the top level.
  var path: String

  /// `<message> at line L, column C (byte O), in <path>`.
  var description: String {
    "\(message) at line \(line), column \(column) (byte \(offset))"
      + (path.isEmpty ? "" : ", in \(path)")
  }
}
