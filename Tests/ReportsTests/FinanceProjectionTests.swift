import CostEngine
import Foundation
import Pricing
import Reports
import Testing

@Suite("Projection exports (plain and FOCUS) parse back to the projection's totals")
struct FinanceProjectionTests {
  let engine = HostileData.engine()
  let profile = HostileData.profile()
  let months = 4

  /// Every eligible offer's rows through the given columns, as the export writes them.
  func export(_ cells: (FinanceLineItem) -> [Cell], header: [String]) throws -> (String, [Projection]) {
    let projections = try engine.project(profile)
    var rows: [[Cell]] = [header.map { .text($0) }]
    for (i, p) in projections.enumerated() {
      FinanceLineItem.forEach(
        profile: profile.name, rank: String(i + 1), projection: p, growth: profile.growthPerMonth,
        months: months, context: HostileData.context
      ) { rows.append(cells($0)) }
    }
    return (try CSVLines.lines(rows), projections)
  }

  @Test("plain: row count, exact and rounded totals per offer and month, hostile names neutralised")
  func plain() throws {
    let (text, projections) = try export(FinanceProjectionCSV.cells, header: FinanceProjectionCSV.columns)
    #expect(projections.count == HostileData.models.count * HostileData.regions.count)
    let csv = try ParsedCSV(text)
    #expect(csv.header == FinanceProjectionCSV.columns)
    #expect(csv.rows.count == projections.reduce(0) { $0 + $1.lines.count } * months)
    for (i, p) in projections.enumerated() {
      for m in 1...months {
        let rows = csv.rows.filter { $0["rank"] == String(i + 1) && $0["month"] == String(m) }
        #expect(rows.count == p.lines.count)
        let cost = rows.reduce(Decimal(0)) { $0 + ParsedCSV.number($1, "cost")! }
        let rounded = rows.reduce(Decimal(0)) { $0 + ParsedCSV.number($1, "costRounded")! }
        let listRounded = rows.reduce(Decimal(0)) { $0 + ParsedCSV.number($1, "listCostRounded")! }
        let forecast = p.forecast(month: m - 1, growth: profile.growthPerMonth)
        #expect(cost == forecast)
        #expect(rounded == FinanceRounding.cents(forecast))
        var factor: Decimal = 1
        for _ in 1..<m { factor *= 1 + profile.growthPerMonth }
        #expect(listRounded == FinanceRounding.cents(p.listMonthlyCost * factor))
        #expect(rows.allSatisfy { $0["growthFactor"] == factor.exactText })
        for row in rows {
          // Text cells come back neutralised; numbers untouched.
          #expect(row["model"] == neutralised(p.offer.model))
          #expect(row["region"] == neutralised(p.offer.region))
          #expect(row["regionName"] == "'-Region \"\(p.offer.region)\"")
          #expect(row["sku"]?.hasPrefix("'=SKU(") == true)
          #expect(row["sheetKey"]?.hasPrefix("'@") == true)
          #expect(row["sheetModel"] == neutralised(p.offer.model))
          #expect(row["profile"] == "'" + HostileData.profileName)
          #expect(row["periodStart"] == FinancePeriod("2026-12")!.adding(months: m - 1).firstDay)
          let costRounded = try #require(row["costRounded"])
          #expect(costRounded.split(separator: ".").last?.count == 2)
          #expect(ParsedCSV.number(row, "quantity") != nil)
          #expect(ParsedCSV.number(row, "unitPrice") != nil)
        }
      }
    }
    // Every hostile model name came through, byte for byte apart from the guard's apostrophe.
    let models = Set(csv.rows.compactMap { $0["model"] })
    #expect(models.contains("'=cmd|' /C calc'!A0"))
    #expect(models.contains("'+SUM(1,2)"))
    #expect(models.contains("'-2+3"))
    #expect(models.contains("'@A1"))
    #expect(models.contains("'\tTabbed"))
    #expect(models.contains("'\rCarriage"))
    #expect(models.contains("Quote \"q\", comma, and\nnewline"))
    #expect(models.contains("Zürich-東京 modèle"))
    let regions = Set(csv.rows.compactMap { $0["region"] })
    #expect(regions == ["'=hyperlink(\"x\")", "zürich, \"süd\"\nnord"])
  }

