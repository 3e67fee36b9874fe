#!/usr/bin/env python3
"""Writes a synthetic AWS CUR 2.0 month of N lines (the columns ratecard and reprice.sql read),
made from the sample month's lines: each line is a sample line on another day of the month with
another amount (three decimals) and cost, under one of several apps. Deterministic for a given N.

usage: synthetic_cur.py SAMPLE.csv.gz N OUT.csv"""
import csv
import gzip
import random
import sys
from decimal import Decimal

COLUMNS = [
    "line_item_usage_start_date", "line_item_line_item_type", "line_item_product_code", "product_servicecode",
    "bill_billing_entity", "product", "pricing_unit", "line_item_line_item_description", "product_region_code",
    "product_sku", "line_item_usage_type", "line_item_usage_account_id", "resource_tags", "line_item_currency_code",
    "line_item_usage_amount", "line_item_unblended_cost", "line_item_unblended_rate", "bill_payer_account_id",
]
APPS = ["support-bot", "rag-eu", "nightly-summaries", "internal-chat", "search", "agents", "", "billing"]


def main():
    sample, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with gzip.open(sample, "rt", newline="") as f:
        templates = list(csv.DictReader(f))
    rng = random.Random(20261007)
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(n):
            t = templates[i % len(templates)]
            day = 1 + rng.randrange(31)
            amount = Decimal(rng.randrange(1, 1_000_000)) / 1000
            rate = Decimal(t["line_item_unblended_rate"] or "0")
            usage = t["line_item_line_item_type"] in ("Usage", "DiscountedUsage", "SavingsPlanCoveredUsage")
            row = dict(t)
            row["line_item_usage_start_date"] = f"2026-10-{day:02d}T00:00:00Z"
            if usage:
                row["line_item_usage_amount"] = str(amount)
                row["line_item_unblended_cost"] = str(amount * rate)
                app = APPS[rng.randrange(len(APPS))]
                row["resource_tags"] = '{"user_app":"%s"}' % app if app else ""
            w.writerow([row.get(c, "") for c in COLUMNS])


if __name__ == "__main__":
    main()
