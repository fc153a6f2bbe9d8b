// Jump to any run (issue 12): a calendar day, a journal line, a chart point, a delivery
// and the go-to-date control each move the clock, the explorer (delivery and execution
// filter), the journal and the trace to one execution; the trace takes a number or a
// date as it is typed; the resources folder lists the template's versions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, ready, screenshot } from "./harness.mjs";

const env = withBrowser();

/** What the page shows of "the execution in focus". */
const focus = (page) =>
  page.evaluate(() => ({
    clock: document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant"),
    filter: document.querySelector('[data-testid="execution-filter"]').value,
    delivery: document.querySelector('[data-testid="delivery-item"][aria-pressed="true"]')?.dataset.delivery ?? null,
    trace: document.querySelector('[data-testid="trace-execution"]').value,
    journal: [...document.querySelectorAll('[data-testid="journal"] li.cs-focus [data-testid="journal-line"]')].map((b) => b.dataset.execution),
    rows: parseInt(document.querySelector('[data-testid="broadlog-count"]').textContent.replace(/\D/g, ""), 10),
  }));

async function endOfYear(page, preset) {
  await page.getByTestId("preset").selectOption(preset);
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => /^2027-01-01/.test(document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant")), null, { timeout: 20000 });
}

/** Waits until the clock shows `instant`. */
const clockAt = (page, instant) =>
  page.waitForFunction((i) => document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant") === i, instant, { timeout: 10000 });

test("a calendar day goes to its execution: clock, delivery, execution filter, journal and trace", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "weekly-newsletter-recurring");
  await page.locator('[data-testid="calendar-day"][data-date="2026-03-16"]').click();
  await clockAt(page, "2026-03-16T09:00:00+01:00");
  const f = await focus(page);
  // Execution 11 (index 10): the 11th Monday; its recurring delivery #11 and its 40 rows.
  assert.deepEqual(f, { clock: "2026-03-16T09:00:00+01:00", filter: "10", delivery: "11", trace: "11", journal: ["10", "10", "10", "10"], rows: 40 });
  // A day without a run goes to the run before it.
  await page.locator('[data-testid="calendar-day"][data-date="2026-03-19"]').click();
  assert.equal((await focus(page)).clock, "2026-03-16T09:00:00+01:00");
  await screenshot(page, "jump-calendar");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a journal line goes to its execution", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "weekly-newsletter-recurring");
  // The journal shows the last lines; the first of them belongs to an earlier run.
  const line = page.getByTestId("journal-line").first();
  const e = Number(await line.getAttribute("data-execution"));
  await line.click();
  await page.waitForFunction((x) => document.querySelector('[data-testid="execution-filter"]').value === String(x), e);
  const f = await focus(page);
  assert.equal(f.filter, String(e));
  assert.equal(f.trace, String(e + 1));
  assert.equal(f.delivery, String(e + 1));
  assert.ok(f.journal.length > 0 && f.journal.every((x) => x === String(e)), "its lines are highlighted");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a chart point goes to its delivery's execution", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  // Tracking on: the open-rate chart has one point per recurring delivery.
  await page.locator("details.cs-raw > summary").click();
  const doc = JSON.parse(await page.getByTestId("scenario-json").inputValue());
  doc.tracking = { enabled: true };
  await page.getByTestId("scenario-json").fill(JSON.stringify(doc, null, 2));
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-point"]').length === 52, null, { timeout: 20000 });
  const point = page.getByTestId("chart-point").nth(20);
  const e = Number(await point.getAttribute("data-execution"));
  await point.click({ force: true });
  await page.waitForFunction((x) => document.querySelector('[data-testid="execution-filter"]').value === String(x), e);
  const f = await focus(page);
  assert.equal(f.delivery, String(e + 1));
  assert.equal(f.rows, 40);
  assert.match(await page.getByTestId("rates-caption").textContent(), /40/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a delivery of the continuous mode goes to its latest execution and lists its additions", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "welcome-continuous-incremental");
  await page.locator('[data-testid="explorer-mode"][data-mode="continuous"]').click();
  await page.locator('[data-testid="delivery-item"][data-delivery="1"]').click();
  // Delivery #1 took additions until the 15 June edit: its last one was on 8 May.
  await clockAt(page, "2026-05-08T08:00:00+02:00");
  const f = await focus(page);
  assert.equal(f.delivery, "1");
  assert.equal(f.filter, "", "a delivery of several executions shows all its rows");
  // The list is cut to the latest additions and says so; Show all lists them all,
  // numbered by their position.
  assert.match(await page.getByTestId("additions-caption").textContent(), /16 executions/);
  assert.equal(await page.getByTestId("addition").count(), 8);
  await page.getByTestId("additions-all").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="addition"]').length === 16);
  // One addition: only the rows it appended.
  const add = page.getByTestId("addition").first();
  const e = await add.getAttribute("data-execution");
  await add.click();
  await page.waitForFunction((x) => document.querySelector('[data-testid="execution-filter"]').value === x, e);
  const rows = await page.evaluate(() => [...document.querySelectorAll('[data-testid="broadlog-row"]')].map((r) => r.children[2].textContent));
  assert.ok(rows.length > 0 && rows.every((x) => x === `#${Number(e) + 1}`), "only that execution's rows");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("go to date lands exactly on the execution at or before it; the trace takes a date as typed", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByTestId("go-to-date").fill("2026-03-16");
  await clockAt(page, "2026-03-16T09:00:00+01:00");
  await page.getByTestId("go-to-time").fill("08:59");
  await clockAt(page, "2026-03-09T09:00:00+01:00");
  // The trace: recipient 17, then a date typed character by character.
  await page.getByTestId("trace-recipient").pressSequentially("17");
  await page.getByTestId("trace-execution").fill("");
  await page.getByTestId("trace-execution").pressSequentially("2026-02-02");
  await clockAt(page, "2026-02-02T09:00:00+01:00");
  await page.waitForFunction(() => /#5\b/.test(document.querySelector('[data-testid="why-not-targeted"]')?.textContent ?? ""));
  assert.match(await page.getByTestId("why-not-targeted").textContent(), /#5/);
  // A day as people write it lands on the same run; a text that names no run says so.
  await page.getByTestId("trace-execution").fill("");
  await page.getByTestId("trace-execution").pressSequentially("9 Feb");
  await clockAt(page, "2026-02-09T09:00:00+01:00");
  assert.equal(await page.getByTestId("trace-execution-unknown").count(), 0);
  assert.equal(await page.getByTestId("trace-no-run").count(), 0, "9 Feb is a Monday: it ran");
  // A day without a run (a Wednesday) shows the Monday before it, and says so, also
  // once the field is left.
  await page.getByTestId("trace-execution").fill("");
  await page.getByTestId("trace-execution").pressSequentially("2026-02-11");
  await clockAt(page, "2026-02-09T09:00:00+01:00");
  await page.getByTestId("trace-recipient").focus();
  assert.equal(
    (await page.getByTestId("trace-no-run").textContent()).trim(),
    "No execution that day. The clock went to the last one before it: #6, Mon 9 Feb 2026 09:00.",
  );
  await page.getByTestId("trace-execution").fill("31 Feb");
  await page.getByTestId("trace-execution-unknown").waitFor();
  await screenshot(page, "jump-go-to");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the resources folder lists the template's versions and links an edit to the journal", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "welcome-continuous-incremental");
  const versions = page.getByTestId("template-version");
  assert.equal(await versions.count(), 2);
  assert.match(await versions.nth(1).textContent(), /#2/);
  await page.getByTestId("template-version-edit").click();
  await clockAt(page, "2026-06-15T10:00:00+02:00");
  const edited = await page.evaluate(() => document.querySelector('[data-testid="journal"] li.cs-focus')?.textContent ?? "");
  assert.match(edited, /Content edited/);
  await screenshot(page, "resources-folder");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
