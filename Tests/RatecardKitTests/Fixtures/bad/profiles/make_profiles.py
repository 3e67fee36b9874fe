#!/usr/bin/env python3
"""Writes the bad profile corpus (run from this folder). expectations.csv lists each file with the
line and column the error must point at and a fragment its message must contain. Every case is
rejected by the profile parser except those marked `engine` (valid YAML naming an unknown model,
rejected when `ratecard recommend` checks it against the catalogue)."""
import csv

BASE = "name: bot\nrequests_per_month: 100000\ninput_tokens: 1000\noutput_tokens: 200\n"
rows = []

def case(name, text, line, column, fragment, stage="parse"):
    with open(name, "w") as f:
        f.write(text)
    rows.append((name, stage, line, column, fragment))

# Unknown keys
case("unknown-key.yaml", BASE + "request_per_day: 3\n", 5, 1, "unknown key 'request_per_day'")
case("unknown-nested-key.yaml", BASE + "where:\n  geografies: [eu]\n", 6, 3, "unknown key 'geografies'")
case("unknown-parity-key.yaml", BASE + "parity:\n  baseline: gpt-4o\n  benchmark: MMLU\n  tolerence: 0.1\n", 8, 3, "unknown key 'tolerence'")
case("repeated-key.yaml", BASE + "input_tokens: 2000\n", 3, 1, "key 'input_tokens' repeated")
# Wrong types
case("wrong-type-number.yaml", BASE.replace("100000", "lots"), 2, 21, "expected a number")
case("wrong-type-quoted-number.yaml", BASE.replace("100000", '"100000"'), 2, 21, "expected a number")
case("wrong-type-list.yaml", BASE + "where: {providers: aws}\n", 5, 20, "expected a list")
case("wrong-type-mapping.yaml", BASE + "where: [eu]\n", 5, 8, "expected a mapping")
case("wrong-type-profile.yaml", "- just a sentence\n", 1, 3, "expected a mapping")
case("wrong-type-government.yaml", BASE + "where: {government: yes}\n", 5, 21, "true or false")
case("fractional-context.yaml", BASE + "needs: {min_context: 1000.5}\n", 5, 22, "whole number")
case("unknown-provider.yaml", BASE + "where: {providers: [gcp]}\n", 5, 21, "unknown value 'gcp'")
case("unknown-scope.yaml", BASE + "where: {scopes: [planetary]}\n", 5, 18, "unknown value 'planetary'")
case("bad-currency.yaml", BASE + "currency: dollars\n", 6 - 1, 11, "ISO 4217")
# Shares and volumes out of range
case("share-above-one.yaml", BASE + "batch_share: 1.5\n", 5, 14, "between 0 and 1")
case("cached-share-above-one.yaml", BASE + "cached_input_share: 2\n", 5, 21, "between 0 and 1")
case("cache-shares-sum.yaml", BASE + "cached_input_share: 0.7\ncache_write_share: 0.4\n", 6, 20, "must not exceed 1")
case("negative-share.yaml", BASE + "long_context_share: -0.1\n", 5, 21, "must not be negative")
case("negative-volume.yaml", BASE.replace("100000", "-3"), 2, 21, "must not be negative")
case("negative-tokens.yaml", BASE.replace("output_tokens: 200", "output_tokens: -200"), 4, 16, "must not be negative")
case("nan-volume.yaml", BASE.replace("100000", ".nan"), 2, 21, "expected a number")
case("inf-volume.yaml", BASE.replace("100000", ".inf"), 2, 21, "expected a number")
case("growth-too-large.yaml", BASE + "growth_per_month: 11\n", 5, 19, "at most 10")
case("discount-of-one.yaml", BASE + "discounts: {aws: 1}\n", 5, 18, "below 1")
case("missing-volume.yaml", "name: bot\ninput_tokens: 1000\noutput_tokens: 200\n", 1, 1, "requests_per_month")
case("duplicate-name.yaml", "- {name: a, requests_per_month: 1, input_tokens: 1, output_tokens: 1}\n"
     "- {name: a, requests_per_month: 1, input_tokens: 1, output_tokens: 1}\n", 2, 3, "already used")
# Not YAML
case("bad-yaml.yaml", BASE + "where: [eu\n", 6, 1, "YAML")
case("tab-indent.yaml", BASE + "where:\n\tgeographies: [eu]\n", 6, 1, "YAML")
# Unknown models (valid YAML; the catalogue rejects them)
case("unknown-model-baseline.yaml", BASE + "parity:\n  baseline: no-such-model\n  benchmark: MMLU\n", 6, 13, "unknown model 'no-such-model'", "engine")
case("unknown-model-parity-list.yaml", BASE + "parity:\n  models: [openai/gpt-4o-2024-11-20, no-such-model]\n", 6, 11, "unknown model 'no-such-model'", "engine")
case("unknown-model-current.yaml", BASE + "current: {provider: aws, model: no-such-model, region: us-east-1, scope: regional}\n", 5, 33, "unknown model 'no-such-model'", "engine")
# Billion laughs: 10^9 nodes if expanded. Refused quickly, small memory.
bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
for i in range(1, 10):
    bomb += f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]\n"
# The count passes the budget (4 nodes per byte + 10,000) at the first *a3 of line 5.
case("anchor-bomb.yaml", bomb + "name: *a9\n", 5, 10, "too large")
# The same bomb as the first profile of a list.
case("anchor-bomb-list.yaml", "".join("- " + l if i == 0 else "  " + l for i, l in enumerate((bomb + "name: *a9\n").splitlines(True))), 5, 12, "too large")
# The bomb as a mapping key: Yams hashes keys while composing, so without the count before
# composing (AliasBudget) this one hangs.
case("anchor-bomb-key.yaml", bomb + "? *a9\n: x\nname: bot\n", 5, 10, "too large")
# Many small aliases, each under the budget, that add up past it at the document level: each line
# k<n> is 1,012 nodes; the count passes the budget (18,548 for this file) at the third alias of line 20.
case("anchor-bomb-wide.yaml", "a: &a [" + ", ".join(["x"] * 100) + "]\n" + "".join(f"k{i}: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" for i in range(40)), 20, 15, "too large")
with open("expectations.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(("file", "stage", "line", "column", "message_fragment"))
    w.writerows(rows)
print(len(rows), "cases")
