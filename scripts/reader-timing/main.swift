import Foundation
import Pricing

// Reader-alone timing (see scripts/reader-timing.sh): the 25 shared sheets of issue 7 are loaded
// into memory first; each figure is the median of `runs` reads. The legacy readers are the former
// JSONDecoder ones, kept in Tests/PriceSheetsTests/Legacy.
//   reader-timing [all|aws-new|aws-old|azure-new|azure-old|parse|none] [runs] [shared dir]
let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "all"
let runs = args.count > 2 ? Int(args[2]) ?? 5 : 5
let shared = args.count > 3 ? args[3] : "../shared"
let S = shared + "/pricesheets"
let awsPaths = ["AmazonBedrock", "AmazonBedrockFoundationModels", "AmazonBedrockService"].map {
  "\(S)/aws/offers/v1.0/aws/\($0)/current/index.json"
}
let azureDir = "\(S)/azure/retail-prices"
let azurePaths = try FileManager.default.contentsOfDirectory(atPath: azureDir).sorted().map {
  "\(azureDir)/\($0)"
}
func load(_ p: String) throws -> SheetDocument {
  SheetDocument(uri: p, data: try Data(contentsOf: URL(fileURLWithPath: p)))
}
let awsDocs = try awsPaths.map(load)
let azureDocs = try azurePaths.map(load)

func median(_ name: String, _ body: () throws -> Int) rethrows {
  var times: [Double] = []
  var n = 0
  for _ in 0..<runs {
    let t0 = DispatchTime.now().uptimeNanoseconds
    n = try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
  }
  times.sort()
  print(
    String(format: "%@ %.3f s (median of %d, min %.3f; %d)", name, times[times.count / 2], runs, times[0], n))
}
if mode == "aws-new" || mode == "all" {
  try median("reader_aws_json_new") {
    try awsDocs.map { try AWSOfferJSONReader().read([$0], options: ReadOptions()).rates.count }.reduce(0, +)
  }
}
if mode == "aws-old" || mode == "all" {
  try median("reader_aws_json_jsondecoder") {
    try awsDocs.map { try LegacyAWSOfferJSONReader().read([$0], options: ReadOptions()).rates.count }.reduce(
      0, +)
  }
}
if mode == "azure-new" || mode == "all" {
  try median("reader_azure_new") {
    try AzureRetailReader().read(azureDocs, options: ReadOptions()).rates.count
  }
}
if mode == "azure-old" || mode == "all" {
  try median("reader_azure_jsondecoder") {
    try LegacyAzureRetailReader().read(azureDocs, options: ReadOptions()).rates.count
  }
}
if mode == "parse" || mode == "all" {
  try median("json_parse_only_25_files") {
    var n = 0
    for d in awsDocs + azureDocs {
      n += try d.data.withUnsafeBytes { try JSONParser.parse($0.bindMemory(to: UInt8.self)).entries.count }
    }
    return n
  }
}
