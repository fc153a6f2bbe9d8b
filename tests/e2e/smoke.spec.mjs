// The optimised build loads in a real browser, shows the simulator and reacts to a
// click. A module can build fine and still fail to instantiate: only this tells.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, screenshot } from "./harness.mjs";

const env = withBrowser();

test("the page loads without console errors and shows the simulator", async () => {
  const page = await openPage(env.browser, env.server.url);
  const clock = page.getByTestId("sim-clock");
  await clock.waitFor({ timeout: 15000 });
  await page.getByTestId("preset").waitFor();
  assert.equal(await page.getByTestId("delivery-count").count() >= 2, true, "one delivery count per mode");
  await screenshot(page, "smoke-loaded");
  assert.deepEqual(page.problems, []);
});

test("stepping moves the simulated clock", async () => {
  const page = await openPage(env.browser, env.server.url);
  const clock = page.getByTestId("sim-clock");
  await clock.waitFor({ timeout: 15000 });
  const before = await clock.getAttribute("data-instant");
  await page.getByTestId("step").click();
  await page.waitForFunction(
    (prev) => document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant") !== prev,
    before,
    { timeout: 5000 },
  );
  const after = await clock.getAttribute("data-instant");
  assert.match(after, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  assert.ok(Date.parse(after) > Date.parse(before), `${after} is after ${before}`);
  await screenshot(page, "smoke-stepped");
  assert.deepEqual(page.problems, []);
});

test("a narrow (embedded) viewport still shows the simulator", async () => {
  const page = await openPage(env.browser, env.server.url, { width: 400, height: 800 });
  await page.getByTestId("sim-clock").waitFor({ timeout: 15000 });
  await screenshot(page, "smoke-narrow");
  assert.deepEqual(page.problems, []);
});