  @Test("FOCUS: FOCUS identities hold on every row, totals match, x_ columns present")
  func focus() throws {
    let (text, projections) = try export(FocusForecast.cells, header: FocusForecast.columns)
    let csv = try ParsedCSV(text)
    #expect(csv.header == FocusForecast.columns)
    for required in [
      "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
      "ChargeCategory", "ChargeDescription", "ProviderName", "PublisherName", "InvoiceIssuerName", "ServiceName",
      "ServiceCategory", "RegionId", "RegionName", "SkuId", "SkuPriceId", "PricingUnit", "PricingQuantity",
      "ListUnitPrice", "ListCost", "ContractedUnitPrice", "ContractedCost", "EffectiveCost", "BilledCost",
      "ConsumedQuantity", "ConsumedUnit", "x_Profile", "x_CanonicalModel", "x_Scope", "x_Tier",
      "x_PriceSnapshot", "x_IsForecast",
    ] {
      #expect(csv.header.contains(required), "\(required)")
    }
    #expect(csv.rows.count == projections.reduce(0) { $0 + $1.lines.count } * months)
    let million = Decimal(1_000_000)
    for row in csv.rows {
      let quantity = try #require(ParsedCSV.number(row, "PricingQuantity"))
      let list = try #require(ParsedCSV.number(row, "ListUnitPrice"))
      let contracted = try #require(ParsedCSV.number(row, "ContractedUnitPrice"))
      #expect(ParsedCSV.number(row, "ListCost") == list * quantity)
      #expect(ParsedCSV.number(row, "ContractedCost") == contracted * quantity)
      #expect(ParsedCSV.number(row, "EffectiveCost") == ParsedCSV.number(row, "ContractedCost"))
      #expect(ParsedCSV.number(row, "BilledCost") == ParsedCSV.number(row, "ContractedCost"))
      #expect(ParsedCSV.number(row, "ConsumedQuantity") == quantity * million)
      #expect(row["ChargeCategory"] == "Usage")
      #expect(row["ServiceCategory"] == "AI and Machine Learning")
      #expect(row["PricingUnit"] == "1000000 Tokens")
      #expect(row["ConsumedUnit"] == "Tokens")
      #expect(row["x_IsForecast"] == "true")
      #expect(row["x_PriceSnapshot"] == "run:3")
      #expect(row["BillingCurrency"] == "USD")
      #expect(row["ChargePeriodStart"] == row["BillingPeriodStart"])
    }
    for (i, p) in projections.enumerated() {
      for m in 1...months {
        let rows = csv.rows.filter { $0["x_Rank"] == String(i + 1) && $0["x_ForecastMonth"] == String(m) }
        let period = FinancePeriod("2026-12")!.adding(months: m - 1)
        #expect(rows.allSatisfy { $0["BillingPeriodStart"] == period.start && $0["BillingPeriodEnd"] == period.endExclusive })
        let billed = rows.reduce(Decimal(0)) { $0 + ParsedCSV.number($1, "BilledCost")! }
        let rounded = rows.reduce(Decimal(0)) { $0 + ParsedCSV.number($1, "x_BilledCostRounded")! }
        let forecast = p.forecast(month: m - 1, growth: profile.growthPerMonth)
        #expect(billed == forecast)
        #expect(rounded == FinanceRounding.cents(forecast))
        #expect(rows.allSatisfy { $0["RegionId"] == neutralised(p.offer.region) })
        #expect(rows.allSatisfy { $0["PublisherName"] == "'+" + p.offer.model })
        #expect(rows.allSatisfy { $0["x_CanonicalModel"] == neutralised(p.offer.model) })
      }
    }
  }
}
