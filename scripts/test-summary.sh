#!/usr/bin/env bash
# Repeats the test runners' own summary lines at the end of `make test`, then one
# plain total line.
set -euo pipefail
logs=${1:-target/test-logs}
passed=0; failed=0
echo
echo "== summary =="
for log in native wasm; do
  [ -f "$logs/$log.log" ] || continue
  while IFS= read -r line; do
    echo "$log: $line"
    p=$(sed -n 's/.* \([0-9]*\) passed.*/\1/p' <<<"$line"); f=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$line")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  done < <(grep -E '^test result: ' "$logs/$log.log")
done
if [ -f "$logs/e2e.log" ]; then
  grep -E '^ℹ (tests|pass|fail|skipped|duration_ms) ' "$logs/e2e.log" | sed 's/^/e2e: /'
  p=$(sed -n 's/^ℹ pass \([0-9]*\)/\1/p' "$logs/e2e.log" | tail -n1); f=$(sed -n 's/^ℹ fail \([0-9]*\)/\1/p' "$logs/e2e.log" | tail -n1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
fi
echo "make test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
