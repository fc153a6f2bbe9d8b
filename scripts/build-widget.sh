#!/usr/bin/env bash
# The widget bundle (documentation pages): the same crate and binary as the full page,
# built without the `full` feature (`--no-default-features`), then wasm-bindgen and
# wasm-opt exactly as Trunk does for the full bundle (the same pinned tools:
# wasm-bindgen = Cargo.lock's, npm binaryen 132; the same cargo profile: `wasm` for
# release builds, as index.html's data-cargo-profile-release). Writes
# campaign-sim-widget.js and campaign-sim-widget_bg.wasm into DIR, next to the full
# bundle (so the lessons/ and i18n/ folders are found next to either module).
# Trunk runs it after every build (Trunk.toml [[hooks]], with TRUNK_STAGING_DIR and
# TRUNK_PROFILE), so `make build`, `make serve` and the benchmarks' builds all carry
# both bundles.
#
# usage: scripts/build-widget.sh [DIR]   (default: $TRUNK_STAGING_DIR, else dist)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
dir=${1:-${TRUNK_STAGING_DIR:-dist}}
name=campaign-sim-widget
# wasm-opt's flags for both bundles: keep equal to index.html's data-wasm-opt (and
# data-wasm-opt-params, if any).
WASM_OPT_FLAGS=(-Oz)
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
case "${TRUNK_PROFILE:-release}" in
  release) profile=wasm; out_profile=wasm; optimise=1 ;;
  *) profile=dev; out_profile=debug; optimise=0 ;;
esac
wasm_dir="$target_dir/wasm32-unknown-unknown/$out_profile"
# The full bundle's cargo output, kept under its own name for `make size-breakdown`
# before this build replaces it (both are the binary campaign-sim-web).
mkdir -p "$target_dir/bundles"
[ -f "$wasm_dir/campaign-sim-web.wasm" ] && cp "$wasm_dir/campaign-sim-web.wasm" "$target_dir/bundles/campaign-sim-web.wasm"
offline=()
[ "${TRUNK_OFFLINE:-}" = true ] && offline=(--offline)
cargo build --target wasm32-unknown-unknown --bin campaign-sim-web --no-default-features --profile "$profile" "${offline[@]}"
cp "$wasm_dir/campaign-sim-web.wasm" "$target_dir/bundles/$name.wasm"
out="$target_dir/bundles/$name"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$target_dir/bundles/$name.wasm"
if [ "$optimise" = 1 ]; then
  wasm-opt "${WASM_OPT_FLAGS[@]}" "$out/${name}_bg.wasm" -o "$out/${name}_bg.opt.wasm"
  mv "$out/${name}_bg.opt.wasm" "$out/${name}_bg.wasm"
fi
mkdir -p "$dir"
cp "$out/$name.js" "$out/${name}_bg.wasm" "$dir/"
