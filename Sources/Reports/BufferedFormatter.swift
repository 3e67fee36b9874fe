import Foundation

/// A formatter that writes its whole output into a ``UTF8Buffer``, flushing between records: the
/// `String` and byte forms of ``OutputFormatter`` come from one `render(_:into:flush:)`.
protocol BufferedFormatter: OutputFormatter {
  /// Appends the document to `out`, calling `flush` whenever the buffer holds a chunk.
  static func render(_ report: Report, into out: inout UTF8Buffer, flush: (inout UTF8Buffer) -> Void)
}

extension BufferedFormatter {
  public func render(_ report: Report, to write: (String) -> Void) throws {
    var out = UTF8Buffer()
    Self.render(report, into: &out) { $0.flush(write) }
    out.flush(write)
  }

  public func renderUTF8(_ report: Report, to write: (UnsafeBufferPointer<UInt8>) -> Void) throws {
    withoutActuallyEscaping(write) { write in
      var out = UTF8Buffer()
      out.sink = write
      Self.render(report, into: &out) { $0.flushBytes(write) }
      out.flushBytes(write)
      out.sink = nil
    }
  }
}
