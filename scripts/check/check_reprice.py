#!/usr/bin/env python3
"""Recomputes `ratecard reprice -o json` from the raw usage exports and the raw sheets.

usage: check_reprice.py REPRICE.json [--fx CUR=RATE] [--expect-tokens N]

Reads ../shared/usage/aws/cur2-2026-10.csv.gz and ../shared/usage/azure/cost-details-ea-2026-10.csv
directly (tokens: AWS usage amount x 1K, or x 1M for Marketplace 'Units' whose description says
Million; Azure Quantity x UnitOfMeasure) and checks, per output object:
- each line's tokens, billed and list cost are the raw export's sums for that SKU / meter id and
  region over the line's days (list = tokens x the public on-demand / PayG price);
- the target row (toSku) is a raw sheet row at toRegion with toSheetPrice in toSheetUnit; its text
  names the line's meter (input / output / cached) and toTier; toPrice = per 1M tokens (divided by
  the --fx rate when the sheet's currency is not the usage's);
- repricedCost = tokens x toPrice / 1M exactly; repricedCost total = sum of lines; listCost total =
  priced lines' list + unpriced (list) ... every selected token is a priced or unpriced line;
- difference = repriced - list of the priced usage; percent = difference / that list x 100.
Standard library only. Exit 1 on any disagreement.
"""
import csv
import gzip
import json
import os
import sys
from decimal import ROUND_HALF_UP, Decimal, getcontext

sys.path.insert(0, os.path.dirname(__file__))
import sheets  # noqa: E402

getcontext().prec = 80
USAGE = os.path.join(sheets.SHARED, "usage")
problems = []


def bad(msg):
    problems.append(msg)


