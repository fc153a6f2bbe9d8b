#!/usr/bin/env bash
# Installs, idempotently, every tool the build and the tests need, from package
# registries only (crates.io, npm, Debian). Each step is skipped when the tool is
# already there at the pinned version. See shared/toolchain.md for why each pin.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock: derive it.
WASM_BINDGEN_VERSION=$(scripts/lock-version.sh wasm-bindgen)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1mtools:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Trunk.toml pins the wasm-bindgen version too (Trunk downloads a mismatching one):
# it must not drift from Cargo.lock.
trunk_pin=$(sed -n 's/^wasm_bindgen *= *"\([^"]*\)".*/\1/p' Trunk.toml)
if [ "$trunk_pin" != "$WASM_BINDGEN_VERSION" ]; then
  echo "Trunk.toml [tools] wasm_bindgen = \"$trunk_pin\" but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION: update Trunk.toml" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: its lockfile wants a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt (npm binaryen, pinned in package-lock.json) and playwright-core.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s <(sed -n '/"node_modules\//,$p' package-lock.json) <(sed -n '/"node_modules\//,$p' node_modules/.package-lock.json); then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Debian's binaryen 108 produces a module that does not instantiate: refuse it.
wasm_opt=$(PATH="$PWD/node_modules/.bin:$PATH" command -v wasm-opt)
case "$wasm_opt" in
  "$PWD/node_modules/.bin/wasm-opt") ;;
  *) echo "wasm-opt resolves to $wasm_opt, not the pinned npm binaryen" >&2; exit 1 ;;
esac
say "ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $("$wasm_opt" --version), $(chromium --version 2>/dev/null | head -n1)"
