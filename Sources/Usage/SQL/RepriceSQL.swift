import Foundation
import Pricing
import RateStore

/// The SQL engines `ratecard reprice --emit-sql` writes for (each one run by the tests).
public enum SQLDialect: String, Sendable, CaseIterable {
  case duckdb, spark

  /// A column or expression as text.
  func text(_ e: String) -> String { "CAST(\(e) AS \(self == .duckdb ? "VARCHAR" : "STRING"))" }

  /// A string literal (quotes escaped as the dialect reads them).
  func literal(_ s: String) -> String {
    switch self {
    case .duckdb: "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    case .spark: "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
  }

  func matches(_ e: String, _ regex: String) -> String {
    self == .duckdb ? "regexp_matches(\(e), \(literal(regex)))" : "(\(e) RLIKE \(literal(regex)))"
  }

  /// The `n`th (0-based) `|` field of a text, empty when it has fewer.
  func field(_ e: String, _ n: Int) -> String {
    self == .duckdb ? "split_part(\(e), '|', \(n + 1))" : "COALESCE(get(split(\(e), '[|]'), \(n)), '')"
  }

  /// A JSON object's string value (NULL when the text is not an object or has no such key).
  func json(_ e: String, _ key: String) -> String {
    switch self {
    case .duckdb:
      "CASE WHEN json_valid(\(e)) AND starts_with(trim(\(e)), '{') THEN json_extract_string(\(e), \(literal("$.\"" + key + "\""))) END"
    case .spark: "get_json_object(\(e), \(literal("$['" + key + "']")))"
    }
  }

  /// An exact decimal from a column of any type; NULL when empty.
  func decimal(_ e: String, _ p: Int, _ s: Int) -> String {
    "CAST(NULLIF(trim(\(text(e))), '') AS DECIMAL(\(p),\(s)))"
  }
}

/// The table `reprice.sql` reads, named as the table or view the query expects.
public enum SQLSourceTable: String, Sendable, CaseIterable {
  /// AWS CUR 2.0 (Data Exports), as a table or view named `cur`.
  case cur
  /// A FOCUS 1.2 export (AWS Data Exports FOCUS with AWS columns, or Azure FocusCost 1.2), named `focus`.
  case focus
  /// An Azure cost details export (EA schema 2024-08-01, or MCA), named `costdetails`.
  case costdetails

  /// The export formats this table can hold.
  public var formats: [UsageFormat] {
    switch self {
    case .cur: [.awsCUR2]
    case .focus: [.awsFocus, .azureFocus]
    case .costdetails: [.azureEA, .azureMCA]
    }
  }

  /// The one export format the table holds: the only one it can, else the one `--source` names,
  /// else (FOCUS) the one of the `--provider` given; nil when that leaves more than one.
  public func format(sources: [UsageFormat], providers: [Provider]) -> UsageFormat? {
    if formats.count == 1 { return formats[0] }
    let named = formats.filter { sources.contains($0) }
    if named.count == 1 { return named[0] }
    let byProvider = formats.filter { providers.contains($0.provider) }
    return named.isEmpty && byProvider.count == 1 ? byProvider[0] : nil
  }
}

/// What `reprice.sql` groups by.
public enum SQLGrouping: String, Sendable, CaseIterable {
  case app, model, month
}

/// Writes `reprice.sql`: the re-pricing of a bill in an SQL engine, with the price map as its only
/// price knowledge. The line rules (what is usage, what is the model service, token units, the
/// marketplace description's units, the Azure token meters and block sizes) are written from
/// ``UsageRules``, the table the readers use.
public struct RepriceSQL {
  public var dialect: SQLDialect
  /// The export format of the bill (its table is ``table``).
  public var format: UsageFormat
  public var grouping: SQLGrouping
  /// The path the query reads `price_map.csv` from.
  public var priceMapPath: String
  public var filter: UsageFilter

  public init(
    dialect: SQLDialect, format: UsageFormat = .awsCUR2, grouping: SQLGrouping, priceMapPath: String,
    filter: UsageFilter
  ) {
    self.dialect = dialect
    self.format = format
    self.grouping = grouping
    self.priceMapPath = priceMapPath
    self.filter = filter
  }

