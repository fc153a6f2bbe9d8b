// Sharing the standalone page (issue 6): a link reproduces the same simulation (same
// delivery counts, same first broadLog rows, same clock, mode and delivery); the last
// scenario survives a reload; an exported scenario re-imports to the identical
// outcome; the log and summary exports hold what the tables and the CLI show.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { withBrowser, openPage, screenshot, ready } from "./harness.mjs";

const env = withBrowser();

/** Replaces the raw scenario text (the editor keeps it as typed). */
async function typeScenario(page, text) {
  await page.locator("details.cs-raw > summary").click();
  await page.getByTestId("scenario-json").fill(text);
}

/** Waits until the page shows a year simulated from the scenario named `name`. */
async function simulated(page, clockPrefix) {
  await page.waitForFunction(
    (p) => (document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant") ?? "").startsWith(p),
    clockPrefix,
    { timeout: 20000 },
  );
}

/** What a reader sees: counts per mode, the clock, the explorer's mode and delivery,
 *  the broadLog count and the first rows of the table. */
async function observe(page) {
  return page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const all = (s) => [...document.querySelectorAll(s)];
    return {
      counts: Object.fromEntries(all('[data-testid="delivery-count"]').map((e) => [e.dataset.mode, e.textContent])),
      clock: q('[data-testid="sim-clock"]').getAttribute("data-instant"),
      mode: q('[data-testid="explorer-mode"][aria-pressed="true"]')?.dataset.mode,
      delivery: q('[data-testid="delivery-item"][aria-pressed="true"] strong')?.textContent ?? null,
      broadlogCount: q('[data-testid="broadlog-count"]').textContent,
      rows: all('[data-testid="broadlog-row"]').slice(0, 10).map((r) => r.innerText),
    };
  });
}

const weekly = JSON.parse(
  fs.readFileSync(new URL("../../presets/weekly-newsletter-recurring.json", import.meta.url), "utf8"),
);

/** A custom scenario (not a preset): another seed and name, tracking on. */
function custom(name, seed) {
  return JSON.stringify({ ...weekly, name, seed, tracking: { ...(weekly.tracking ?? {}), enabled: true } }, null, 2);
}

test("a shared URL reproduces the same delivery counts and the same first broadLog rows", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeScenario(page, custom("Shared, by link", 4242));
  // The edited scenario is simulated (the preset select turns to custom).
  await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === "");
  await page.getByTestId("step").click();
  for (let i = 0; i < 9; i++) await page.getByTestId("step").click();
  await page.locator('[data-testid="explorer-mode"][data-mode="continuous"]').click();
  await page.getByTestId("delivery-item").first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="broadlog-row"]').length > 0);
  // The URL follows the state (written once it stops changing).
  await page.waitForFunction(() => /[#&]t=.*/.test(location.hash) && /mode=continuous/.test(location.hash) && /[#&]d=\d/.test(location.hash));
  const before = await observe(page);
  const text = await page.getByTestId("scenario-json").inputValue();
  const link = page.url();
  assert.ok(before.rows.length > 0, "rows are shown");
  assert.equal(before.mode, "continuous");
  assert.notEqual(before.delivery, null);

  // The copy-link button gives the same link (clipboard, or the field to copy by hand).
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByTestId("copy-link").click();
  await page.getByTestId("link-status").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, link);
  await screenshot(page, "share-before");

  // Another browser (fresh context: no localStorage) opens the link.
  const other = await openPage(env.browser, link);
  await ready(other);
  await other.waitForFunction((c) => document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant") === c, before.clock, { timeout: 20000 });
  await other.waitForFunction(() => document.querySelectorAll('[data-testid="broadlog-row"]').length > 0);
  const after = await observe(other);
  assert.deepEqual(after, before);
  assert.deepEqual(JSON.parse(await other.getByTestId("scenario-json").inputValue()), JSON.parse(text));
  assert.equal(await other.getByTestId("preset").inputValue(), "");
  assert.deepEqual(other.problems, []);
  assert.deepEqual(page.problems, []);
  await other.context().close();
  await page.context().close();
});

test("the last scenario is kept in this browser: a reload without a link brings it back as typed", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  // Invalid on purpose: what was typed is kept, error included.
  const typed = custom("Kept across reloads", 7).replace('"seed": 7', '"seed": "seven"');
  await typeScenario(page, typed);
  // Written once typing pauses.
  await page.waitForFunction((t) => localStorage.getItem("campaign-sim:scenario") === t, typed);
  await page.goto(env.server.url);
  await page.locator("details.cs-raw > summary").click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="scenario-json"]')?.value === t, typed);
  // The engine's message names the field; nothing is simulated from a broken document.
  assert.match(await page.locator(".cs-panel").innerText(), /seed/);
  assert.equal(await page.getByTestId("preset").inputValue(), "");
  await page.context().close();
});

