// UI benchmark (issue 8): the simulator page in headless Chromium with a year of
// 100,000 generated recipients sent weekly (5.2 million broadLog rows per mode),
// opened through a link (the page's #s= fragment). Measures how long scrubbing the
// simulated clock takes to redraw (input event → the next frame painted) and how
// many log rows the DOM holds (the tables are virtual).
//
// usage: node benches/ui-bench.mjs [--dist DIR] [--n 100000] [--scrubs 25] [--out FILE]
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, ready, distDir } from "../tests/e2e/harness.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dist = path.resolve(opt("--dist", distDir));
const n = Number(opt("--n", "100000"));
const scrubs = Number(opt("--scrubs", "25"));
const out = opt("--out", path.join(path.dirname(distDir), "target", "bench", "ui.json"));

if (!fs.existsSync(path.join(dist, "index.html"))) {
  console.error(`ui-bench: no ${dist}/index.html — build it first`);
  process.exit(2);
}

// The same document as the native benchmark's `weekly` kind (src/bench_api.rs).
const scenario = {
  name: `bench weekly ${n}`,
  year: 2026,
  timezone: "Europe/Paris",
  seed: 1,
  tracking: { enabled: false },
  population: { size: n, signups_per_day: 0 },
  workflow: {
    scheduler: { frequency: "weekly", days: ["mon"], times: ["09:00"] },
    query: { filter: "all" },
    delivery: { mode: "recurring", label: "Newsletter" },
  },
};
const fragment = "#s=" + Buffer.from(JSON.stringify(scenario)).toString("base64url");

const server = await serve(dist);
const browser = await launch();
const result = { n, scrubs };
try {
  const page = await openPage(browser, server.url + fragment, { width: 1400, height: 900 });
  const t0 = Date.now();
  await ready(page, 120000);
  result.load_to_ready_ms = Date.now() - t0;
  await page.getByTestId("run-to-end").click();
  const rowsText = () => page.getByTestId("broadlog-count").textContent();
  await page.waitForFunction(
    () => parseInt(document.querySelector('[data-testid="broadlog-count"]').textContent.replace(/\D/g, ""), 10) > 0,
  );
  result.broadlog_rows = parseInt((await rowsText()).replace(/\D/g, ""), 10);
  // Scrub to spread-out positions (a fixed order, so every run does the same work),
  // timing input → next frame painted, and count the rows in the DOM after each.
  const positions = Array.from({ length: scrubs }, (_, i) => (i * 397 + 1000) % 1001);
  const timings = await page.evaluate(async (positions) => {
    const el = document.querySelector('[data-testid="scrubber"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = [];
    // What one frame costs with nothing to redraw (the floor of any measurement).
    const idle = [];
    for (let i = 0; i < 10; i++) {
      await frame();
      const t0 = performance.now();
      await frame();
      idle.push(performance.now() - t0);
    }
    idle.sort((a, b) => a - b);
    out.idle = idle[5];
    for (const p of positions) {
      await frame();
      const t0 = performance.now();
      el.value = String(p);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      await frame();
      const ms = performance.now() - t0;
      const dom = document.querySelectorAll('[data-testid="broadlog-row"], [data-testid="tracking-row"]').length;
      out.push({ p, ms, dom });
    }
    return { idle: out.idle, scrubs: out };
  }, positions);
  result.idle_frame_ms = timings.idle;
  const ms = timings.scrubs.map((t) => t.ms).sort((a, b) => a - b);
  result.scrub_median_ms = ms[Math.floor(ms.length / 2)];
  result.scrub_max_ms = ms[ms.length - 1];
  result.dom_rows_max = Math.max(...timings.scrubs.map((t) => t.dom));
  result.problems = page.problems;
  console.error(
    `ui: ${result.broadlog_rows} broadLog rows at the end of the year; scrub redraw median ${result.scrub_median_ms.toFixed(1)} ms ` +
      `(max ${result.scrub_max_ms.toFixed(1)}, ${scrubs} scrubs; an idle frame ${result.idle_frame_ms.toFixed(1)}); at most ${result.dom_rows_max} log rows in the DOM; ` +
      `page ready ${result.load_to_ready_ms} ms after load`,
  );
} finally {
  await browser.close();
  await server.close();
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 1) + "\n");
console.log(JSON.stringify(result));
