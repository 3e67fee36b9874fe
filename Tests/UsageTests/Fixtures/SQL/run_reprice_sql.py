#!/usr/bin/env python3
"""Runs a reprice.sql written by `ratecard reprice --emit-sql` over a bill's CSV file and prints
its result as JSON (every decimal as its exact text): the tests and ratecard-bench call this.

usage: run_reprice_sql.py duckdb|spark [--typed] DIR [TABLE[:typed]=]BILL.csv[.gz] [DIR ...]

TABLE is the view the query reads (cur, focus or costdetails; default cur); `:typed` reads that
bill typed (below). Prints a JSON list, one {"columns", "rows"} per DIR and BILL pair, all run in
one engine session (one JVM for Spark).

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


def table_and_path(bill, typed):
    """(table, path, typed) of a job's bill."""
    table, sep, path = bill.partition("=")
    if not sep or "/" in table:
        return "cur", bill, typed
    name, _, flag = table.partition(":")
    return name or "cur", path, typed or flag == "typed"


def as_text(v):
    return None if v is None else str(v)


def run_duckdb(jobs, typed):
    try:
        import duckdb
    except ImportError:
        print("duckdb is not installed (pip install duckdb)", file=sys.stderr)
        sys.exit(3)
    out = []
    for folder, bill in jobs:
        table, cur, typed_job = table_and_path(bill, typed)
        con = duckdb.connect()
        con.execute("SET threads = 2")
        if typed_job:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_csv('{cur}', header = true)")
        else:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_csv('{cur}', header = true, all_varchar = true)")
        stmts = statements(os.path.join(folder, "reprice.sql"))
        for s in stmts[:-1]:
            con.execute(s)
        result = con.execute(stmts[-1])
        names = [d[0] for d in result.description]
        out.append({"columns": names, "rows": [[as_text(v) for v in row] for row in result.fetchall()]})
        con.close()
    return out


def run_spark(jobs, typed):
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
    out = []
    for folder, bill in jobs:
        table, cur, typed_job = table_and_path(bill, typed)
        df = spark.read.option("header", True).option("escape", '"').csv(cur)
        if typed_job and table == "cur":
            from pyspark.sql.functions import col
            for c in ("line_item_usage_amount", "line_item_unblended_cost"):
                df = df.withColumn(c, col(c).cast("decimal(38,18)"))
            df = df.withColumn("line_item_usage_start_date", col("line_item_usage_start_date").cast("timestamp"))
        df.createOrReplaceTempView(table)
        stmts = statements(os.path.join(folder, "reprice.sql"))
        for s in stmts[:-1]:
            spark.sql(s)
        result = spark.sql(stmts[-1])
        out.append({"columns": result.columns, "rows": [[as_text(v) for v in row] for row in result.collect()]})
    # The JVM's peak resident memory, for the benchmark (the JVM is not this process).
    try:
        pid = spark.sparkContext._gateway.proc.pid
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                print("jvm_peak_rss_kb", line.split()[1], file=sys.stderr)
    except Exception:
        pass
    spark.stop()
    return out


def main():
    args = sys.argv[1:]
    engine = args.pop(0)
    typed = "--typed" in args
    args = [a for a in args if a != "--typed"]
    jobs = list(zip(args[0::2], args[1::2]))
    out = (run_duckdb if engine == "duckdb" else run_spark)(jobs, typed)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