  /// The table or view the query reads the bill from.
  public var table: SQLSourceTable {
    SQLSourceTable.allCases.first { $0.formats.contains(format) } ?? .cur
  }

  /// Tokens carry 9 decimals and prices per token 18, so a product keeps 27 (DECIMAL(38,27)).
  public static let tokenScale = 9
  public static let priceScale = 18
  static var costScale: Int { tokenScale + priceScale }

  /// The CUR columns the query reads.
  public static var curColumns: [String] {
    RepriceSQL(dialect: .duckdb, grouping: .app, priceMapPath: "", filter: UsageFilter()).columns
  }

  /// The bill's columns the query reads, in the order it first reads them.
  public var columns: [String] { build().columns }

  /// The token-unit regex: optional block digits and multiplier, then a token word (optional
  /// when `requireWord` is false, as ``TokenUnits/blockSize(_:requireWord:)``), spaces around.
  static func unitRegex(requireWord: Bool) -> String {
    let letters = UsageRules.tokenUnitMultipliers.map(\.letter).joined(separator: "|")
    let words = UsageRules.tokenUnitWords.joined(separator: "|")
    return "^[ \t]*(([0-9]{1,\(UsageRules.maxBlockDigits)})(\(letters))?)?[ \t]*(\(words))\(requireWord ? "" : "?")[ \t]*$"
  }

  static var unitRegex: String { unitRegex(requireWord: true) }

  public var text: String { build().sql }