def raw_usage():
    """(provider, sku, region) -> list of (day, tokens, billed, list)."""
    out = {}
    with gzip.open(os.path.join(USAGE, "aws", "cur2-2026-10.csv.gz"), "rt", newline="") as f:
        for r in csv.DictReader(f):
            if r["line_item_line_item_type"] != "Usage" or not r["pricing_public_on_demand_rate"]:
                continue
            amount = Decimal(r["line_item_usage_amount"])
            unit = r["pricing_unit"]
            if unit == "1K tokens":
                tokens = amount * 1000
            elif unit == "Units" and "Million" in r["line_item_line_item_description"]:
                tokens = amount * 1000000
            else:
                continue
            lst = amount * Decimal(r["pricing_public_on_demand_rate"])
            out.setdefault(("aws", r["product_sku"], r["product_region_code"]), []).append(
                (r["line_item_usage_start_date"][:10], tokens, Decimal(r["line_item_unblended_cost"]), lst))
    with open(os.path.join(USAGE, "azure", "cost-details-ea-2026-10.csv"), encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            block = {"1K": 1000, "1M": 1000000}.get(r["UnitOfMeasure"])
            if not block or r["MeterCategory"] != "Foundry Models":
                continue
            q = Decimal(r["Quantity"])
            m, d, y = r["Date"].split("/")
            out.setdefault(("azure", r["MeterId"], r["ResourceLocation"]), []).append(
                (f"{y}-{m}-{d}", q * block, Decimal(r["CostInBillingCurrency"]), q * Decimal(r["PayGPrice"])))
    return out


def words(meter):
    return {"input": ("inp", "input"), "output": ("outp", "output"), "cache_read": ("cache", "cchd", "cached"),
            "cache_write": ("write",)}[meter]


def main():
    args = sys.argv[1:]
    fx = {}
    if "--fx" in args:
        k, v = args[args.index("--fx") + 1].split("=")
        fx[k] = Decimal(v)
    answers = json.load(open(args[0]))
    idx = sheets.index()
    usage = raw_usage()
    nlines = 0
    for a in answers:
        cur = a["currency"]
        priced_list = Decimal(0)
        rep = Decimal(0)
        for ln in a["lines"]:
            nlines += 1
            key = (ln["provider"], ln["sku"], ln["region"])
            days = [u for u in usage.get(key, []) if ln["firstDay"] <= u[0] <= ln["lastDay"]]
            tokens = sum(u[1] for u in days)
            lst = sum(u[3] for u in days)
            where = f"{ln['sheetKey']} {ln['firstDay']}..{ln['lastDay']} -> {ln['toSheetKey']}"
            if tokens != ln["tokens"]:
                bad(f"{where}: tokens {ln['tokens']}, the raw export has {tokens}")
            if lst != Decimal(ln["listCost"]):
                bad(f"{where}: list {ln['listCost']}, the raw export gives {lst}")
            rows = [r for r in idx.get(ln["toSku"], []) if r.region.lower() == ln["toRegion"].lower()
                    and r.price == Decimal(ln["toSheetPrice"]) and r.unit == ln["toSheetUnit"]]
            if not rows:
                bad(f"{where}: target {ln['toSku']} {ln['toSheetPrice']}/{ln['toSheetUnit']} is no raw sheet row in {ln['toRegion']}")
                continue
            r = rows[0]
            text = (r.key + " " + r.attrs.get("description", "") + " " + r.attrs.get("inferenceType", "")).lower()
            meter = ln["meter"]
            if not any(w in text for w in words(meter)):
                bad(f"{where}: the target row {r.key!r} does not name the meter {meter}")
            if meter == "input" and any(w in text for w in ("cache", "cchd", "cached")):
                bad(f"{where}: input priced on a cache row {r.key!r}")
            if ln["toTier"] == "batch" and "batch" not in text:
                bad(f"{where}: tier batch on a non-batch row {r.key!r}")
            if ln["toTier"] == "standard" and "batch" in text:
                bad(f"{where}: tier standard on a batch row {r.key!r}")
            pm = r.per_million()
            if r.currency != cur:
                if r.currency not in fx:
                    bad(f"{where}: target in {r.currency} without --fx")
                    continue
                pm = pm / fx[r.currency]
            if r.per_million() != Decimal(ln["toPrice"]):
                bad(f"{where}: toPrice {ln['toPrice']} != the sheet's {r.per_million()} per 1M")
            if r.effective[:10] > ln["firstDay"]:
                bad(f"{where}: target price effective {r.effective} after the line's first day")
            cost = Decimal(ln["tokens"]) * pm / 1000000
            if r.currency != cur and "exact" not in args:  # a quotient that does not terminate: 38 digits
                cost = cost.quantize(Decimal(1).scaleb(cost.adjusted() - 25))
                got = Decimal(ln["repricedCost"]).quantize(Decimal(1).scaleb(cost.adjusted() - 25))
                if cost != got:
                    bad(f"{where}: converted repriced {ln['repricedCost']} != {cost} (to 26 digits)")
            elif cost != Decimal(ln["repricedCost"]):
                bad(f"{where}: repriced {ln['repricedCost']} != {cost}")
            rep += Decimal(ln["repricedCost"])
            priced_list += Decimal(ln["listCost"])
        un_tokens = sum(u["tokens"] for u in a["unpriced"])
        if (un_tokens > 0) != bool(a["partial"]):
            bad(f"{cur}: partial={a['partial']} with {un_tokens} unpriced tokens")
        if rep != Decimal(a["repricedCost"]) and not a["target"].get("fx"):
            bad(f"{cur}: repricedCost {a['repricedCost']} != sum of lines {rep}")
        if Decimal(a["difference"]) != Decimal(a["repricedCost"]) - priced_list:
            bad(f"{cur}: difference {a['difference']} != {rep - priced_list}")
        if priced_list:  # docs/reprice.md: percent rounded to 2 decimals, half away from zero
            pct = ((rep - priced_list) / priced_list * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if Decimal(a["percent"]) != pct:
                bad(f"{cur}: percent {a['percent']} != {pct}")
        print(f"{cur}: {len(a['lines'])} line(s), {len(a['unpriced'])} unpriced, repriced {a['repricedCost']}, "
              f"list {a['listCost']}, partial {a['partial']}")
    for x in problems:
        print("DISAGREE:", x)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
