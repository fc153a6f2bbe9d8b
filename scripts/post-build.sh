#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml), so `make build`, `make serve` and the benches'
# builds all ship the same dist/:
#   1. the widget bundle (scripts/build-widget.sh);
#   2. the widgets' posters, written by the CLI from the engine's year
#      (`campaign-sim posters DIR/posters`: one per preset × view × language, per
#      lesson × language, and the generic ones);
#   3. the pages' modules and the stylesheets, bundled and minified by esbuild (npm,
#      pinned in package-lock.json): campaign-sim.js (web/campaign-sim.js with the
#      element-api.js and element-words.js it imports: one request), start.js,
#      campaign-sim.css and campaign-sim-host.css;
#   4. pre-compressed brotli files (.br, quality 11) next to every wasm, js and css file,
#      for hosts that serve them (Netlify, GitLab Pages, most CDNs), made with Node's own
#      zlib (scripts/compress.mjs; no package to install).
# usage: scripts/post-build.sh [DIR]   (default: $TRUNK_STAGING_DIR, else dist)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
dir=${1:-${TRUNK_STAGING_DIR:-dist}}
scripts/build-widget.sh "$dir"
offline=()
[ "${TRUNK_OFFLINE:-}" = true ] && offline=(--offline)
# The CLI's dev build (the one `cargo test` shares): the posters take seconds either way.
cargo run --quiet "${offline[@]}" --bin campaign-sim -- posters "$dir/posters" --lessons lessons
for entry in web/campaign-sim.js web/start.js; do
  esbuild "$entry" --bundle --format=esm --minify --target=es2022 --legal-comments=none \
    --log-level=warning --outfile="$dir/$(basename "$entry")"
done
for css in style/campaign-sim.css style/campaign-sim-host.css; do
  esbuild "$css" --minify --log-level=warning --outfile="$dir/$(basename "$css")"
done
node scripts/compress.mjs "$dir"
