// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets for ratecard's parsers. A separate package so that `swift build` and
/// `swift test` of the main package never build them. Build and run with `scripts/fuzz.sh`:
///   swift build -c release -Xswiftc -sanitize=fuzzer,address --product <target>
///
/// Each target's main.swift has the `LLVMFuzzerTestOneInput` entry and top-level code that starts
/// libFuzzer's driver (`LLVMFuzzerRunDriver`): SwiftPM links executables with
/// `--defsym main=<Module>_main`, so the usual `-parse-as-library` (no Swift main, libFuzzer's main
/// wins) fails to link with "undefined symbol <Module>_main" (swiftlang/swift-package-manager#8731).
///
/// The main package is a path dependency; SwiftPM names it after its folder, so the name is
/// computed here and the package works from any clone (`main`, a worktree, CI's checkout).
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "ratecard"
let ratecard = root.lowercased()

let package = Package(
  name: "ratecard-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "..")],
  targets: [
    // The declaration of libFuzzer's driver entry point.
    .target(name: "FuzzDriver"),
    // AWSOfferJSONReader: one AWS offer JSON document.
    .executableTarget(
      name: "FuzzAWSOffer", dependencies: ["FuzzDriver", .product(name: "PriceSheets", package: ratecard)]),
    // AzureRetailReader: one Azure Retail Prices page.
    .executableTarget(
      name: "FuzzAzurePage", dependencies: ["FuzzDriver", .product(name: "PriceSheets", package: ratecard)]),
    // AzureMeterGrammar.parse: one meter name.
    .executableTarget(
      name: "FuzzMeterName", dependencies: ["FuzzDriver", .product(name: "PriceSheets", package: ratecard)]),
    // The usage export readers (issue 18): one export of any format, plain or gzip.
    .executableTarget(
      name: "FuzzUsage",
      dependencies: ["FuzzDriver", .product(name: "Usage", package: ratecard)]),
    // ProfileParser: one profile YAML file.
    .executableTarget(
      name: "FuzzProfile", dependencies: ["FuzzDriver", .product(name: "CostEngine", package: ratecard)]),
  ]
)
