import Foundation
import FuzzDriver
import PriceSheets

/// libFuzzer entry: the bytes are one Azure Retail Prices page. Errors are expected; crashes,
/// hangs and memory faults are not. Every rate read must carry a price that is not negative.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let document = SheetDocument(uri: "fuzz.json", data: Data(bytes: data, count: size))
  if let sheet = try? AzureRetailReader().read([document], options: ReadOptions(includeDevTest: true)) {
    for rate in sheet.rates where rate.price < 0 {
      fatalError("negative price accepted: \(rate.sheetPrice)")
    }
  }
  return 0
}

// The program: libFuzzer's driver with the entry above (flags and corpus folders from argv).
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzz($0, size) } ?? 0 })
