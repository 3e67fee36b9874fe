#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (ASan + libFuzzer, release) and runs each one with a seed
# corpus cut from ../shared/pricesheets, the sample profiles and the bad-input corpus.
#
#   scripts/fuzz.sh                     # build, seed and run all five targets, 1,000,000 runs each
#   scripts/fuzz.sh FuzzProfile         # one target
#   RUNS=200000 scripts/fuzz.sh         # fewer executions
#   MAX_TIME=900 scripts/fuzz.sh        # and a time bound per target (seconds, default 1800)
#
# One target runs at a time (one core). Findings land in Fuzz/.build/artifacts/<target>/; the
# corpus grown by a run is kept in Fuzz/.build/corpus/<target>/ and reused by the next run.
# Outside CI: the main package's `swift build` / `swift test` never build Fuzz/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FUZZ="$ROOT/Fuzz"
SHARED="$ROOT/../shared/pricesheets"
RUNS="${RUNS:-1000000}"
MAX_TIME="${MAX_TIME:-1800}"
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(FuzzMeterName FuzzAWSOffer FuzzAzurePage FuzzProfile FuzzUsage)

cd "$FUZZ"
for t in "${TARGETS[@]}"; do
  swift build -c release -Xswiftc -sanitize=fuzzer,address --product "$t"
done
BIN="$(swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

# Seeds: small real pieces, rewritten on every run (the grown corpus is kept apart).
SEEDS="$FUZZ/.build/seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS"/{FuzzAWSOffer,FuzzAzurePage,FuzzMeterName,FuzzProfile,FuzzUsage}
python3 - "$SHARED" "$ROOT" "$SEEDS" <<'PY'
import glob, json, os, shutil, sys
shared, root, seeds = sys.argv[1:4]
bad = os.path.join(root, "Tests/RatecardKitTests/Fixtures/bad")
# AWS: the per-region offers of AmazonBedrockService (~3 KB each) and the bad AWS offers.
for p in sorted(glob.glob(f"{shared}/aws/offers/v1.0/aws/AmazonBedrockService/*/*/index.json")):
    shutil.copy(p, f"{seeds}/FuzzAWSOffer/{p.split('/')[-2]}.json")
for p in sorted(glob.glob(f"{bad}/aws-*.json")):
    shutil.copy(p, f"{seeds}/FuzzAWSOffer/")
# Azure: every page (USD and EUR) cut to its first three items, and the bad Azure pages.
names = set()
for folder in ("retail-prices", "retail-prices-eur"):
    for p in sorted(glob.glob(f"{shared}/azure/{folder}/page-*.json")):
        page = json.load(open(p))
        names.update(i.get("meterName", "") for i in page.get("Items") or [])
        page["Items"] = (page.get("Items") or [])[:3]
        page["Count"] = len(page["Items"])
        with open(f"{seeds}/FuzzAzurePage/{folder}-{os.path.basename(p)}", "w") as f:
            json.dump(page, f, indent=1)
for p in sorted(glob.glob(f"{bad}/azure-*.json")):
    shutil.copy(p, f"{seeds}/FuzzAzurePage/")
# Meter names: every distinct meter name of the shared pages, one per file.
for i, n in enumerate(sorted(names)):
    with open(f"{seeds}/FuzzMeterName/{i:05d}.txt", "w") as f:
        f.write(n)
# Profiles: the sample profiles and the bad profiles.
for p in sorted(glob.glob(f"{root}/data/profiles/*.yaml") + glob.glob(f"{bad}/profiles/*.yaml")):
    shutil.copy(p, f"{seeds}/FuzzProfile/")
# Usage exports: the first 20 lines of each sample export (as plain text) and the bad usage files.
import gzip
for p in sorted(glob.glob(f"{root}/../shared/usage/*/*")):
    opener = gzip.open if p.endswith(".gz") else open
    with opener(p, "rb") as f:
        head = b"".join(f.readline() for _ in range(20))
    with open(f"{seeds}/FuzzUsage/{os.path.basename(p).replace('.gz', '')}", "wb") as out:
        out.write(head)
for p in sorted(glob.glob(f"{bad}/usage/*")):
    if not p.endswith((".py", "expectations.csv")):
        shutil.copy(p, f"{seeds}/FuzzUsage/")
PY

declare -A MAXLEN=([FuzzAWSOffer]=8192 [FuzzAzurePage]=8192 [FuzzMeterName]=256 [FuzzProfile]=4096 [FuzzUsage]=8192)
for t in "${TARGETS[@]}"; do
  corpus="$FUZZ/.build/corpus/$t"
  artifacts="$FUZZ/.build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  echo "== $t: $(ls "$SEEDS/$t" | wc -l) seeds, $(ls "$corpus" | wc -l) in the kept corpus"
  start=$(date +%s)
  # -rss_limit_mb: a profile alias bomb must be refused, not expanded; -timeout: a hang is a finding.
  "$BIN/$t" "$corpus" "$SEEDS/$t" -runs="$RUNS" -max_total_time="$MAX_TIME" \
    -max_len="${MAXLEN[$t]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" 2>&1 | tee "$FUZZ/.build/$t.log" | grep -E "^(#[0-9]+[[:space:]]+(INITED|DONE))|^Done|stat::|ERROR|SUMMARY|Test unit written" || true
  echo "== $t: $(( $(date +%s) - start )) s, corpus now $(ls "$corpus" | wc -l) files, $(ls "$artifacts" | wc -l) findings"
done
