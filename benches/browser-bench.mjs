// Browser benchmark (issue 8): a full simulated year in headless Chromium, on the
// optimised dist/ (`make build`). The page's wasm exports `bench_year_json(kind, n)`
// (src/bench_api.rs), which runs parse + simulate and leaves a
// `performance.measure` entry `campaign-sim:year:<kind>:<n>`; this script reads
// those entries from the page's performance timeline.
//
// usage: node benches/browser-bench.mjs [--runs N] [--out FILE] [--dist DIR] [KIND:N ...]
//        (default: weekly-tracking:100000 weekly:100000)
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, distDir } from "../tests/e2e/harness.mjs";

const args = process.argv.slice(2);
let runs = 5;
let out = path.join(distDir, "..", "target", "bench", "browser.json");
let dist = distDir;
const work = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--out") out = args[++i];
  else if (args[i] === "--dist") dist = path.resolve(args[++i]);
  else {
    const [kind, n] = args[i].split(":");
    work.push({ kind, n: Number(n) });
  }
}
if (work.length === 0) work.push({ kind: "weekly-tracking", n: 100000 }, { kind: "weekly", n: 100000 });

if (!fs.existsSync(path.join(dist, "index.html"))) {
  console.error(`browser-bench: no ${dist}/index.html — build it first (scripts/bench.sh does)`);
  process.exit(2);
}
const server = await serve(dist);
const browser = await launch();
const results = [];
try {
  const page = await openPage(browser, server.url);
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 30000 });
  const exported = await page.evaluate(() => typeof window.wasmBindings.bench_year_json);
  if (exported !== "function") {
    throw new Error("the page's wasm does not export bench_year_json (rebuild dist/ with `make build`)");
  }
  const ua = await page.evaluate(() => navigator.userAgent);
  for (const { kind, n } of work) {
    // One warm-up year (compiles the hot code, grows the wasm memory once).
    const warm = JSON.parse(await page.evaluate(([k, n]) => window.wasmBindings.bench_year_json(k, n), [kind, n]));
    if (warm.error) throw new Error(`${kind} ${n}: ${warm.error}`);
    await page.evaluate(() => performance.clearMeasures());
    const reported = [];
    let last = warm;
    for (let r = 0; r < runs; r++) {
      last = JSON.parse(await page.evaluate(([k, n]) => window.wasmBindings.bench_year_json(k, n), [kind, n]));
      reported.push(last.ms);
    }
    // The timings the page exposes: its performance.measure entries.
    const ms = await page.evaluate(
      (name) => performance.getEntriesByName(name, "measure").map((e) => e.duration),
      `campaign-sim:year:${kind}:${n}`,
    );
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    results.push({ ...last, kind, n, ms, reported_ms: reported, median_ms: median, min_ms: sorted[0] });
    console.error(`wasm ${kind} ${n}: median ${median.toFixed(1)} ms (min ${sorted[0].toFixed(1)}), ${last.broadlog} broadLog rows, ${last.tracking} tracking rows`);
  }
  if (page.problems.length) console.error(`page problems: ${page.problems.join("; ")}`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ user_agent: ua, runs, results }, null, 1));
  console.error(`browser-bench: wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
