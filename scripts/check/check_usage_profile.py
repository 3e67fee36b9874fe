#!/usr/bin/env python3
"""`usage profile` then `recommend`: each app's `current` offers (one profile per deployment and
tier) must add up to the app's list cost recomputed from the raw exports, to the cent (exactly
when no share was rounded: docs/reprice.md).

usage: check_usage_profile.py RECOMMEND.json   (standard library only)
"""
import csv
import gzip
import json
import os
import sys
from decimal import ROUND_HALF_UP, Decimal

sys.path.insert(0, os.path.dirname(__file__))
import sheets  # noqa: E402


def main():
    recs = json.load(open(sys.argv[1]))
    # The raw list cost per app: the tag of each raw line.
    lists = {}
    with gzip.open(os.path.join(sheets.SHARED, "usage", "aws", "cur2-2026-10.csv.gz"), "rt") as f:
        for r in csv.DictReader(f):
            if r["line_item_line_item_type"] == "Usage" and r["pricing_public_on_demand_rate"] and "tokens" in (r["pricing_unit"] + r["line_item_line_item_description"]).lower():
                app = json.loads(r["resource_tags"] or "{}").get("user_app")
                lists[app] = lists.get(app, 0) + Decimal(r["line_item_usage_amount"]) * Decimal(r["pricing_public_on_demand_rate"])
    with open(os.path.join(sheets.SHARED, "usage", "azure", "cost-details-ea-2026-10.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["MeterCategory"] == "Foundry Models":
                app = json.loads(r["Tags"] or "{}").get("app")
                lists[app] = lists.get(app, 0) + Decimal(r["Quantity"]) * Decimal(r["PayGPrice"])
    cur = {}
    for a in recs:
        app = a["profile"].split(" ")[0]
        c = a["current"]
        if c is None:
            print(f"DISAGREE: {a['profile']}: no current offer")
            continue
        cur[app] = cur.get(app, 0) + Decimal(c["listMonthlyCost"])
    bad = 0
    for app in sorted(lists):
        cent = Decimal("0.01")
        same = cur.get(app, 0).quantize(cent, ROUND_HALF_UP) == lists[app].quantize(cent, ROUND_HALF_UP)
        print(f"{app}: current {cur.get(app)} list {lists[app]} {'exact' if cur.get(app) == lists[app] else 'to the cent' if same else 'DISAGREE'}")
        bad += not same
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
