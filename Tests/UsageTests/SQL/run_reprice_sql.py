#!/usr/bin/env python3
"""Runs a reprice.sql written by `ratecard reprice --emit-sql` over a CUR 2.0 CSV file and prints
its result as JSON (every decimal as its exact text): the tests and ratecard-bench call this.

usage: run_reprice_sql.py duckdb|spark DIR CUR.csv[.gz] [--typed]

The bill is read with every column as text (--typed: DuckDB infers the column types, Spark reads
the amounts as DECIMAL(38,18) and the dates as TIMESTAMP), so both ways of meeting a bill are run.
Exit 3 with a message when the engine (or Java, for Spark) is absent."""
import json
import os
import shutil
import sys


def statements(path):
    text = open(path).read()
    lines = [l for l in text.splitlines() if not l.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def as_text(v):
    return None if v is None else str(v)


def run_duckdb(folder, cur, typed):
    try:
        import duckdb
    except ImportError:
        print("duckdb is not installed (pip install duckdb)", file=sys.stderr)
        sys.exit(3)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    if typed:
        con.execute(f"CREATE VIEW cur AS SELECT * FROM read_csv('{cur}', header = true)")
    else:
        con.execute(f"CREATE VIEW cur AS SELECT * FROM read_csv('{cur}', header = true, all_varchar = true)")
    stmts = statements(os.path.join(folder, "reprice.sql"))
    for s in stmts[:-1]:
        con.execute(s)
    cur_ = con.execute(stmts[-1])
    names = [d[0] for d in cur_.description]
    return names, [[as_text(v) for v in row] for row in cur_.fetchall()]


def run_spark(folder, cur, typed):
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("Java is absent: Spark local mode cannot run", file=sys.stderr)
        sys.exit(3)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        print("pyspark is not installed (pip install pyspark)", file=sys.stderr)
        sys.exit(3)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("ratecard-reprice-sql")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", os.environ.get("RATECARD_SPARK_MEMORY", "2g"))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    reader = spark.read.option("header", True).option("escape", '"')
    df = reader.csv(cur)
    if typed:
        from pyspark.sql.functions import col
        for c in ("line_item_usage_amount", "line_item_unblended_cost"):
            df = df.withColumn(c, col(c).cast("decimal(38,18)"))
        df = df.withColumn("line_item_usage_start_date", col("line_item_usage_start_date").cast("timestamp"))
    df.createOrReplaceTempView("cur")
    stmts = statements(os.path.join(folder, "reprice.sql"))
    for s in stmts[:-1]:
        spark.sql(s)
    result = spark.sql(stmts[-1])
    names = result.columns
    rows = [[as_text(v) for v in row] for row in result.collect()]
    spark.stop()
    return names, rows


def main():
    engine, folder, cur = sys.argv[1], sys.argv[2], sys.argv[3]
    typed = "--typed" in sys.argv[4:]
    names, rows = (run_duckdb if engine == "duckdb" else run_spark)(folder, cur, typed)
    json.dump({"columns": names, "rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
