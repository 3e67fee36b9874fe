// swift-tools-version: 6.0
import PackageDescription

/// ratecard: LLM price sheets (AWS Bedrock, Azure Foundry) into a SQLite store with history,
/// and a cost engine on top. See docs/architecture.md for the module layout and data flow.
let package = Package(
  name: "ratecard",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "ratecard", targets: ["ratecard"]),
    .library(name: "RatecardKit", targets: ["RatecardKit"]),
    // The parsers alone, for the fuzz package in Fuzz/ (never built by CI).
    .library(name: "PriceSheets", targets: ["PriceSheets"]),
    .library(name: "CostEngine", targets: ["CostEngine"]),
    // Usage export readers and matching (also for the fuzz package).
    .library(name: "Usage", targets: ["Usage"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    // The vocabulary: providers, scopes, tiers, meters, exact decimals, rates.
    .target(name: "Pricing"),
    // One reader per sheet format behind one protocol; pure functions of their input.
    .target(
      name: "PriceSheets",
      dependencies: ["Pricing", .product(name: "CSV", package: "CSV.swift")]
    ),
    // Models, aliases, regions and quality scores; resolution of sheet names to canonical models.
    .target(
      name: "Catalog",
      dependencies: ["Pricing", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The SQLite store: migrations, import runs, history merge, queries.
    .target(
      name: "RateStore",
      dependencies: [
        "Pricing", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      resources: [
        .embedInCode("Migrations/v0001_initial.sql"),
        .embedInCode("Migrations/v0002_import_speed.sql"),
        .embedInCode("Migrations/v0003_offer_cache.sql"),
        .embedInCode("Migrations/v0004_import_batches.sql"),
        .embedInCode("Migrations/v0005_usage.sql"),
      ]
    ),
    // Workload profiles, projections, recommendations, comparisons.
    .target(
      name: "CostEngine",
      dependencies: ["Pricing", "Yams"]
    ),
    // Output formatters (table, json, csv) and finance exports.
    .target(
      name: "Reports",
      dependencies: ["Pricing", "CostEngine", .product(name: "CSV", package: "CSV.swift")]
    ),
    // The application layer: import pipeline (fetch, detect, read, resolve, merge) and query wiring.
    .target(
      name: "RatecardKit",
      dependencies: [
        "Pricing", "PriceSheets", "Catalog", "RateStore", "CostEngine", "Reports",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
      ]
    ),
    // The system zlib (Debian's zlib1g-dev), for reading gzip usage exports as a stream.
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    // Actual usage (issue 18): one reader per export format behind one protocol, matching of each
    // line to its stored rate as of the usage day, the usage tables and their queries.
    .target(
      name: "Usage",
      dependencies: [
        "Pricing", "RateStore", "Reports", "CZlib", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The command-line front end: argument parsing and printing only.
    .executableTarget(
      name: "ratecard",
      dependencies: ["RatecardKit", "Usage", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // The benchmark (issue 7): run in release, prints one figure per line.
    .executableTarget(name: "ratecard-bench", dependencies: []),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "PricingTests", dependencies: ["Pricing"]),
    .testTarget(
      name: "PriceSheetsTests", dependencies: ["PriceSheets", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(name: "RateStoreTests", dependencies: ["RateStore", "TestSupport"]),
    .testTarget(name: "CatalogTests", dependencies: ["Catalog", "RatecardKit", "TestSupport"]),
    .testTarget(
      name: "RatecardKitTests", dependencies: ["RatecardKit", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "CostEngineTests",
      dependencies: [
        "CostEngine", "Pricing", "Yams", "Reports", "RatecardKit", .product(name: "CSV", package: "CSV.swift"),
      ]),
    .testTarget(
      name: "ReportsTests",
      dependencies: ["Reports", "CostEngine", "Pricing", .product(name: "CSV", package: "CSV.swift")]),
    .testTarget(
      name: "UsageTests", dependencies: ["Usage", "RatecardKit", "RateStore", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["TestSupport", .product(name: "CSV", package: "CSV.swift")],
      exclude: ["Snapshots"]),
  ]
)
