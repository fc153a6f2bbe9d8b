# campaign-sim — the two commands a newcomer needs are `make serve` and `make test`.
# Every target installs what it is missing first (scripts/tools.sh, idempotent).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# npm's binaryen (wasm-opt 132) must win over any other wasm-opt on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true
CHROMEDRIVER ?= /usr/bin/chromedriver
LOGS := target/test-logs

# The time zones the wasm build carries are listed in src/tz/web-zones.txt (only
# there); native builds (CLI, tests) carry every zone. `make zones` regenerates the
# tables from the system tzdata, and the zoneinfo reference the tests compare them with.

.PHONY: help tools serve build size size-breakdown test lint test-native test-wasm test-e2e bench zones package

help:
	@echo "make serve  - install what is missing, build, serve on http://127.0.0.1:8080"
	@echo "make test   - install what is missing, run the whole test suite"
	@echo "make build  - release build into dist/ (wasm-opt -Oz) and the size report"
	@echo "make bench  - native and browser benchmarks, Lighthouse on a phone profile"
	@echo "make package - the widget's npm package: target/package/campaign-sim-<version>.tgz"
	@echo "make size-breakdown - where the wasm's bytes go (sections, crates, functions)"
	@echo "make zones  - regenerate the time-zone tables and their test reference from the system tzdata"

tools:
	@scripts/tools.sh

serve: tools
	trunk serve --release

# `trunk build --release` compiles the web page with Cargo's `wasm` profile (opt-level
# "z", for size: index.html's data-cargo-profile-release); the CLI's `release` profile
# is built for speed (opt-level 3).
# Trunk builds the full bundle (index.html) and then, through its post_build hook
# (Trunk.toml), scripts/build-widget.sh builds the widget bundle into the same dist/.
build: tools
	trunk build --release
	@scripts/size-report.sh dist

size:
	@scripts/size-report.sh dist

# The npm package (scripts/package.mjs): the widget's files only, its
# custom-elements.json generated from web/element-api.js, packed by `npm pack` into
# target/package/. Runs the release build first when dist/ is missing or older than a
# source it is built from.
DIST_SOURCES := $(shell git ls-files src web style lessons i18n presets index.html embed.html element.html \
  Cargo.toml Cargo.lock Trunk.toml scripts/post-build.sh scripts/build-widget.sh 2>/dev/null)
dist/campaign-sim-widget_bg.wasm: $(DIST_SOURCES)
	$(MAKE) --no-print-directory build

package: tools dist/campaign-sim-widget_bg.wasm
	node scripts/package.mjs

# Where the wasm's bytes go: sections (raw, gzip -9), code by crate, largest functions
# (the release module optimised again with names kept; about a minute per bundle).
size-breakdown:
	@scripts/size-breakdown.sh

lint: tools
	node scripts/check-css.mjs
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown --no-default-features -- -D warnings

test-native:
	@mkdir -p $(LOGS)
	cargo test 2>&1 | tee $(LOGS)/native.log

# Components mounted in headless Chromium (wasm-bindgen-test-runner + chromedriver;
# webdriver.json adds --no-sandbox for root), the engine's fingerprints, and the page's
# time zones against zoneinfo.
test-wasm:
	@mkdir -p $(LOGS)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=$(CHROMEDRIVER) \
	  cargo test --target wasm32-unknown-unknown --test web --test web_determinism --test zones_zoneinfo 2>&1 | tee $(LOGS)/wasm.log

test-e2e:
	@mkdir -p $(LOGS) target/e2e
	node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.spec.mjs 2>&1 | tee $(LOGS)/e2e.log

# Fail fast, in this order: lint, native tests, browser component tests, release
# build + size report, the npm package, end-to-end tests on the optimised dist/ (and
# the package installed from its tarball, and docs sites built with it). Then the
# runners' summary lines again, so the end of the output says what ran.
test: tools
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory package
	$(MAKE) --no-print-directory test-e2e
	@scripts/test-summary.sh $(LOGS)

bench: tools
	@scripts/bench.sh

# Time-zone tables (src/tz/zones*.bin) and the zoneinfo reference of
# tests/zones_zoneinfo.rs, from /usr/share/zoneinfo (Python 3.11+, stdlib only).
zones:
	python3 scripts/gen-zones.py
	python3 scripts/gen-zone-fixture.py
