// A keyboard user can do what a mouse user does (issue 15): play a preset to the end,
// step to an execution, open its delivery's send log and read a row in the trace, with
// the focus visible at every step. No mouse event is used.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, ready, screenshot } from "./harness.mjs";

const env = withBrowser();

/** What has the focus, and whether the browser shows it (:focus-visible and a ring). */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : null;
    return {
      testid: el?.getAttribute("data-testid") ?? el?.closest("[data-testid]")?.getAttribute("data-testid") ?? null,
      visible: !!el && el.matches(":focus-visible") && (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== "none"),
    };
  });

/** Presses Tab until the element with `testid` has the focus (at most `max` presses). */
async function tabTo(page, testid, max = 200) {
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (f.testid === testid) {
      assert.ok(f.visible, `the focus on ${testid} is visible`);
      return;
    }
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${testid}`);
}

const instant = (page) => page.evaluate(() => document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant"));

test("keyboard only: play a preset to the end, step to an execution, open its send log, trace a row", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  // The preset picker: choose the welcome mail with the arrow keys.
  await tabTo(page, "preset");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === "welcome-continuous-incremental");
  await tabTo(page, "run-to-end");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /^2027-01-01/.test(document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant")), null, { timeout: 20000 });
  await screenshot(page, "keyboard-end");
  // Back to the start of the year, then to the first execution.
  await tabTo(page, "restart");
  await page.keyboard.press("Enter");
  await tabTo(page, "step");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /^2026-01-01T08:00/.test(document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant")), null, { timeout: 10000 });
  assert.match(await instant(page), /^2026-01-01T08:00/);
  // Its delivery (the first continuous delivery) and its send log.
  await tabTo(page, "delivery-item");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="delivery-item"][aria-pressed="true"]'));
  await tabTo(page, "broadlog-row");
  const recipient = await page.evaluate(() => document.activeElement.getAttribute("data-recipient"));
  assert.ok(recipient, "a send-log row has the focus");
  await page.keyboard.press("Enter");
  // The trace shows that recipient's year.
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid="trace-events"]') && document.querySelector('[data-testid="trace-recipient"]')?.value === id,
    recipient,
    { timeout: 10000 },
  );
  await screenshot(page, "keyboard-trace");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
