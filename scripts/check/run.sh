#!/bin/sh
# Independent re-check of recommend / project / reprice against the raw shared sheets and usage.
# usage: scripts/check/run.sh [RATECARD_BINARY]   (from the package root; needs python3 + PyYAML)
set -eu
RC=${1:-.build/debug/ratecard}
S=${RATECARD_SHARED:-../shared}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
H=scripts/check/heldout-profiles.yaml
fail=0
"$RC" import "$S/pricesheets/aws/offers/v1.0/aws/index.json" "$S/pricesheets/azure/retail-prices" --db "$T/v.sqlite" >/dev/null 2>&1
"$RC" recommend "$H" --db "$T/v.sqlite" -o json >"$T/rec.json"
"$RC" recommend "$H" --db "$T/v.sqlite" -o json --no-fallback >"$T/recnf.json"
python3 scripts/check/check_recommend.py "$H" "$T/rec.json" || fail=1
python3 scripts/check/check_recommend.py "$H" "$T/recnf.json" || fail=1

for m in claude-haiku-4-5 gpt-oss-120b llama-3.3-70b-instruct gpt-4o-2024-11-20 text-embedding-3-small; do
  "$RC" compare "$m" --db "$T/v.sqlite" -o json >"$T/c.json"
  e=""; [ "$m" = text-embedding-3-small ] && e=--embedding
  echo "compare $m"
  python3 scripts/check/check_compare.py "$T/c.json" $e || fail=1
done

# Usage: the sample month on the USD sheets; a second store with Azure priced in EUR only.
cp "$T/v.sqlite" "$T/u.sqlite"
"$RC" usage import "$S/usage/aws/cur2-2026-10.csv.gz" "$S/usage/azure/cost-details-ea-2026-10.csv" --db "$T/u.sqlite" >/dev/null
"$RC" import "$S/pricesheets/aws/offers/v1.0/aws/index.json" "$S/pricesheets/azure/retail-prices-eur" --db "$T/e.sqlite" >/dev/null 2>&1
"$RC" usage import "$S/usage/aws/cur2-2026-10.csv.gz" --db "$T/e.sqlite" >/dev/null
"$RC" usage profile --db "$T/u.sqlite" --by app >"$T/up.yaml"
"$RC" recommend "$T/up.yaml" --db "$T/u.sqlite" -o json >"$T/upr.json"
echo "usage profile -> recommend: current = the list cost"
python3 scripts/check/check_usage_profile.py "$T/upr.json" || fail=1
n=0
whatif() { # DB [--fx X] -- reprice arguments
  db=$1; shift; fx=""
  if [ "$1" = "--fx" ]; then fx="--fx $2"; shift 2; fi
  n=$((n + 1))
  echo "what-if $n: reprice $* $fx"
  # shellcheck disable=SC2086
  "$RC" reprice --db "$db" "$@" $fx -o json >"$T/r$n.json"
  # shellcheck disable=SC2086
  python3 scripts/check/check_reprice.py "$T/r$n.json" $fx || fail=1
}
U=$T/u.sqlite
whatif "$U" --model gpt-oss-120b --provider aws --to-provider azure --to-region eastus2 --to-scope global
whatif "$U" --model gpt-4o-2024-11-20 --scope datazone --tier standard --to-scope global
whatif "$U" --model llama-3.3-70b --tier batch --to-tier standard
whatif "$U" --model gpt-4o-2024-11-20 --scope datazone --to-region eastus2
whatif "$U" --model gpt-oss-120b --provider aws --to-provider azure --to-region swedencentral --to-scope datazone
whatif "$U" --model llama-3.3-70b --tier batch --to-model gpt-oss-120b
whatif "$U" --tag app=rag-eu --to-region us-east-1
whatif "$U" --provider azure --model gpt-4o-2024-11-20 --to-provider aws --to-region us-east-1
whatif "$U" --tag app=support-bot --to-scope regional
whatif "$U" --model gpt-oss-120b --provider azure --to-tier batch
whatif "$U" --model gpt-4o-2024-11-20 --scope datazone --tier standard --to-scope global --to-region eastus
whatif "$T/e.sqlite" --model gpt-oss-120b --provider aws --to-provider azure --to-region swedencentral --to-scope global
whatif "$T/e.sqlite" --fx EUR=0.86 --model gpt-oss-120b --provider aws --to-provider azure --to-region swedencentral --to-scope global
whatif "$T/e.sqlite" --fx EUR=0.87 --model gpt-oss-120b --provider aws --to-provider azure --to-region swedencentral --to-scope global
[ "$fail" = 0 ] && echo "all checks agree" || { echo "DISAGREEMENTS above"; exit 1; }
