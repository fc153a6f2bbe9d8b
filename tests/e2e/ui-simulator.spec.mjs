// The simulator page in Chromium: presets run to the end give the contract's delivery
// counts per mode, stepping moves the clock, filters change the broadLog rows, the
// trace shows a recipient's year, the language switch changes the texts, invalid input
// shows the engine's message and keeps what was typed, the log table stays virtual.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { withBrowser, openPage, screenshot, shotsDir, ready } from "./harness.mjs";

const env = withBrowser();

const clockOf = (page) => page.getByTestId("sim-clock").getAttribute("data-instant");
const count = (page, mode) =>
  page.locator(`[data-testid="delivery-count"][data-mode="${mode}"]`).textContent();

async function choosePreset(page, name) {
  await page.getByTestId("preset").selectOption(name);
  // A new preset restarts on 1 January once its simulation is ready.
  await page.waitForFunction(
    () => /T00:00:00/.test(document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant") ?? ""),
    null,
    { timeout: 20000 },
  );
}

// Expected counts: tests/contract/scenarios/expected/*.run.json (deliveries in the scenario's own
// mode; the other mode: executions that reached a delivery, or one continuous delivery
// plus one per content change).
const PRESETS = [
  { name: "weekly-newsletter-recurring", recurring: "52", continuous: "1" },
  { name: "birthday-daily-recurring", recurring: "69", continuous: "1" },
  { name: "welcome-continuous-incremental", recurring: "29", continuous: "2" },
  { name: "several-workflows-one-base", recurring: "52", continuous: "1" },
];

test("each preset run to the end shows the delivery counts per mode (and how long a year takes)", async () => {
  const timings = {};
  for (const p of PRESETS) {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(env.server.url);
    await ready(page);
    if (p.name !== PRESETS[0].name) await choosePreset(page, p.name);
    await page.getByTestId("run-to-end").click();
    await page.waitForFunction(
      ([r, c]) =>
        document.querySelector('[data-testid="delivery-count"][data-mode="recurring"]')?.textContent === r &&
        document.querySelector('[data-testid="delivery-count"][data-mode="continuous"]')?.textContent === c,
      [p.recurring, p.continuous],
      { timeout: 20000 },
    );
    timings[p.name] = Date.now() - t0;
    assert.equal(await count(page, "recurring"), p.recurring, p.name);
    assert.equal(await count(page, "continuous"), p.continuous, p.name);
    assert.match(await clockOf(page), /^2027-01-01T00:00:00/);
    await screenshot(page, `ui-end-${p.name}`);
    await context.close();
  }
  fs.mkdirSync(shotsDir, { recursive: true });
  fs.writeFileSync(path.join(shotsDir, "ui-timings.json"), JSON.stringify(timings, null, 2));
  console.log("page load to a full simulated year (ms):", timings);
});

test("stepping moves the clock to the next execution, then one day on", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  assert.equal(await clockOf(page), "2026-01-01T00:00:00+01:00");
  await page.getByTestId("step").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant") !== "2026-01-01T00:00:00+01:00");
  assert.equal(await clockOf(page), "2026-01-05T09:00:00+01:00", "the first Monday's newsletter");
  assert.equal(await count(page, "recurring"), "1");
  await page.getByTestId("step-day").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant") === "2026-01-06T09:00:00+01:00");
  assert.deepEqual(page.problems, []);
});

test("play advances the clock and pause stops it", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByTestId("play").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant") > "2026-01-08", null, { timeout: 5000 });
  await page.getByTestId("pause").click();
  const paused = await clockOf(page);
  await page.waitForTimeout(400);
  assert.equal(await clockOf(page), paused);
});

test("status filters change the broadLog rows", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await choosePreset(page, "welcome-continuous-incremental");
  await page.getByTestId("run-to-end").click();
  const countText = page.getByTestId("broadlog-count");
  await page.waitForFunction(() => /^60 /.test(document.querySelector('[data-testid="broadlog-count"]').textContent));
  await page.getByTestId("filter-status").selectOption("Failed");
  await page.waitForFunction(() => !/^60 /.test(document.querySelector('[data-testid="broadlog-count"]').textContent));
  const failed = parseInt(await countText.textContent(), 10);
  assert.ok(failed > 0 && failed < 60, `${failed} failed rows`);
  const statuses = await page.$$eval('[data-testid="broadlog-row"]', (rows) => rows.map((r) => r.dataset.status));
  assert.equal(statuses.length, failed);
  assert.ok(statuses.every((s) => s === "failed"));
  await page.getByTestId("filter-status").selectOption("");
  await page.getByTestId("filter-from").fill("2026-06-01");
  await page.getByTestId("filter-from").dispatchEvent("change");
  await page.waitForFunction(() => !/^60 /.test(document.querySelector('[data-testid="broadlog-count"]').textContent));
  await screenshot(page, "ui-filters");
});