  /// Writes the query, noting every bill column it reads.
  private func build() -> (sql: String, columns: [String]) {
    let d = dialect
    let lit = d.literal
    var used: [String] = []
    /// A bill column as text.
    func t(_ column: String) -> String {
      if !used.contains(column) { used.append(column) }
      return d.text(column)
    }
    /// A bill column as DECIMAL(38,18), NULL when empty.
    func dec(_ column: String) -> String {
      if !used.contains(column) { used.append(column) }
      return d.decimal(column, 38, 18)
    }
    let cost = "DECIMAL(38,\(Self.costScale))"
    let appKeys = UsageAggregator.appKeys.map { d.json("tags", $0) }.joined(separator: ", ")
    var filters: [String] = []
    if !filter.months.isEmpty { filters.append("substr(day, 1, 7) IN (\(filter.months.map(lit).joined(separator: ", ")))") }
    if !filter.providers.isEmpty, !filter.providers.contains(format.provider) { filters.append("1 = 0") }
    if !filter.formats.isEmpty, !filter.formats.contains(format) { filters.append("1 = 0") }
    if !filter.regions.isEmpty {
      filters.append("lower(region) IN (\(filter.regions.map { lit($0.lowercased()) }.joined(separator: ", ")))")
    }
    if !filter.models.isEmpty {
      let names = filter.models.map { lit($0.lowercased()) }.joined(separator: ", ")
      filters.append("(lower(model) IN (\(names)) OR lower(usage_type) IN (\(names)) OR lower(sku) IN (\(names)))")
    }
    if !filter.tiers.isEmpty { filters.append("tier IN (\(filter.tiers.map { lit($0.rawValue) }.joined(separator: ", ")))") }
    if !filter.scopes.isEmpty { filters.append("scope IN (\(filter.scopes.map { lit($0.rawValue) }.joined(separator: ", ")))") }
    for (k, v) in filter.tags {
      // As the store filters: the tag's value, or for `app` also the app the row is counted under.
      filters.append("(\(d.json("tags", k)) = \(lit(v))\(k == "app" ? " OR app = \(lit(v))" : ""))")
    }
    let group: String
    switch grouping {
    case .app: group = "app"
    case .model: group = "model"
    case .month: group = "substr(day, 1, 7)"
    }
    let pick = { (column: String) in
      "CASE WHEN l.kind IS NOT NULL THEN l.\(column) WHEN a.kind IS NOT NULL THEN a.\(column) ELSE u.\(column) END"
    }
    let on = { (alias: String) in
      "\(alias).from_day <= r.day AND r.day < \(alias).to_day"
    }
    var sql = """
      -- ratecard reprice --emit-sql \(d.rawValue): actual token usage in a table or view named `\(table.rawValue)`
      -- (\(format.title)), re-priced with price_map.csv (written by ratecard; see README.md). Exact decimals throughout.

      """
    let mapPath = lit(priceMapPath)
    switch d {
    case .duckdb:
      sql += "CREATE OR REPLACE TEMPORARY VIEW price_map AS SELECT * FROM read_csv(\(mapPath), header = true, all_varchar = true);\n\n"
    case .spark:
      sql += """
        -- Keep every decimal digit (Spark otherwise cuts a product's scale to 6).
        SET spark.sql.decimalOperations.allowPrecisionLoss=false;
        CREATE OR REPLACE TEMPORARY VIEW price_map USING csv OPTIONS (path \(mapPath), header 'true', escape '"');


        """
    }
    let lines = linesCTEs(t: t, dec: dec)
    sql += """
      WITH \(lines),
      usage_rows AS (
        -- One row per day, account, tags, service, SKU, usage type, region and currency, as ratecard stores usage.
        SELECT day, account, tags, service, sku, usage_type, region, currency,
          SUM(tokens) AS tokens, SUM(billed) AS billed
        FROM lines
        WHERE tokens IS NOT NULL
        GROUP BY day, account, tags, service, sku, usage_type, region, currency
      ),
      matched AS (
        -- A SKU's rates in the line's region, else in any region (re-priced in the line's region: x); a usage
        -- type only when the SKU is unknown.
        SELECT r.*,
          COALESCE(\(appKeys), '') AS app,
          \(pick("status")) AS status,
          \(pick("model")) AS model,
          \(pick("tier")) AS tier,
          \(pick("scope")) AS scope,
          \(pick("price_per_token")) AS price_per_token,
          \(pick("currency")) AS price_currency,
          CASE WHEN l.kind IS NOT NULL THEN l.reprice_per_token WHEN x.kind IS NOT NULL THEN x.reprice_per_token
            WHEN a.kind IS NOT NULL THEN a.reprice_per_token ELSE u.reprice_per_token END AS reprice_per_token
        FROM usage_rows r
        LEFT JOIN price_map l ON l.kind = 'sku' AND l.key = r.sku AND l.region = lower(r.region) AND \(on("l"))
        LEFT JOIN price_map a ON a.kind = 'sku' AND a.key = r.sku AND a.region = '*' AND \(on("a"))
        LEFT JOIN price_map x ON x.kind = 'target' AND x.key = a.target_key AND x.region = lower(r.region) AND \(on("x"))
        LEFT JOIN price_map u ON u.kind = 'usage_type' AND u.key = r.usage_type AND u.region = r.region AND \(on("u"))
      ),
      priced AS (
        SELECT \(group) AS group_key, currency, billed, ROUND(tokens, 0) AS whole_tokens,
          CASE WHEN status = 'matched'
            THEN CAST(tokens AS DECIMAL(38,\(Self.tokenScale))) * CAST(price_per_token AS DECIMAL(38,\(Self.priceScale))) END AS list_cost,
          CASE WHEN status = 'matched' AND currency = price_currency AND reprice_per_token <> ''
            THEN CAST(ROUND(tokens, 0) AS DECIMAL(38,\(Self.tokenScale))) * CAST(reprice_per_token AS DECIMAL(38,\(Self.priceScale))) END AS repriced_cost
        FROM matched
      \(filters.isEmpty ? "" : "  WHERE " + filters.joined(separator: "\n    AND ") + "\n")  )
      SELECT group_key AS \(grouping.rawValue), currency,
        CAST(COALESCE(SUM(billed), 0) AS DECIMAL(38,18)) AS actual_cost,
        CAST(COALESCE(SUM(list_cost), 0) AS \(cost)) AS list_cost,
        CAST(COALESCE(SUM(repriced_cost), 0) AS \(cost)) AS repriced_cost,
        CAST(COALESCE(SUM(CASE WHEN repriced_cost IS NULL THEN whole_tokens END), 0) AS DECIMAL(38,0)) AS unpriced_tokens
      FROM priced
      GROUP BY group_key, currency
      ORDER BY group_key, currency;

      """
    return (sql, used)
  }

