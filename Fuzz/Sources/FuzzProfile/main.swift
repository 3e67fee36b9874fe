import CostEngine
import Foundation
import FuzzDriver

/// libFuzzer entry: the bytes are one profile YAML file. Errors must be ``ProfileError``s (with a
/// file, line and column); anything else thrown, a crash, a hang or a memory fault is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let text = String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8) else {
    return 0
  }
  do {
    _ = try ProfileParser().parse(text, file: "fuzz.yaml")
  } catch let error as ProfileError {
    precondition(error.mark.file == "fuzz.yaml" && error.mark.line >= 1 && error.mark.column >= 0)
  } catch {
    fatalError("not a ProfileError: \(type(of: error)) \(error)")
  }
  return 0
}

// The program: libFuzzer's driver with the entry above (flags and corpus folders from argv).
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzz($0, size) } ?? 0 })
