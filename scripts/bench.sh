#!/usr/bin/env bash
# `make bench`: the browser benchmark (headless Chromium on the optimised dist/),
# then the native benchmark, which also runs the Python baseline on the same
# generated documents and prints one table with the targets side by side.
# Not part of `make test` (timings are noisy); `cargo test --test bench_smoke` is.
#
#   BENCH_RUNS=5        timed runs per measurement (median and min reported)
#   BENCH_BUILD=0       reuse target/bench/dist instead of `trunk build --release`
# The wasm is built into target/bench/dist (never over dist/, which other tests serve).
#   BENCH_BROWSER=0     skip the browser part
#   BENCH_ARGS=...      extra options for the native bench (--no-1m, --no-baseline)
#   BENCH_LIGHTHOUSE=0  skip Lighthouse (mobile profile, index.html and embed.html
#                       served gzip-compressed, median of LIGHTHOUSE_RUNS=3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
# Same tool precedence as the Makefile when run directly (npm binaryen first).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true
runs=${BENCH_RUNS:-5}
mkdir -p target/bench
browser_json=target/bench/browser.json
native_args=(--runs "$runs")

if [ "${BENCH_BROWSER:-1}" != 0 ]; then
  if [ "${BENCH_BUILD:-1}" != 0 ] || [ ! -f target/bench/dist/index.html ]; then
    echo "== release wasm build (trunk build --release --dist target/bench/dist)" >&2
    trunk build --release --dist target/bench/dist >&2
  fi
  echo "== browser benchmark (Chromium, wasm)" >&2
  rm -f "$browser_json"
  if node benches/browser-bench.mjs --runs "$runs" --out "$browser_json" --dist target/bench/dist; then
    native_args+=(--browser "$browser_json")
  else
    echo "browser benchmark failed: the table has no wasm rows" >&2
  fi
  if [ "${BENCH_LIGHTHOUSE:-1}" != 0 ]; then
    echo "== Lighthouse 12.2.3, mobile profile, gzip (index.html, embed.html; median of ${LIGHTHOUSE_RUNS:-3})" >&2
    echo "load average before Lighthouse: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    rm -f target/bench/lighthouse.md
    if ! node benches/lighthouse.mjs --dist target/bench/dist --runs "${LIGHTHOUSE_RUNS:-3}" \
        --out target/bench/lighthouse.json > target/bench/lighthouse.md; then
      echo "Lighthouse failed" >&2
      rm -f target/bench/lighthouse.md
    fi
  fi
  echo "== UI benchmark (Chromium: scrubbing a 5.2M-row year, DOM rows)" >&2
  if ! node benches/ui-bench.mjs --dist target/bench/dist --out target/bench/ui.json >/dev/null; then
    echo "UI benchmark failed" >&2
    rm -f target/bench/ui.json
  fi
fi

echo "== native benchmark (cargo bench --bench engine), Python baseline" >&2
echo "load average before the native run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# shellcheck disable=SC2086
cargo bench --bench engine -- "${native_args[@]}" ${BENCH_ARGS:-} | tee target/bench/table.md

# The UI's own targets, from benches/ui-bench.mjs.
if [ -f target/bench/ui.json ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync("target/bench/ui.json", "utf8"));
    const ok = (c) => (c ? "met" : "**not met**");
    console.log("");
    console.log("| UI, Chromium, " + r.broadlog_rows.toLocaleString("en") + " broadLog rows per mode | value | target |");
    console.log("|---|---|---|");
    console.log(`| scrub the clock: input to next frame painted, median (max) of ${r.scrubs} | ${r.scrub_median_ms.toFixed(1)} ms (${r.scrub_max_ms.toFixed(1)}); an idle frame ${r.idle_frame_ms.toFixed(1)} ms | < 50 ms ${ok(r.scrub_median_ms < 50)} |`);
    console.log(`| log rows in the DOM, at most | ${r.dom_rows_max} | ≤ 200 ${ok(r.dom_rows_max <= 200)} |`);
  ' | tee -a target/bench/table.md
fi

# Lighthouse on a phone (benches/lighthouse.mjs), measured before the native part.
if [ -f target/bench/lighthouse.md ]; then
  echo "" | tee -a target/bench/table.md
  tee -a target/bench/table.md < target/bench/lighthouse.md
fi
