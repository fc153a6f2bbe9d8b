// No action is lost and nothing stale is exported (issue 15): every action made while
// a new outcome is being computed applies to that outcome. The clicks here follow each
// other with no wait at all, as a user's would; the assertions wait for the result.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { withBrowser, openPage, ready, screenshot } from "./harness.mjs";

const env = withBrowser();

const expected = (name) =>
  JSON.parse(fs.readFileSync(new URL(`../contract/scenarios/expected/${name}.run.json`, import.meta.url), "utf8"));

/** The delivery count of a mode, as the page shows it. */
const count = (page, mode) =>
  page.evaluate((m) => document.querySelector(`[data-testid="delivery-count"][data-mode="${m}"]`)?.textContent.trim(), mode);

/** Waits until the clock's instant satisfies `pred` (a source string of a predicate). */
async function clockIs(page, re) {
  await page.waitForFunction(
    (src) => new RegExp(src).test(document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant") ?? ""),
    re.source,
    { timeout: 20000 },
  );
}

for (const [name, mode] of [
  ["birthday-daily-recurring", "recurring"],
  ["welcome-continuous-incremental", "continuous"],
  ["weekly-newsletter-recurring", "recurring"],
]) {
  test(`${name}: select the preset, then Run to end at once`, async () => {
    const page = await openPage(env.browser, env.server.url);
    await ready(page);
    await page.getByTestId("preset").selectOption(name);
    await page.getByTestId("run-to-end").click();
    // The year of the new preset ends: 1 January of the next year, and its deliveries.
    await clockIs(page, /^2027-01-01T00:00:00/);
    const want = String(expected(name).totals.deliveries);
    await page.waitForFunction(
      ([m, w]) => document.querySelector(`[data-testid="delivery-count"][data-mode="${m}"]`)?.textContent.trim() === w,
      [mode, want],
      { timeout: 10000 },
    );
    assert.equal(await count(page, mode), want);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test("select a preset, then Next execution at once: the clock is on its first execution", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByTestId("preset").selectOption("birthday-daily-recurring");
  await page.getByTestId("step").click();
  const first = expected("birthday-daily-recurring").runs[0].at;
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant") === want,
    first,
    { timeout: 20000 },
  );
  await screenshot(page, "race-preset-step");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("type a scenario, then export the year summary at once: the summary is of the typed scenario", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const doc = JSON.parse(fs.readFileSync(new URL("../contract/scenarios/welcome-continuous-incremental.json", import.meta.url), "utf8"));
  const want = fs.readFileSync(new URL("../contract/scenarios/expected/welcome-continuous-incremental.run.json", import.meta.url), "utf8");
  await page.locator("details.cs-raw > summary").click();
  const download = page.waitForEvent("download");
  await page.getByTestId("scenario-json").fill(JSON.stringify(doc, null, 2));
  await page.getByTestId("export-summary").click();
  const file = await download;
  const text = fs.readFileSync(await file.path(), "utf8");
  assert.equal(text.trimEnd(), want.trimEnd(), "the export waited for the typed scenario's outcome");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("embed API: mount then runTo, and setScenario then runTo in the same tick, land on the new year", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  await page.locator("[data-campaign-sim] [data-testid=sim-clock]").first().waitFor({ timeout: 20000 });
  const birthday = fs.readFileSync(new URL("../contract/scenarios/birthday-daily-recurring.json", import.meta.url), "utf8");
  await page.evaluate(async (doc) => {
    const { mount } = await import("./campaign-sim-widget.js");
    const host = document.createElement("div");
    host.id = "race";
    document.querySelector("main, body").appendChild(host);
    const sim = mount(host, { preset: "weekly-newsletter-recurring", view: "compare" });
    sim.runTo("2026-03-01");
    window.__race = sim;
    // Same tick: a new scenario, then a clock move that must apply to it.
    sim.setScenario(doc);
    sim.runTo("2026-12-31T23:00");
  }, birthday);
  await page.waitForFunction(
    () => document.querySelector('#race [data-testid="sim-clock"]')?.getAttribute("data-instant") === "2026-12-31T23:00:00+01:00",
    null,
    { timeout: 20000 },
  );
  // The birthday year (69 recurring deliveries), not the newsletter's.
  const want = String(expected("birthday-daily-recurring").totals.deliveries);
  await page.waitForFunction(
    (w) => document.querySelector('#race [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === w,
    want,
    { timeout: 10000 },
  );
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
