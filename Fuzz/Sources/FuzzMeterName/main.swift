import Foundation
import FuzzDriver
import PriceSheets

/// libFuzzer entry: the bytes (as UTF-8, invalid sequences replaced) are one Azure meter name.
/// The grammar never throws; it must not crash, and its derived views must be computable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let name = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let parsed = AzureMeterGrammar.parse(name)
  _ = parsed.sheetModel
  _ = parsed.variant
  _ = parsed.tokenMeter
  _ = parsed.isTokens
  return 0
}

// The program: libFuzzer's driver with the entry above (flags and corpus folders from argv).
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzz($0, size) } ?? 0 })