  /// Tokens per unit of a lower-cased unit text, as ``TokenUnits/blockSize(_:requireWord:)``; NULL
  /// when the text is not a token unit.
  private func tokenBlock(_ unit: String, requireWord: Bool) -> String {
    let lit = dialect.literal
    let re = Self.unitRegex(requireWord: requireWord)
    let digits = "CAST(NULLIF(regexp_extract(\(unit), \(lit(re)), 2), '') AS DECIMAL(38,0))"
    let letter = "regexp_extract(\(unit), \(lit(re)), 3)"
    let multiplier =
      "CASE \(letter) "
      + UsageRules.tokenUnitMultipliers.map { "WHEN \(lit($0.letter)) THEN \($0.factor) " }.joined() + "ELSE 1 END"
    return "CASE WHEN \(dialect.matches(unit, re)) AND COALESCE(\(digits) > 0, true) THEN COALESCE(\(digits) * (\(multiplier)), 1) END"
  }

  /// `text` starts with `prefix` (both SQL).
  private func startsWith(_ text: String, _ prefix: String) -> String {
    "substr(\(text), 1, \(prefix.count)) = \(dialect.literal(prefix))"
  }

  /// Azure's model-inference test on a meter category and consumed service (``AzureServices/isModel``).
  private func azureIsModel(_ category: String, _ consumedService: String) -> String {
    let a = UsageRules.Azure.self
    let lit = dialect.literal
    return "(lower(\(category)) IN (\(a.modelMeterCategories.map(lit).joined(separator: ", "))) OR "
      + startsWith("lower(\(category))", a.modelMeterCategoryPrefix)
      + " OR (lower(\(consumedService)) = \(lit(a.modelConsumedService)) AND \(category) = ''))"
  }

  /// Azure's token-meter test (``AzureServices/isTokenMeter``) on a meter name and a lower-cased unit.
  private func azureIsTokenMeter(_ meterName: String, _ unit: String) -> String {
    let word = dialect.literal(UsageRules.Azure.tokenMeterWord)
    return "(instr(lower(\(meterName)), \(word)) > 0 OR instr(\(unit), \(word)) > 0)"
  }

