import Foundation
import FuzzDriver
import Usage

/// libFuzzer entry: the bytes are one usage export (any of the six formats, plain or gzip; the
/// format detected from the content as `ratecard usage import` does). Errors are expected;
/// crashes, hangs and memory faults are not. Every usage line read must carry a quantity and a
/// token count that are not negative.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let input = try? UsageInput(data: Data(bytes: data, count: size), uri: "fuzz.csv"),
    let format = try? UsageFormatDetector.detect(input)
  else { return 0 }
  _ = try? format.reader.read(input) { line in
    if line.charge == .usage, (line.quantity ?? 0) < 0 || (line.tokens ?? 0) < 0 {
      fatalError("negative usage accepted on line \(line.line)")
    }
  }
  return 0
}

// The program: libFuzzer's driver with the entry above (flags and corpus folders from argv).
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzz($0, size) } ?? 0 })