test("an exported scenario re-imports to the identical outcome", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const text = custom("Round trip", 99);
  await typeScenario(page, text);
  await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === "");
  const [saved] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-scenario").click()]);
  assert.equal(saved.suggestedFilename(), "Round-trip.json");
  const file = await saved.path();
  assert.equal(fs.readFileSync(file, "utf8"), text, "the download is the scenario exactly as typed");
  await page.getByTestId("run-to-end").click();
  await simulated(page, "2027-01-01");
  const before = await observe(page);
  const summary = (await download(page, "export-summary")).text;

  const other = await openPage(env.browser, env.server.url);
  await ready(other);
  await other.getByTestId("import-scenario").setInputFiles(file);
  await other.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === "");
  await other.locator("details.cs-raw > summary").click();
  assert.equal(await other.getByTestId("scenario-json").inputValue(), text);
  // Wait for the imported scenario's year, then run it to the end.
  await other.waitForFunction(() => /imported|importé/i.test(document.querySelector(".cs-files [role=status]")?.textContent ?? ""));
  await other.waitForTimeout(500);
  await other.getByTestId("run-to-end").click();
  await simulated(other, "2027-01-01");
  const after = await observe(other);
  assert.deepEqual(after, before);
  assert.equal((await download(other, "export-summary")).text, summary);
  // The summary is the scenario's own mode (recurring): one entry per delivery shown.
  assert.equal(JSON.parse(summary).deliveries.length, Number(before.counts.recurring));
  assert.deepEqual(other.problems, []);
  await other.context().close();
  await page.context().close();
});

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), "utf8") };
}

test("log exports hold the selected delivery's rows up to the clock, as CSV and JSON", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeScenario(page, custom("Exports", 5));
  await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === "");
  for (let i = 0; i < 3; i++) await page.getByTestId("step").click();
  // The newest delivery (the list is oldest first): the clock stays on its execution.
  await page.getByTestId("delivery-item").last().click();
  const shown = async () =>
    parseInt((await page.getByTestId("broadlog-count").textContent()).replace(/\D/g, ""), 10);
  await page.waitForFunction(() => document.querySelector('[data-testid="delivery-item"][aria-pressed="true"]'));
  const rows = await shown();
  const id = (await page.locator('[data-testid="delivery-item"][aria-pressed="true"] strong').textContent()).match(/#(\d+)/)[1];

  const csv = await download(page, "export-broadlog-csv");
  assert.equal(csv.name, `campaign-sim-recurring-broadlog-delivery-${id}.csv`);
  const lines = csv.text.trimEnd().split(/\r?\n/);
  assert.equal(lines[0], "id,deliveryId,recipientId,email,eventDate,status,failureType,failureReason");
  assert.equal(lines.length - 1, rows, "one CSV line per row the table shows");
  for (const l of lines.slice(1)) assert.equal(l.split(",")[1], id);

  const json = await download(page, "export-broadlog-json");
  const parsed = JSON.parse(json.text);
  assert.equal(parsed.length, rows);
  assert.ok(parsed.every((r) => String(r.deliveryId) === id));

  // All deliveries: more rows than one delivery's, every one dated no later than the clock.
  await page.locator(".cs-deliveries li:first-child button").click();
  const allRows = await shown();
  const all = await download(page, "export-broadlog-csv");
  assert.equal(all.name, "campaign-sim-recurring-broadlog-all.csv");
  assert.equal(all.text.trimEnd().split(/\r?\n/).length - 1, allRows);
  assert.ok(allRows > rows);

  const tracking = await download(page, "export-tracking-csv");
  assert.match(tracking.text.split(/\r?\n/)[0], /^id,broadLogId,deliveryId,recipientId,email,logDate,type,url,device$/);
  assert.deepEqual(page.problems, []);
  await screenshot(page, "share-exports");
  await page.context().close();
});

test("the year summary export is the CLI's `run --json` for the same scenario", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  const summary = await download(page, "export-summary");
  assert.equal(summary.name, "campaign-sim-summary.json");
  const expected = fs.readFileSync(
    new URL("../contract/scenarios/expected/weekly-newsletter-recurring.run.json", import.meta.url),
    "utf8",
  );
  assert.equal(summary.text.trimEnd(), expected.trimEnd());
  await page.context().close();
});