  /// The CTEs up to `lines`: the bill's usage lines of the model services, one per bill line, with
  /// day, account, tags, service, sku, usage_type, region, currency, billed and tokens (NULL when
  /// the line is not token usage), by the reader's rules for the format.
  private func linesCTEs(t: (String) -> String, dec: (String) -> String) -> String {
    let d = dialect
    let lit = d.literal
    func dayText(_ column: String) -> String { "substr(\(t(column)), 1, 10)" }
    switch format {
    case .awsCUR2, .bedrockInvocationLog:
      let rules = UsageRules.CUR.self
      let prefix = rules.modelServicePrefix
      let descWords = "lower(\(d.field("description", UsageRules.descriptionUnitField)))"
      let descBlock =
        "CASE WHEN instr(\(descWords), \(lit(UsageRules.descriptionTokenWord))) > 0 THEN CASE "
        + UsageRules.descriptionBlocks.map { "WHEN instr(\(descWords), \(lit($0.word))) > 0 THEN \($0.factor) " }.joined()
        + "ELSE 1 END END"
      let day = dayText("line_item_usage_start_date")
      // Text columns, empty when NULL.
      let texts = [
        ("line_item_line_item_type", "line_type"), ("line_item_product_code", "product_code"),
        ("product_servicecode", "service_code"), ("bill_billing_entity", "entity"), ("product", "product"),
        ("pricing_unit", "unit"), ("line_item_line_item_description", "description"),
        ("product_region_code", "region_code"), ("product_sku", "sku"), ("line_item_usage_type", "usage_type"),
        ("line_item_usage_account_id", "account"), ("resource_tags", "tags"),
      ].map { "COALESCE(\(t($0.0)), '') AS \($0.1),\n" }.joined(separator: "    ") + "    lower(COALESCE(\(t("pricing_unit")), '')) AS unit_l,"
      return """
        src AS (
          SELECT
            \(day) AS day,
            \(texts)
            upper(trim(\(t("line_item_currency_code")))) AS currency,
            \(dec("line_item_usage_amount")) AS quantity,
            \(dec("line_item_unblended_cost")) AS billed
          FROM cur
        ),
        classified AS (
          SELECT *,
            line_type IN (\(rules.usageLineTypes.map(lit).joined(separator: ", "))) AS is_usage,
            (\(startsWith("product_code", prefix)) OR \(startsWith("service_code", prefix))
              OR (entity = \(lit(rules.marketplaceEntity.description))
                AND instr(COALESCE(\(d.json("product", "product_name")), ''), \(lit(rules.marketplaceProductWord))) > 0)) AS is_model,
            \(tokenBlock("unit_l", requireWord: true)) AS unit_block
          FROM src
        ),
        lines AS (
          SELECT day, account, tags, sku, usage_type, currency, billed,
            CASE WHEN service_code = '' THEN product_code ELSE service_code END AS service,
            CASE WHEN region_code = '' AND is_model THEN COALESCE(\(d.json("product", "region")), '') ELSE region_code END AS region,
            CAST(quantity * COALESCE(unit_block, CASE WHEN unit = \(lit(rules.marketplaceUnit)) THEN \(descBlock) END) AS DECIMAL(38,18)) AS tokens
          FROM classified
          WHERE is_usage AND is_model AND quantity IS NOT NULL
        )
        """
    case .awsFocus, .azureFocus:
      let aws = format == .awsFocus
      let f = UsageRules.Focus.self
      let consumedTokens = "consumed IS NOT NULL AND \(startsWith("consumed_unit", f.consumedTokenUnitPrefix))"
      let tokens =
        aws
        ? "CASE WHEN \(consumedTokens) THEN consumed ELSE pricing_quantity * \(tokenBlock("unit_l", requireWord: true)) END"
        : "CASE WHEN \(azureIsTokenMeter("usage_type", "unit_l")) THEN CASE WHEN \(consumedTokens) THEN consumed "
          + "ELSE pricing_quantity * COALESCE(block_size, \(tokenBlock("unit_l", requireWord: false)), 1) END END"
      let isModel =
        aws
        ? "(\(startsWith("service", UsageRules.CUR.modelServicePrefix)) OR service_name = \(lit(f.awsModelServiceName)))"
        : azureIsModel("service", "''")
      return """
        src AS (
          SELECT
            \(dayText("ChargePeriodStart")) AS day,
            COALESCE(\(t("ChargeCategory")), '') AS category,
            COALESCE(\(t(aws ? "x_ServiceCode" : "x_SkuMeterCategory")), '') AS service,
            \(aws ? "COALESCE(\(t("ServiceName")), '')" : "''") AS service_name,
            COALESCE(\(t("SubAccountId")), '') AS account,
            COALESCE(\(t("Tags")), '') AS tags,
            \(aws ? "COALESCE(\(t("SkuId")), '')" : "lower(COALESCE(\(t("x_SkuMeterId")), ''))") AS sku,
            \(aws ? "COALESCE(NULLIF(\(t("x_UsageType")), ''), \(t("SkuMeter")), '')" : "COALESCE(\(t("SkuMeter")), '')") AS usage_type,
            \(aws ? "COALESCE(\(t("RegionId")), '')" : "lower(replace(COALESCE(\(t("RegionId")), ''), ' ', ''))") AS region,
            upper(trim(\(t("BillingCurrency")))) AS currency,
            lower(COALESCE(\(t("ConsumedUnit")), '')) AS consumed_unit,
            \(dec("ConsumedQuantity")) AS consumed,
            \(dec("PricingQuantity")) AS pricing_quantity,
            lower(COALESCE(\(t("PricingUnit")), '')) AS unit_l,
            \(aws ? "CAST(NULL AS DECIMAL(38,18))" : dec("x_PricingBlockSize")) AS block_size,
            \(dec("BilledCost")) AS billed
          FROM focus
        ),
        lines AS (
          SELECT day, account, tags, sku, usage_type, currency, billed, service, region,
            CAST(\(tokens) AS DECIMAL(38,18)) AS tokens
          FROM src
          WHERE category = \(lit(f.usageCategory)) AND \(isModel)
        )
        """
    case .azureEA, .azureMCA:
      let s = format == .azureEA ? AzureCostDetailsReader.Schema.ea : AzureCostDetailsReader.Schema.mca
      let date = "COALESCE(\(t(s.date)), '')"
      // MM/DD/YYYY (EA) or ISO.
      let day =
        "CASE WHEN substr(\(date), 3, 1) = '/' THEN substr(\(date), 7, 4) || '-' || substr(\(date), 1, 2) || '-' || substr(\(date), 4, 2) ELSE substr(\(date), 1, 10) END"
      let tolerance = "CAST(\(lit(Reconciliation.tolerance.exactText)) AS DECIMAL(38,18))"
      let q = "CAST(quantity AS DECIMAL(38,\(Self.tokenScale)))"
      return """
        src AS (
          SELECT
            \(day) AS day,
            lower(COALESCE(\(t(s.chargeType)), '')) AS charge_type,
            COALESCE(\(t(s.meterCategory)), '') AS service,
            COALESCE(\(t(s.consumedService)), '') AS consumed_service,
            COALESCE(\(t(s.subscription)), '') AS account,
            COALESCE(\(t(s.tags)), '') AS tags,
            lower(COALESCE(\(t(s.meterId)), '')) AS sku,
            COALESCE(\(t(s.meterName)), '') AS usage_type,
            lower(replace(COALESCE(NULLIF(\(t(s.location)), ''), \(t(s.meterRegion)), ''), ' ', '')) AS region,
            upper(trim(\(t(s.currency)))) AS currency,
            lower(COALESCE(\(t(s.unit)), '')) AS unit_l,
            \(dec(s.quantity)) AS quantity,
            \(dec(s.effectivePrice)) AS price,
            \(dec(s.cost)) AS billed
          FROM costdetails
        ),
        blocks AS (
          SELECT *, \(tokenBlock("unit_l", requireWord: false)) AS block
          FROM src
          WHERE charge_type = \(lit(UsageRules.Azure.usageChargeType)) AND \(azureIsModel("service", "consumed_service"))
            AND quantity IS NOT NULL AND \(azureIsTokenMeter("usage_type", "unit_l"))
        ),
        lines AS (
          -- Blocks of the unit, unless the line's own figures say the quantity is already in tokens.
          SELECT day, account, tags, sku, usage_type, currency, billed, service, region,
            CAST(CASE WHEN block <> 1 AND price IS NOT NULL AND abs(\(q) * price - billed) > \(tolerance)
                AND abs(\(q) * price - billed * block) <= \(tolerance) * block
              THEN quantity ELSE quantity * block END AS DECIMAL(38,18)) AS tokens
          FROM blocks
        )
        """
    }
  }
}

