#!/usr/bin/env bash
# Prints the version Cargo.lock resolves for a crate: scripts/lock-version.sh wasm-bindgen
set -euo pipefail
cd "$(dirname "$0")/.."
awk -v name="$1" '$1 == "name" && $3 == "\"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
