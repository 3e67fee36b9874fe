import ArgumentParser
import Catalog
import Foundation
import RatecardKit

struct ModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "Canonical models: capabilities, context, quality scores, and where each is offered.",
    discussion: """
      Prices are the cheapest current standard-tier rate per 1M tokens on each cloud among plain \
      text rates (variant "", no commitment). Models come from the built-in catalogue plus \
      $XDG_CONFIG_HOME/ratecard/catalog* and --catalog files.
      """)

  @Flag(name: .customLong("both-clouds"), help: "Only models with current token rates on AWS and Azure.")
  var bothClouds = false
  @Flag(help: "Only models with current token rates.") var offered = false
  @Flag(
    name: .customLong("all-kinds"), help: "Also embedding, image, audio, realtime and other non-chat models.")
  var allKinds = false
  @Option(help: "Currency of the prices shown.") var currency = "USD"
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, catalog) = try self.store.openWithCatalog()
      var query = CatalogViews.ModelsQuery()
      query.bothClouds = bothClouds
      query.offeredOnly = offered
      query.allKinds = allKinds
      query.currency = currency.uppercased()
      let rates = try store.currentModelTokenRates()
      if offered || bothClouds, rates.isEmpty { throw ArgumentError.noRatesImported(path: self.store.path) }
      query.currency = try ArgumentChecks(store: rates.isEmpty ? nil : store, catalog: catalog).currencies([currency])[0]
      try output.print(CatalogViews.models(catalog, rates: rates, query: query))
    }
  }
}

struct CatalogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog", abstract: "The model catalogue and how sheet names resolve to it.",
    subcommands: [CatalogUnmatchedCommand.self, CatalogResolveCommand.self])
}

struct CatalogUnmatchedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unmatched",
    abstract: "Sheet model names of current rates that resolve to no catalogue model, token rates first.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let (store, _) = try self.store.openWithCatalog()
      try output.print(CatalogViews.unmatched(try store.unmatchedSheetNames()))
    }
  }
}

struct CatalogResolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolve",
    abstract:
      "The canonical model for names: ids, runtime ids, inference profiles, price-list names, Azure names or meter stems."
  )

  @Argument(help: "Names to resolve.") var names: [String]
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try guarded {
      let catalog = try CatalogLoader.load(explicit: store.catalog)
      try output.print(CatalogViews.resolved(names, catalog: catalog))
    }
  }
}
