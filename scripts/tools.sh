#!/usr/bin/env bash
# Installs, idempotently, every tool the build and the tests need, from package
# registries only (crates.io, npm, Debian). Each step is skipped when the tool is
# already there at the pinned version. See shared/toolchain.md for why each pin.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The docs generators the e2e suite builds real sites with (tests/e2e/sites.spec.mjs):
# MkDocs + mkdocs-material in a Python venv (PyPI), mdBook from crates.io.
MKDOCS_VERSION=1.6.1
MKDOCS_MATERIAL_VERSION=9.8.2
MDBOOK_VERSION=0.5.4
DOCS_VENV=.tools/docs-venv
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
# (A stamp of the lockfile: npm's own node_modules/.package-lock.json leaves out the
# optional packages of other platforms, esbuild's, so it never equals package-lock.json.)
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.campaign-sim-lock 2>/dev/null)" != "$lock_sum" ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.campaign-sim-lock
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! "$DOCS_VENV/bin/python" - "$MKDOCS_VERSION" "$MKDOCS_MATERIAL_VERSION" 2>/dev/null <<'PY'
import sys, importlib.metadata as m
sys.exit(0 if (m.version("mkdocs"), m.version("mkdocs-material")) == (sys.argv[1], sys.argv[2]) else 1)
PY
then
  say "installing MkDocs $MKDOCS_VERSION and mkdocs-material $MKDOCS_MATERIAL_VERSION in $DOCS_VENV (about 40 s)"
  python3 -m venv "$DOCS_VENV" || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; python3 -m venv "$DOCS_VENV"; }
  "$DOCS_VENV/bin/pip" install -q --disable-pip-version-check "mkdocs==$MKDOCS_VERSION" "mkdocs-material==$MKDOCS_MATERIAL_VERSION"
fi

if ! mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION\$"; then
  say "installing mdbook $MDBOOK_VERSION (about 3.5 minutes on 2 cores)"
  cargo install mdbook --version "$MDBOOK_VERSION" --locked --force
fi

# Debian's binaryen 108 produces a module that does not instantiate: refuse it.
wasm_opt=$(PATH="$PWD/node_modules/.bin:$PATH" command -v wasm-opt)
case "$wasm_opt" in
  "$PWD/node_modules/.bin/wasm-opt") ;;
  *) echo "wasm-opt resolves to $wasm_opt, not the pinned npm binaryen" >&2; exit 1 ;;
esac
say "ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $("$wasm_opt" --version), $(chromium --version 2>/dev/null | head -n1), $(mdbook --version), mkdocs $MKDOCS_VERSION + material $MKDOCS_MATERIAL_VERSION"
