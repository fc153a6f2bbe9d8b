// Lighthouse on a phone (issue 14, point 3): the performance category of Lighthouse
// 12.2.3's default mobile profile (simulated slow 4G and a 4× slower CPU, a Moto G
// Power screen) in headless Chromium, on index.html and embed.html served from the
// optimised dist/ gzip-compressed (as any docs host serves them), 3 runs per page.
// Prints the medians as a Markdown table (score, LCP, TTI, TBT) with the targets, and
// writes every run to --out. Part of `make bench` (scripts/bench.sh), not `make test`:
// the score is a measurement and this machine is noisy.
//
// usage: node benches/lighthouse.mjs [--dist DIR] [--runs 3] [--out FILE] [PAGE ...]
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { distDir, CHROMIUM_FLAGS } from "../tests/e2e/harness.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const dist = path.resolve(opt("--dist", distDir));
const runs = Number(opt("--runs", "3"));
const out = opt("--out", path.join(path.dirname(distDir), "target", "bench", "lighthouse.json"));
const pages = args.length ? args : ["index.html", "embed.html"];

if (!fs.existsSync(path.join(dist, "index.html"))) {
  console.error(`lighthouse: no ${dist}/index.html — build it first`);
  process.exit(2);
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/** A static server over `dir` that gzips what it sends (level 9, once per file). */
function gzipServer(dir) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.normalize(path.join(dir, rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    const type = types[path.extname(file)] ?? "application/octet-stream";
    const headers = { "content-type": type, "cache-control": "no-cache", vary: "accept-encoding" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      if (!cache.has(file)) cache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      res.writeHead(200, { ...headers, "content-encoding": "gzip" }).end(cache.get(file));
    } else {
      res.writeHead(200, headers).end(fs.readFileSync(file));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await gzipServer(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: CHROMIUM_FLAGS,
});
const results = {};
try {
  for (const page of pages) {
    results[page] = [];
    for (let i = 0; i < runs; i++) {
      // Lighthouse's defaults: the mobile form factor with simulated throttling.
      const { lhr } = await lighthouse(base + page, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
      });
      const a = lhr.audits;
      const run = {
        score: lhr.categories.performance.score,
        lcp_ms: a["largest-contentful-paint"].numericValue,
        tti_ms: a["interactive"].numericValue,
        tbt_ms: a["total-blocking-time"].numericValue,
        fcp_ms: a["first-contentful-paint"].numericValue,
        cls: a["cumulative-layout-shift"].numericValue,
        bytes: a["total-byte-weight"].numericValue,
        runtime_error: lhr.runtimeError?.message,
        // Where the time went: the longest main-thread tasks (observed, unthrottled)
        // and the main thread's work by kind.
        long_tasks: (a["long-tasks"]?.details?.items ?? [])
          .slice(0, 5)
          .map((t) => ({ url: t.url, start_ms: Math.round(t.startTime), ms: Math.round(t.duration) })),
        main_thread: Object.fromEntries(
          (a["mainthread-work-breakdown"]?.details?.items ?? []).map((i) => [i.group, Math.round(i.duration)]),
        ),
        load_average: fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0],
      };
      results[page].push(run);
      console.error(`${page} run ${i + 1}: ${JSON.stringify(run)}`);
    }
  }
} finally {
  await chrome.kill();
  server.close();
}

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ lighthouse: "12.2.3", profile: "mobile (default)", runs, results }, null, 2));

const ok = (c) => (c ? "met" : "**not met**");
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`| page (median of ${runs}) | performance score | LCP | TTI | TBT | bytes (gzip) |`);
console.log("|---|---|---|---|---|---|");
for (const [page, rs] of Object.entries(results)) {
  const m = (k) => median(rs.map((r) => r[k]));
  console.log(
    `| ${page} | ${m("score").toFixed(2)} (≥ 0.95 ${ok(m("score") >= 0.95)}) | ${s(m("lcp_ms"))} (< 2.5 s ${ok(m("lcp_ms") < 2500)}) | ${s(m("tti_ms"))} | ${Math.round(m("tbt_ms"))} ms (< 200 ms ${ok(m("tbt_ms") < 200)}) | ${Math.round(m("bytes")).toLocaleString("en")} |`,
  );
}
