#!/usr/bin/env bash
# `make size-breakdown`: where the bytes of the shipped wasm go. For each module of
# dist/ (after `make build`: the full page's and the widget's; scripts/build-widget.sh
# keeps both cargo outputs in target/bundles/), the cargo output it came from is run through the same
# wasm-bindgen and `wasm-opt -Oz`, with `-g` so the function names stay, and
# scripts/wasm-breakdown.py prints its sections (raw, gzip -9), its code by crate and
# its largest functions. Slow (wasm-opt -g takes about a minute); not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=target/breakdown
mkdir -p "$out"
# name  shipped module  cargo output (names kept)
while read -r name shipped cargo_wasm; do
  [ -f "$shipped" ] && [ -f "$cargo_wasm" ] || { echo "size-breakdown: $shipped or $cargo_wasm missing; run make build" >&2; exit 2; }
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$cargo_wasm"
  wasm-opt -Oz -g "$out/${name}_bg.wasm" -o "$out/${name}_named.wasm"
  echo "== $name"
  python3 scripts/wasm-breakdown.py "$shipped" --named "$out/${name}_named.wasm" --top "${TOP:-25}" --json "$out/$name.json" \
    --blob "time zones (src/tz/zones-web.bin)=src/tz/zones-web.bin" \
    --blob "preset weekly-newsletter-recurring=presets/weekly-newsletter-recurring.json" \
    --blob "preset birthday-daily-recurring=presets/birthday-daily-recurring.json" \
    --blob "preset welcome-continuous-incremental=presets/welcome-continuous-incremental.json"
done <<LIST
campaign-sim-web dist/campaign-sim-web_bg.wasm target/bundles/campaign-sim-web.wasm
campaign-sim-widget dist/campaign-sim-widget_bg.wasm target/bundles/campaign-sim-widget.wasm
LIST
