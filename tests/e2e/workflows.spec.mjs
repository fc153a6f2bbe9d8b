// Several workflows on one base (contract v2) on the page: one diagram per workflow,
// the compared workflow's counts in the columns, the journal filtered by workflow, and
// the trace saying why the pressure rule left a recipient out (which messages filled
// the quota). Numbers from tests/contract/scenarios/several-workflows-one-base.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, ready, screenshot } from "./harness.mjs";

const env = withBrowser();

async function endOfYear(page) {
  await page.getByTestId("preset").selectOption("several-workflows-one-base");
  await page.getByTestId("workflow-diagram").nth(3).waitFor();
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => /^2027-01-01/.test(document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant")), null, { timeout: 20000 });
}

test("the several-workflows preset draws one diagram per workflow and compares the one chosen", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page);
  const names = await page.getByTestId("workflow-diagram").evaluateAll((ds) => ds.map((d) => d.textContent));
  assert.equal(names.length, 4);
  for (const [i, n] of ["Weekly newsletter", "Birthday", "Welcome", "Monthly promotion"].entries()) assert.match(names[i], new RegExp(n));
  // Priority and typology are on the diagrams that set them.
  assert.match(names[1], /10/);
  assert.match(names[2], /transactional/i);
  // The columns compare the newsletter first (52 Mondays → 52 recurring deliveries).
  assert.match(await page.getByTestId("comparing").textContent(), /Weekly newsletter/);
  await page.getByTestId("compare-workflow").selectOption("3");
  await page.waitForFunction(() => /Monthly promotion/.test(document.querySelector('[data-testid="comparing"]').textContent));
  await screenshot(page, "workflows-compare");
  // The scenario form edits one `workflow`: for this document its workflow groups say
  // where each workflow is edited, and show no field of a `workflow` it does not have.
  assert.equal(await page.getByTestId("several-workflows-form").count(), 3, "scheduler, query, delivery");
  for (const f of ["workflow.scheduler.frequency", "workflow.query.filter", "workflow.delivery.label"]) {
    assert.equal(await page.locator(`[data-field="${f}"]`).isVisible(), false, f);
  }
  assert.ok(await page.locator('[data-field="pressure.max_messages"]').isVisible(), "the shared pressure rule stays");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the journal filter shows one workflow's lines, named", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page);
  await page.getByTestId("workflow-filter").selectOption("1");
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('[data-testid="journal"] .cs-wfname')].map((n) => n.textContent);
    return names.length > 0 && names.every((n) => n === "Birthday");
  });
  // A birthday query line names the day it evaluated.
  const text = await page.getByTestId("journal").textContent();
  assert.match(text, /birthdays of \d+ [A-Z][a-z]{2}/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the trace says which messages filled the quota when arbitration left a recipient out", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page);
  // Recipient 58 on 2 March 09:00 (execution 134): the newsletter and the birthday
  // mail took the week's two marketing messages.
  await page.getByTestId("trace-recipient").fill("58");
  await page.getByTestId("trace-execution").fill("134");
  const why = page.getByTestId("why-not-targeted");
  await page.waitForFunction(() => /quota/.test(document.querySelector('[data-testid="why-not-targeted"]')?.textContent ?? ""), null, { timeout: 10000 });
  const text = await why.textContent();
  assert.match(text, /excluded by arbitration/i);
  assert.match(text, /2 marketing emails in the last 7 days/);
  await screenshot(page, "workflows-arbitration");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
