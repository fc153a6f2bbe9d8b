// Shared helpers for the end-to-end tests: a static server over the optimised dist/
// on 127.0.0.1 (a free port) and Debian's Chromium driven by playwright-core.
import http from "node:http";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const distDir = path.join(root, "dist");
export const shotsDir = path.join(root, "target", "e2e");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The Content-Security-Policy strict docs hosts and intranets serve (the README's). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

/**
 * Serves `dir` on 127.0.0.1 at a free port; optionally under a URL prefix and with
 * extra response headers (e.g. a Content-Security-Policy, tests/e2e/csp.spec.mjs).
 * `options`: `pages` (path → HTML served instead of a file), `missing` (a Set of
 * paths answered 404 while they are in it), `gzip` (compress as a docs host does, for
 * the bytes a page downloads).
 */
export async function serve(dir = distDir, prefix = "/", headers = {}, options = {}) {
  const { pages = {}, missing = new Set(), gzip = false } = options;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix) || missing.has(rel)) {
      res.writeHead(404).end("not found");
      return;
    }
    rel = rel.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    if (pages[rel] !== undefined) {
      const zip = gzip && /gzip/.test(req.headers["accept-encoding"] ?? "");
      const body = zip ? zlib.gzipSync(pages[rel], { level: 9 }) : pages[rel];
      res.writeHead(200, { ...headers, "content-type": types[".html"], ...(zip ? { "content-encoding": "gzip" } : {}) }).end(body);
      return;
    }
    const file = path.normalize(path.join(dir, rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    const type = types[path.extname(file)] ?? "application/octet-stream";
    if (gzip && /gzip/.test(req.headers["accept-encoding"] ?? "")) {
      const body = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
      res.writeHead(200, { ...headers, "content-type": type, "content-encoding": "gzip", "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    res.writeHead(200, {
      ...headers,
      "content-type": type,
      "content-length": fs.statSync(file).size,
    });
    // A HEAD request (the widget checks that its files are there) gets no body.
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Launches headless Chromium (Debian's, never a downloaded one). */
/** Debian's Chromium flags for headless runs (the e2e suite and the Lighthouse bench). */
export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/**
 * Installed in every page (an init script): `csQueryAll(sel)` / `csQuery(sel)` find
 * elements in the document and in every open shadow root (a widget's simulator sits in
 * its host's shadow root, where `document.querySelector` does not look). ` >>> ` enters
 * the shadow roots of what its left side matched: `csQuery("#demo >>> .cs")`.
 */
export function deepQueryInit() {
  const roots = (root) => {
    const out = [root];
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) out.push(...roots(el.shadowRoot));
    return out;
  };
  window.csQueryAll = (sel) => {
    const parts = sel.split(/\s*>>>\s*/);
    let scopes = [document];
    let found = [];
    for (const [i, part] of parts.entries()) {
      found = [];
      for (const scope of scopes) for (const r of roots(scope)) found.push(...r.querySelectorAll(part));
      found = [...new Set(found)];
      if (i < parts.length - 1) scopes = found.map((e) => e.shadowRoot).filter(Boolean);
    }
    return found;
  };
  window.csQuery = (sel) => window.csQueryAll(sel)[0] ?? null;
}

/**
 * Opens a page that records console errors, page errors and failed requests in
 * `page.problems`, so a test can assert the page ran cleanly.
 */
export async function openPage(browser, url, viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(deepQueryInit);
  const page = await context.newPage();
  page.problems = [];
  // Every URL the page requested, in order (the widget page's bundle test reads it).
  page.requests = [];
  page.on("request", (req) => page.requests.push(req.url()));
  page.on("console", (msg) => {
    if (msg.type() === "error") page.problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => page.problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => page.problems.push(`requestfailed: ${req.url()}`));
  page.on("response", (res) => {
    if (res.status() >= 400) page.problems.push(`http ${res.status()}: ${res.url()}`);
  });
  await page.goto(url);
  return page;
}

/**
 * Waits until the page has simulated its first year (the clock shows an instant), on
 * the page or in a widget's shadow root.
 */
export async function ready(page, timeout = 20000) {
  await page.waitForFunction(
    () => (window.csQuery ?? ((s) => document.querySelector(s)))('[data-testid="sim-clock"]')?.getAttribute("data-instant"),
    null,
    { timeout },
  );
}

/** Saves a full-page screenshot under target/e2e/NAME.png. */
export async function screenshot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/**
 * Registers the suite's hooks: before it, a server over dist/ and a browser; after
 * it, both closed. The returned object's `server` and `browser` are set once the
 * suite starts.
 */
export function withBrowser(dir = distDir, headers = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve(dir, "/", headers);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

const axeSource = fs.readFileSync(path.join(root, "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) on the page and returns its
 * violations. axe is evaluated through the DevTools protocol, so a page's
 * Content-Security-Policy does not block it.
 */
export async function audit(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  });
}
