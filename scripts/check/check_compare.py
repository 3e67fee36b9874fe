#!/usr/bin/env python3
"""Recomputes `ratecard compare MODEL -o json` (standard mix) from the raw sheets.

usage: check_compare.py COMPARE.json [--embedding]

Each row: its lines are raw sheet rows of the row's region at their price; the mix is 3M input +
1M output tokens (3M input alone with --embedding); monthlyCost = the lines' sum; premiumPercent =
(cost / cheapest - 1) x 100 and vsOtherCloudPercent against the other provider's cheapest (exact
to 30 digits); rows in cost order. Standard library only. Exit 1 on any disagreement.
"""
import json
import os
import sys
from decimal import Decimal, getcontext

sys.path.insert(0, os.path.dirname(__file__))
import sheets  # noqa: E402

getcontext().prec = 80


def close(a, b):
    return abs(a - b) < Decimal("1e-30")


def main():
    rows = json.load(open(sys.argv[1]))
    want = {"input": Decimal(3000000)} if "--embedding" in sys.argv else {"input": Decimal(3000000), "output": Decimal(1000000)}
    idx = sheets.index()
    problems = []
    if not rows:
        problems.append("no rows")
    costs = [Decimal(r["monthlyCost"]) for r in rows]
    cheapest = min(costs) if costs else 0
    by = {}
    for r, c in zip(rows, costs):
        by.setdefault(r["provider"], c)
        by[r["provider"]] = min(by[r["provider"]], c)
    for r, c in zip(rows, costs):
        where = f"{r['provider']} {r['region']} {r['scope']} {r['endpoint']}"
        total = Decimal(0)
        got = {}
        for ln in r["lines"]:
            hits = [x for x in idx.get(ln["sku"], []) if x.region.lower() == r["region"].lower()
                    and x.per_million() == Decimal(ln["listUnitPrice"])]
            if not hits:
                problems.append(f"{where}: {ln['sheetKey']} at {ln['listUnitPrice']}/1M is no raw sheet row")
            got[ln["meter"]] = got.get(ln["meter"], 0) + Decimal(ln["quantity"])
            total += Decimal(ln["quantity"]) * Decimal(ln["listUnitPrice"]) / 1000000
        if got != want:
            problems.append(f"{where}: quantities {got}, the mix is {want}")
        if total != c:
            problems.append(f"{where}: monthlyCost {c} != {total}")
        if cheapest and not close(Decimal(r["premiumPercent"]), (c / cheapest - 1) * 100):
            problems.append(f"{where}: premiumPercent {r['premiumPercent']}")
        others = [v for p, v in by.items() if p != r["provider"]]
        if others and not close(Decimal(r["vsOtherCloudPercent"]), (c / min(others) - 1) * 100):
            problems.append(f"{where}: vsOtherCloudPercent {r['vsOtherCloudPercent']}")
    if costs != sorted(costs):
        problems.append("rows not in cost order")
    print(f"compare: {len(rows)} row(s) checked")
    for p in problems:
        print("DISAGREE:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
