// `make bench`'s browser half, at a tiny size, so it cannot rot unnoticed (issue 8):
// the year benchmark reads the page's performance.measure entries, the UI benchmark
// opens a generated year through a link and scrubs it. No time is asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { distDir, shotsDir } from "./harness.mjs";

const run = (script, args) =>
  execFileSync(process.execPath, [path.join("benches", script), "--dist", distDir, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120000,
  });

test("the browser year benchmark runs and reports what wasm produced", () => {
  const out = path.join(shotsDir, "browser-bench-smoke.json");
  run("browser-bench.mjs", ["--runs", "2", "--out", out, "weekly-tracking:500", "birthday:500"]);
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.equal(r.results.length, 2);
  const [weekly, birthday] = r.results;
  assert.equal(weekly.broadlog, 500 * 52, "a weekly send to everyone: 52 × 500 rows");
  assert.ok(weekly.tracking > 0, "tracking on gives tracking rows");
  assert.equal(weekly.ms.length, 2, "one performance.measure entry per timed year");
  assert.match(weekly.fingerprint, /^[0-9a-f]{16}$/);
  assert.ok(birthday.broadlog > 0 && birthday.broadlog < 500 * 2);
});

test("the UI benchmark scrubs a generated year and counts the DOM rows", () => {
  const out = path.join(shotsDir, "ui-bench-smoke.json");
  run("ui-bench.mjs", ["--n", "2000", "--scrubs", "3", "--out", out]);
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.equal(r.broadlog_rows, 2000 * 52);
  assert.ok(r.dom_rows_max > 0 && r.dom_rows_max <= 200, `${r.dom_rows_max} rows in the DOM`);
  assert.ok(r.scrub_median_ms > 0);
  assert.deepEqual(r.problems, []);
});