/// What `ratecard reprice --emit-sql` writes into its output folder.
public enum RepriceSQLBundle {
  /// Writes `price_map.csv`, `reprice.sql` and `README.md` into `dir` (created when missing);
  /// returns the paths written.
  @discardableResult
  public static func write(
    records: [RateRecord], target: RepriceTarget, filter: UsageFilter, dialect: SQLDialect,
    format: UsageFormat = .awsCUR2, grouping: SQLGrouping, dir: String, priceMapPath: String? = nil, command: String
  ) throws -> [String] {
    let folder = URL(fileURLWithPath: dir).standardizedFileURL
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let rows = PriceMapBuilder(records: records).rows(provider: format.provider, target: target)
    let mapURL = folder.appendingPathComponent("price_map.csv")
    let sql = RepriceSQL(
      dialect: dialect, format: format, grouping: grouping, priceMapPath: priceMapPath ?? mapURL.path, filter: filter)
    let sqlURL = folder.appendingPathComponent("reprice.sql")
    let readmeURL = folder.appendingPathComponent("README.md")
    try Data(PriceMapBuilder.csv(rows).utf8).write(to: mapURL, options: .atomic)
    try Data(sql.text.utf8).write(to: sqlURL, options: .atomic)
    try Data(readme(sql, rows: rows.count, command: command).utf8).write(to: readmeURL, options: .atomic)
    return [mapURL.path, sqlURL.path, readmeURL.path]
  }