test("the trace shows a recipient's history and why an execution did not target them", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await choosePreset(page, "welcome-continuous-incremental");
  await page.getByTestId("run-to-end").click();
  await page.getByTestId("broadlog-row").first().waitFor();
  const rid = await page.getByTestId("broadlog-row").first().getAttribute("data-recipient");
  await page.getByTestId("broadlog-row").first().click();
  await page.getByTestId("trace-event").first().waitFor();
  const events = await page.getByTestId("trace-event").allTextContents();
  assert.ok(events.some((e) => /Targeted by execution #1/.test(e)), events.join("\n"));
  assert.equal(await page.getByTestId("trace-recipient").inputValue(), rid);
  // The second execution: the incremental query leaves out whoever it returned on the first.
  await page.getByTestId("trace-execution").fill("2");
  await page.getByTestId("trace-execution").dispatchEvent("change");
  await page.waitForFunction(() => /history/.test(document.querySelector('[data-testid="why-not-targeted"]')?.textContent ?? ""));
  await screenshot(page, "ui-trace");
});

test("switching language changes the texts", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const h1 = await page.locator("h1").textContent();
  await page.getByTestId("lang-fr").click();
  await page.waitForFunction((before) => document.querySelector("h1").textContent !== before, h1);
  assert.match(await page.locator("h1").textContent(), /Diffusions récurrentes ou continues/);
  assert.match(await page.getByTestId("sim-clock").textContent(), /janv\./);
  assert.match(await page.getByTestId("run-to-end").textContent(), /Jusqu'à la fin/);
  await page.getByTestId("lang-en").click();
  assert.match(await page.locator("h1").textContent(), /Recurring vs continuous/);
});

test("an invalid field shows the engine's message next to it and keeps what was typed", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByTestId("run-to-end").click();
  const every = page.locator('[data-field="workflow.scheduler.every"]');
  await every.fill("0");
  const error = page.locator('.cs-fieldrow:has([data-field="workflow.scheduler.every"]) [data-testid="error"]');
  await error.waitFor();
  assert.match(await error.textContent(), /workflow\.scheduler\.every/);
  assert.equal(await every.inputValue(), "0");
  // The last valid simulation stays on screen.
  assert.equal(await count(page, "recurring"), "52");
  await every.fill("2");
  await error.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.querySelector('[data-testid="delivery-count"][data-mode="recurring"]').textContent === "26");
  assert.match(await page.getByTestId("schedule-description").textContent(), /2 weeks|other week/i);
  await page.locator('[data-field="workflow.scheduler.days"]').fill("mon, mun");
  await page.getByTestId("error").first().waitFor();
  assert.match(await page.getByTestId("error").first().textContent(), /days\[1\].*"mun" is not a weekday/);
  assert.equal(await page.locator('[data-field="workflow.scheduler.days"]').inputValue(), "mon, mun");
});

test("a large broadLog renders a bounded window of rows", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const doc = {
    name: "Big weekly",
    year: 2026,
    timezone: "Europe/Paris",
    seed: 3,
    population: { size: 4000 },
    workflow: { scheduler: { frequency: "weekly", days: ["mon"], times: ["09:00"] } },
  };
  await page.locator(".cs-raw summary").click();
  await page.getByTestId("scenario-json").fill(JSON.stringify(doc));
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => parseInt(document.querySelector('[data-testid="broadlog-count"]').textContent.replace(/\D/g, ""), 10) > 100000, null, { timeout: 30000 });
  const rendered = await page.getByTestId("broadlog-row").count();
  assert.ok(rendered > 0 && rendered <= 200, `${rendered} rows in the DOM`);
  await page.locator('[data-testid="broadlog-table"] .cs-vt-body').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.waitForTimeout(200);
  const ids = await page.$$eval('[data-testid="broadlog-row"] span:first-child', (s) => s.map((x) => parseInt(x.textContent, 10)));
  assert.ok(Math.min(...ids) > 50000, `scrolled to the middle: first id ${Math.min(...ids)}`);
  assert.ok((await page.getByTestId("broadlog-row").count()) <= 200);
});

test("screenshots of every view at 1400 px and 400 px", async () => {
  for (const width of [1400, 400]) {
    const page = await openPage(env.browser, env.server.url, { width, height: 900 });
    await ready(page);
    await choosePreset(page, "welcome-continuous-incremental");
    await page.getByTestId("run-to-end").click();
    await page.getByTestId("delivery-item").first().click();
    await page.getByTestId("broadlog-row").first().click();
    await screenshot(page, `ui-full-${width}`);
    for (const sel of [".cs-controls", ".cs-compare", ".cs-workflow", ".cs-explorer", ".cs-trace", ".cs-charts", ".cs-panel"]) {
      await page.locator(sel).screenshot({ path: path.join(shotsDir, `ui-${sel.slice(4)}-${width}.png`) });
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal page scroll at ${width} px (${overflow} px too wide)`);
    assert.deepEqual(page.problems, []);
  }
});

test("a scenario too big for the page shows the engine's refusal instead of freezing", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const doc = {
    name: "Too big",
    population: { size: 5000000 },
    workflow: { scheduler: { frequency: "periodic", interval_minutes: 10, window: ["00:00", "23:50"] } },
  };
  await page.locator(".cs-raw summary").click();
  await page.getByTestId("scenario-json").fill(JSON.stringify(doc));
  await page.getByTestId("error").first().waitFor({ timeout: 20000 });
  assert.ok((await page.getByTestId("error").first().textContent()).length > 10);
  // The last valid simulation stays on screen.
  assert.equal(await count(page, "recurring"), "0");
  assert.equal(await page.getByTestId("scenario-json").inputValue(), JSON.stringify(doc));
});
