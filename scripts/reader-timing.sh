#!/usr/bin/env bash
# Times the sheet readers alone (no store, no catalogue): the new byte-level readers against the
# former JSONDecoder ones (Tests/PriceSheetsTests/Legacy), on the 25 shared sheets of issue 7.
# Compiles PriceSheets' sources, the legacy readers and scripts/reader-timing/main.swift as one
# optimised module (the legacy readers use PriceSheets internals), linking the release build's
# Pricing and CSV objects, so run `swift build -c release` first.
#
#   scripts/reader-timing.sh                 # every figure, median of 5
#   scripts/reader-timing.sh aws-new 9       # one figure, median of 9
#   /usr/bin/time -f '%MKB' .build/reader-timing/reader-timing azure-new 1   # peak RSS of one
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/.build/reader-timing"
R="$ROOT/.build/release"
mkdir -p "$OUT/legacy"
for f in "$ROOT"/Tests/PriceSheetsTests/Legacy/*.swift; do
  sed 's/^@testable import PriceSheets$//' "$f" > "$OUT/legacy/$(basename "$f")"
done
swiftc -O -wmo -module-name PriceSheets -I "$R/Modules" \
  $(find "$ROOT/Sources/PriceSheets" -name '*.swift') "$OUT"/legacy/*.swift \
  "$ROOT/scripts/reader-timing/main.swift" "$R"/Pricing.build/*.o "$R"/CSV.build/*.o \
  -o "$OUT/reader-timing"
"$OUT/reader-timing" "${1:-all}" "${2:-5}" "$ROOT/../shared"
