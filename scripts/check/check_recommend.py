#!/usr/bin/env python3
"""Recomputes `ratecard recommend -o json` answers from the raw sheets and the profiles.

usage: check_recommend.py PROFILES.yaml RECOMMEND.json [--quality ../shared/models/quality.csv]

For each profile, for the recommended offer, every alternative and the current offer:
- every cost line's SKU is a row of the raw sheets (AWS offer file / Azure retail page) of the
  offer's provider and region, and its price per 1M tokens is that row's price, exactly;
- line cost = quantity x price / 1M x (1 - discount); the monthly cost is the sum of the lines;
- the input-type lines (input, cache read, cache write) of each tier add up to the profile's input
  tokens of that tier, the output lines to its output tokens; a cache line's quantity is exactly
  the share of the tier's input (per-day volumes: per-day x 730 / 24, exact);
- one endpoint family and one sheet model per offer; capacity lines only of the offer's model;
- the ranking: recommended <= each alternative, alternatives in cost order;
- the parity evidence row exists in quality.csv with that exact benchmark text, score and date,
  the score meets the stated bar, and the benchmark is the profile's (exact text).
Needs PyYAML (profiles). Exit 1 on any disagreement.
"""
import csv
import json
import os
import sys
from decimal import Decimal, getcontext

import yaml

sys.path.insert(0, os.path.dirname(__file__))
import sheets  # noqa: E402

getcontext().prec = 80


class DecimalLoader(yaml.SafeLoader):
    pass


DecimalLoader.add_constructor("tag:yaml.org,2002:float", lambda l, n: Decimal(l.construct_scalar(n)))
DecimalLoader.add_constructor("tag:yaml.org,2002:int", lambda l, n: Decimal(l.construct_scalar(n)))

problems = []


def bad(profile, offer, msg):
    problems.append(f"{profile} / {offer}: {msg}")


def family(row):
    if row.provider == "azure":
        return ""
    k = row.key
    if "-mantle-" in k:
        return "mantle"
    if "_Global" in k or "_Geo" in k or "cross-region" in k.lower() or "global" in k.lower().split("-")[-1:]:
        return "cross-region"
    if row.service == "AmazonBedrockFoundationModels":
        return "marketplace"
    return "in-region"


def volumes(p):
    if "requests_per_day" in p:
        req = Decimal(p["requests_per_day"]) * 730 / 24
    else:
        req = Decimal(p["requests_per_month"])
    b = Decimal(p.get("batch_share", 0))
    return {"standard": req * (1 - b), "batch": req * b}


