// Accessibility is tested, not hoped for (issue 15): axe-core (WCAG 2.1 A/AA and best
// practices) finds no violation in any state of the page or of the embedded widgets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, ready, screenshot, audit } from "./harness.mjs";

const env = withBrowser();

/** Fails with every violation, its rule, impact and the nodes it found. */
async function assertClean(page, state) {
  const violations = await audit(page);
  const text = violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 8).join("\n    ")}`)
    .join("\n");
  assert.equal(violations.length, 0, `${state}: ${violations.length} axe violation(s)\n${text}`);
}

test("the page at start has no axe violation", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await assertClean(page, "start");
  await page.context().close();
});

for (const name of ["weekly-newsletter-recurring", "birthday-daily-recurring", "welcome-continuous-incremental", "several-workflows-one-base"]) {
  test(`${name} at the end of the year has no axe violation`, async () => {
    const page = await openPage(env.browser, env.server.url);
    await ready(page);
    await page.getByTestId("preset").selectOption(name);
    await page.getByTestId("run-to-end").click();
    await page.waitForFunction(
      () => /^2027-01-01/.test(document.querySelector('[data-testid="sim-clock"]')?.getAttribute("data-instant") ?? ""),
      null,
      { timeout: 20000 },
    );
    // Open a delivery and a recipient so the tables and the trace are audited too.
    await page.getByTestId("delivery-item").first().click();
    await page.getByTestId("broadlog-row").first().click();
    await assertClean(page, `${name} at year end`);
    await page.context().close();
  });
}

test("the page in French has no axe violation", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByTestId("lang-fr").click();
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => document.documentElement.querySelector(".cs")?.getAttribute("lang") === "fr");
  await assertClean(page, "French");
  await page.context().close();
});

test("the page at 400 px has no axe violation", async () => {
  const page = await openPage(env.browser, env.server.url, { width: 400, height: 800 });
  await ready(page);
  await page.getByTestId("run-to-end").click();
  await page.getByTestId("delivery-item").first().click();
  await screenshot(page, "a11y-400");
  await assertClean(page, "400 px");
  await page.context().close();
});

test("the Questions menu open, then a lesson open, have no axe violation", async () => {
  for (const lang of ["en", "fr"]) {
    const page = await openPage(env.browser, env.server.url);
    await ready(page);
    if (lang === "fr") await page.getByTestId("lang-fr").click();
    await page.getByTestId("questions-menu").click();
    await page.getByTestId("lesson").first().waitFor({ timeout: 10000 });
    await assertClean(page, `Questions menu open (${lang})`);
    await page.locator('[data-testid="lesson"][data-lesson="q2-broadlog-of-a-run"]').click();
    await page.getByTestId("lesson-panel").waitFor({ timeout: 10000 });
    await page.getByTestId("lesson-next").click();
    await page.waitForFunction(() => document.querySelector(".cs-lesson-target"), null, { timeout: 10000 });
    await assertClean(page, `a lesson open, step 2 (${lang})`);
    await page.context().close();
  }
});

test("embed.html with its widgets (one with a lesson) has no axe violation", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  const clocks = page.locator("[data-campaign-sim] [data-testid=sim-clock]");
  await clocks.nth(1).waitFor({ timeout: 20000 });
  await page.waitForFunction(
    () => [...csQueryAll('[data-campaign-sim] >>> [data-testid="sim-clock"]')].every((c) => c.getAttribute("data-instant")),
    null,
    { timeout: 20000 },
  );
  await page.locator("[data-lesson] [data-testid=lesson-panel]").waitFor({ timeout: 20000 });
  await assertClean(page, "embed.html");
  await page.context().close();
});

test("element.html with its <campaign-sim> elements has no axe violation", async () => {
  const page = await openPage(env.browser, env.server.url + "element.html");
  await page.waitForFunction(
    () => {
      const clocks = [...csQueryAll('campaign-sim >>> [data-testid="sim-clock"]')];
      return clocks.length === 2 && clocks.every((c) => c.getAttribute("data-instant"));
    },
    null,
    { timeout: 20000 },
  );
  await assertClean(page, "element.html");
  // After an attribute change (French, the other view), still clean.
  await page.selectOption("#lang", "fr");
  await page.selectOption("#view", "workflow");
  await page.waitForFunction(() => csQuery("#newsletter >>> .cs")?.getAttribute("lang") === "fr");
  await page.locator("#birthday [data-view=workflow] [data-testid=sim-clock][data-instant]").waitFor({ timeout: 20000 });
  await page.locator("#newsletter [data-testid=sim-clock][data-instant]").waitFor({ timeout: 20000 });
  await assertClean(page, "element.html after attribute changes");
  await screenshot(page, "element-page-changed");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
