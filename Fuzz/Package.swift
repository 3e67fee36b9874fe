// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets for ratecard's parsers. A separate package so that `swift build` and
/// `swift test` of the main package never build them. Build and run with `scripts/fuzz.sh`:
///   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product <target>
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
    // AWSOfferJSONReader: one AWS offer JSON document.
    .executableTarget(
      name: "FuzzAWSOffer", dependencies: [.product(name: "PriceSheets", package: ratecard)]),
    // AzureRetailReader: one Azure Retail Prices page.
    .executableTarget(
      name: "FuzzAzurePage", dependencies: [.product(name: "PriceSheets", package: ratecard)]),
    // AzureMeterGrammar.parse: one meter name.
    .executableTarget(
      name: "FuzzMeterName", dependencies: [.product(name: "PriceSheets", package: ratecard)]),
    // ProfileParser: one profile YAML file.
    .executableTarget(
      name: "FuzzProfile", dependencies: [.product(name: "CostEngine", package: ratecard)]),
  ]
)