def check_offer(p, o, idx, quality, label, ineligible=False):
    name = p["name"]
    where = f"{label} {o['provider']} {o['model']} {o['region']} {o['scope']} {o.get('endpoint', '')}"
    disc = Decimal(o.get("discount") or 0)
    total = Decimal(0)
    fams, models = set(), set()
    tiers = volumes(p)
    if not any(ln["tier"] == "batch" for ln in o["lines"]):  # batch priced at standard (fallback)
        tiers = {"standard": tiers["standard"] + tiers["batch"], "batch": Decimal(0)}
    tin = Decimal(p["input_tokens"])
    tout = Decimal(p["output_tokens"])
    sums = {}
    for ln in o["lines"]:
        rows = [r for r in idx.get(ln["sku"], []) if r.region.lower() == o["region"].lower()]
        rows = [r for r in rows if r.per_million() == Decimal(ln["listUnitPrice"]) and r.currency == o["currency"]]
        if not rows:
            bad(name, where, f"line {ln['sheetKey']} {ln['sku']}: no raw sheet row at {ln['listUnitPrice']}/1M in {o['region']}")
            continue
        r = rows[0]
        if r.key != ln["sheetKey"]:
            bad(name, where, f"line sku {ln['sku']}: sheet key {r.key!r}, ratecard says {ln['sheetKey']!r}")
        fams.add(family(r))
        if r.provider == "aws":  # Azure's skuName carries the meter; the family rule is the scope
            models.add(r.model.replace(" (Amazon Bedrock Edition)", ""))
        q = Decimal(ln["quantity"])
        cost = q * r.per_million() / 1000000 * (1 - disc)
        if cost != Decimal(ln["cost"]):
            bad(name, where, f"line {ln['sheetKey']}: cost {ln['cost']} != {q} x {r.per_million()} / 1M x (1 - {disc}) = {cost}")
        total += Decimal(ln["cost"])
        kind = "out" if ln["meter"] == "output" else "in"
        sums[(ln["tier"], kind)] = sums.get((ln["tier"], kind), 0) + q
        share = {"cache_read": p.get("cached_input_share"), "cache_write": p.get("cache_write_share")}.get(ln["meter"])
        if share is not None and ln["tier"] in tiers and not p.get("long_context_share"):
            want = tiers[ln["tier"]] * tin * Decimal(share)
            if q != want:
                bad(name, where, f"{ln['tier']} {ln['meter']}: quantity {q} != {want}")
    if total != Decimal(o["monthlyCost"]):
        bad(name, where, f"monthlyCost {o['monthlyCost']} != sum of lines {total}")
    for tier, req in tiers.items():
        if req == 0:
            continue
        want_in = req * tin
        want_out = req * tout
        if tin and sums.get((tier, "in"), 0) != want_in:
            bad(name, where, f"{tier} input-type lines add up to {sums.get((tier, 'in'), 0)}, the profile has {want_in}")
        if tout and sums.get((tier, "out"), 0) != want_out:
            bad(name, where, f"{tier} output lines add up to {sums.get((tier, 'out'), 0)}, the profile has {want_out}")
    if len(fams) > 1:
        bad(name, where, f"lines from several endpoint families: {sorted(fams)}")
    if len(models) > 1:
        bad(name, where, f"lines of several sheet models: {sorted(models)}")
    par = p.get("parity") or {}
    for ev in o.get("parity") or []:
        if ev["rule"] == "models":
            continue
        bench = ev["scoreBenchmark"]
        if bench.lower() != ev["benchmark"].lower() and not par.get("group_variants"):
            bad(name, where, f"parity on {bench!r}, the profile names {ev['benchmark']!r}")
        wanted = par.get("benchmark") or None
        if wanted and ev["benchmark"] != wanted:
            bad(name, where, f"parity benchmark {ev['benchmark']!r} is not the profile's {wanted!r}")
        if par.get("min_scores") and ev["benchmark"] not in par["min_scores"]:
            bad(name, where, f"parity benchmark {ev['benchmark']!r} not in the profile's min_scores")
        rowsq = [q for q in quality if q["canonical_id"] == o["model"] and q["benchmark"] == bench
                 and Decimal(q["score"]) == Decimal(ev["score"]) and q["as_of"] == ev["asOf"]]
        if not rowsq:
            bad(name, where, f"no quality.csv row {o['model']} {bench!r} {ev['score']} {ev['asOf']}")
        if Decimal(ev["score"]) < Decimal(ev["required"]) and not ineligible:
            bad(name, where, f"score {ev['score']} below the bar {ev['required']}")
        if ev.get("baselineScore") is not None:
            bar = Decimal(ev["baselineScore"]) * (1 - Decimal(ev.get("tolerance") or 0))
            if bar != Decimal(ev["required"]):
                bad(name, where, f"bar {ev['required']} != baseline {ev['baselineScore']} x (1 - tolerance) = {bar}")
    return Decimal(o["monthlyCost"])


def main():
    profiles = [d for d in yaml.load_all(open(sys.argv[1]), Loader=DecimalLoader) if d]
    answers = json.load(open(sys.argv[2]))
    qpath = os.path.join(sheets.SHARED, "models", "quality.csv")
    quality = list(csv.DictReader(open(qpath))) + list(csv.DictReader(open(os.path.join(os.path.dirname(__file__), "..", "..", "data", "quality.csv"))))
    idx = sheets.index()
    byname = {p["name"]: p for p in profiles}
    offers = 0
    for a in answers:
        p = byname[a["profile"]]
        rec = a.get("recommended")
        costs = []
        for label, o in [("recommended", rec)] + [(f"alternative {i+1}", x) for i, x in enumerate(a.get("alternatives") or [])] + [("current", a.get("current"))]:
            if not o:
                continue
            offers += 1
            ineligible = label == "current" and any("would not be eligible" in n for n in a.get("currentNotes") or [])
            c = check_offer(p, o, idx, quality, label, ineligible)
            if label != "current":
                costs.append(c)
        if costs != sorted(costs):
            bad(p["name"], "ranking", f"costs not in order: {[str(c) for c in costs]}")
        for cap in a.get("provisioned") or []:
            rows = idx.get(cap.get("sku", ""), [])
            if rec and rows and all(r.model not in ("", None) and family(r) is not None and rec["model"].split("/")[-1].split("-")[0].lower() not in (r.model + r.key).lower() for r in rows):
                bad(p["name"], "provisioned", f"capacity line {cap.get('sheetKey')} looks like another model's ({rows[0].model})")
            if "overage" in cap.get("sheetKey", "").lower() or "available" in cap.get("sheetKey", "").lower():
                bad(p["name"], "provisioned", f"offers an overage/available meter {cap.get('sheetKey')}")
        if p.get("kind", "chat") and rec is None and a.get("eligible", 0) == 0:
            print(f"note: {p['name']}: no eligible offer ({a.get('excludedCount')} excluded)")
    print(f"checked {len(answers)} profile(s), {offers} offer(s)")
    for x in problems:
        print("DISAGREE:", x)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
