// Both shipped pages under the strict Content-Security-Policy docs hosts and intranets
// serve (issue 14, point 5): no inline script, no inline style, wasm allowed, fetches
// to the same origin only. The simulator starts, a preset runs, a lesson is fetched,
// and the browser reports no CSP violation (console or securitypolicyviolation).
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, ready, screenshot, distDir, STRICT_CSP, deepQueryInit } from "./harness.mjs";

const env = withBrowser(distDir, { "content-security-policy": STRICT_CSP });

/** Opens `page` with every CSP violation recorded in `page.violations`. */
async function openStrict(name, viewport) {
  const context = await env.browser.newContext({ viewport: viewport ?? { width: 1400, height: 900 } });
  // Added through the DevTools protocol: runs before the page's scripts, CSP or not.
  await context.addInitScript(deepQueryInit);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const page = await context.newPage();
  page.violations = [];
  page.on("console", (msg) => {
    const t = msg.text();
    if (/Content[ -]Security[ -]Policy|Refused to/i.test(t)) page.violations.push(`console ${msg.type()}: ${t}`);
  });
  page.problems = [];
  page.on("console", (msg) => msg.type() === "error" && page.problems.push(`console: ${msg.text()}`));
  page.on("pageerror", (err) => page.problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => page.problems.push(`requestfailed: ${req.url()}`));
  page.on("response", (res) => res.status() >= 400 && page.problems.push(`http ${res.status()}: ${res.url()}`));
  const response = await page.goto(env.server.url + name);
  assert.equal(response.headers()["content-security-policy"], STRICT_CSP, "served with the policy");
  return page;
}

async function violations(page) {
  return [...page.violations, ...(await page.evaluate(() => window.__csp)).map((v) => `event: ${v}`)];
}

/** The policy is enforced: an inline style attribute set now is refused and reported. */
async function assertEnforced(page) {
  const before = (await page.evaluate(() => window.__csp)).length;
  await page.evaluate(() => {
    const probe = document.createElement("i");
    probe.setAttribute("style", "color: red");
    document.body.append(probe);
  });
  await page.waitForFunction((n) => window.__csp.length > n, before, { timeout: 5000 });
}

const deliveries = (scope, mode) =>
  scope.locator(`[data-testid="delivery-count"][data-mode="${mode}"]`).first().textContent();

test("index.html starts under the strict CSP: a preset runs, the logs scroll, no violation", async () => {
  const page = await openStrict("index.html");
  await ready(page);
  // Another preset: simulated and shown.
  await page.getByTestId("preset").selectOption("birthday-daily-recurring");
  await page.waitForFunction(
    () => document.querySelector('[data-testid="preset"]').value === "birthday-daily-recurring",
  );
  await page.getByTestId("preset").selectOption("weekly-newsletter-recurring");
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === "52",
    null,
    { timeout: 15000 },
  );
  assert.equal((await deliveries(page, "continuous")).trim(), "1");
  // The send log's virtual table sizes itself with style: properties (CSSOM, allowed).
  const row = page.getByTestId("broadlog-row").first();
  await row.waitFor({ timeout: 10000 });
  const body = page.locator(".cs-vt-body").first();
  assert.match(await body.evaluate((e) => e.style.height), /^\d+(\.\d+)?px$/);
  assert.ok((await body.evaluate((e) => e.getBoundingClientRect().height)) > 30, "the table has its height");
  // A guided lesson: fetched from lessons/ (connect-src falls under default-src 'self').
  await page.getByTestId("questions-menu").click();
  await page.locator('[data-testid="lesson"][data-lesson="q1-deliveries"]').click();
  await page.getByTestId("lesson-panel").waitFor({ timeout: 10000 });
  await screenshot(page, "csp-index");
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(page.problems, []);
  await assertEnforced(page);
});

test("embed.html starts under the strict CSP: every widget, a lesson, no violation", async () => {
  const page = await openStrict("embed.html");
  const widgets = page.locator("[data-campaign-sim]");
  assert.equal(await widgets.count(), 3);
  for (let i = 0; i < 3; i++) await widgets.nth(i).getByTestId("sim-clock").waitFor({ timeout: 20000 });
  const a = widgets.nth(0);
  await a.getByTestId("run-to-end").click();
  await page.waitForFunction(
    () => csQuery('[data-campaign-sim] >>> [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === "52",
    null,
    { timeout: 15000 },
  );
  assert.equal((await deliveries(a, "continuous")).trim(), "1");
  // The third widget opens a lesson: its index and file are fetched.
  await widgets.nth(2).getByTestId("lesson-panel").waitFor({ timeout: 15000 });
  // The host page's own style (an external file now) still applies.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily), "Georgia, serif");
  await screenshot(page, "csp-embed");
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(page.problems, []);
  await assertEnforced(page);
});