  static func readme(_ sql: RepriceSQL, rows: Int, command: String) -> String {
    let columns = sql.columns.map { "`\($0)`" }.joined(separator: ", ")
    let table = sql.table.rawValue
    let sample: String
    switch sql.format {
    case .awsCUR2, .bedrockInvocationLog: sample = "cur2-2026-10.csv.gz"
    case .awsFocus: sample = "focus12-2026-10.csv.gz"
    case .azureFocus: sample = "focus12-2026-10.csv"
    case .azureEA: sample = "cost-details-ea-2026-10.csv"
    case .azureMCA: sample = "cost-details-mca-2026-10.csv"
    }
    let run: String
    switch sql.dialect {
    case .duckdb:
      run = """
        DuckDB CLI, with the bill as CSV (every column read as text; the query casts what it uses):

        ```sh
        duckdb -c "CREATE VIEW \(table) AS SELECT * FROM read_csv('\(sample)', header = true, all_varchar = true);" \\
               -c ".read reprice.sql"
        ```

        Python:

        ```python
        import duckdb
        con = duckdb.connect()
        con.execute("CREATE VIEW \(table) AS SELECT * FROM read_parquet('s3://bucket/\(table)/**/*.parquet')")
        statements = [s for s in open("reprice.sql").read().split(";") if s.strip()]
        for s in statements[:-1]:
            con.execute(s)
        print(con.execute(statements[-1]).fetchall())
        ```
        """
    case .spark:
      run = """
        spark-sql (the bill as CSV, or any table with the columns below):

        ```sh
        spark-sql -e "CREATE TEMPORARY VIEW \(table) USING csv OPTIONS (path 's3://bucket/\(table)/', header 'true', escape '\\"'); $(cat reprice.sql)"
        ```

        PySpark:

        ```python
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        spark.read.option("header", True).option("escape", '"').csv("s3://bucket/\(table)/").createOrReplaceTempView("\(table)")
        statements = [s for s in open("reprice.sql").read().split(";") if s.strip()]
        for s in statements[:-1]:
            spark.sql(s)
        spark.sql(statements[-1]).show(truncate=False)
        ```
        """
    }
    return """
      # Re-pricing in \(sql.dialect == .duckdb ? "DuckDB" : "Spark")

      Written by `\(command)`.

      - `price_map.csv` (\(rows) rows): for each \(sql.format.provider == .aws ? "AWS SKU" : "Azure meter id") (by region, and `*` for any other region)\(sql.format.provider == .aws ? " and each\n  usage type in a region" : ""), over `[from_day, to_day)`: the actual rate (`rate_id`, `model`, `meter`,
        `tier`, `scope`, `price_per_token`) and the target rate it is re-priced at (`to_rate_id`,
        `to_sheet_key`, `to_price_per_token` in `to_currency`; `reprice_per_token`, the price per token in the bill's
        currency the query multiplies, divided by `fx_rate` when `--fx` converts it), or the `reason` there is none.
        Prices are exact decimal text.
      - `reprice.sql`: reads `price_map.csv` from `\(sql.priceMapPath)` (edit the path if you move the
        file, e.g. to S3) and a table or view named `\(table)` with the \(sql.format.title) columns \(columns).
        Text, CSV-read or typed columns all work: the query casts what it uses. Costs are
        DECIMAL(38,\(RepriceSQL.costScale)) (tokens with \(RepriceSQL.tokenScale) decimals x prices per token with \(RepriceSQL.priceScale)), never floating point.
      - The result: per \(sql.grouping.rawValue) and currency, `actual_cost` (billed), `list_cost`, `repriced_cost`
        and `unpriced_tokens` (token usage with no price at the target, left out of `repriced_cost`).
        The totals equal `ratecard reprice -o json` on the same bill imported with `ratecard usage import`.

      \(run)
      """
  }
}
