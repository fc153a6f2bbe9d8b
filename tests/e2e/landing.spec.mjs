// Every jump lands where the eye is (issue 22, point 3): a click that moves the view
// opens a card next to it with what it landed on (the execution's journal lines, a
// day's, the trace's sentence for a send-log row, the journal at an edit), whose links
// bring the panel into view; the full page has a sticky section index; a calendar day
// offers "server down this day / these 3 days" and shows what it did. Axe-clean with
// the card open, in light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, ready, screenshot, audit } from "./harness.mjs";

const env = withBrowser();

async function endOfYear(page, preset) {
  await page.getByTestId("preset").selectOption(preset);
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => /^2027-01-01/.test(document.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant")), null, { timeout: 20000 });
}

/** The card once placed: its box, the viewport's, its title, lines and sentence. */
async function card(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="landing"]');
    return c && getComputedStyle(c).visibility === "visible";
  });
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="landing"]');
    const r = c.getBoundingClientRect();
    return {
      box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
      viewport: { w: innerWidth, h: innerHeight },
      title: c.querySelector('[data-testid="landing-title"]').textContent,
      lines: [...c.querySelectorAll('[data-testid="landing-lines"] li')].map((l) => l.textContent),
      sentence: c.querySelector('[data-testid="landing-sentence"]')?.textContent ?? null,
      links: [...c.querySelectorAll('[data-testid="landing-link"]')].map((b) => b.dataset.panel),
      focused: c.contains(document.activeElement),
    };
  });
}

/** The card is in the viewport and next to `box` (touching it within 16 px, above or below, or over it). */
function besides(c, box, label) {
  assert.ok(c.box.top >= 0 && c.box.bottom <= c.viewport.h + 1, `${label}: the card is in sight ${JSON.stringify(c.box)}`);
  assert.ok(c.box.left >= 0 && c.box.right <= c.viewport.w + 1, `${label}: not cut sideways`);
  const near = Math.abs(c.box.top - box.bottom) <= 16 || Math.abs(box.top - c.box.bottom) <= 16 || (c.box.top < box.bottom && c.box.bottom > box.top);
  assert.ok(near, `${label}: next to what was clicked ${JSON.stringify({ card: c.box, at: box })}`);
}

const boxOf = (loc) => loc.evaluate((el) => {
  const g = el.closest("[data-landing-anchor]") ?? el;
  const r = g.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
});

test("a calendar day opens its card next to it; a link brings the send log into view", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "weekly-newsletter-recurring");
  const day = page.locator('[data-testid="calendar-day"][data-date="2026-03-16"]');
  await day.scrollIntoViewIfNeeded();
  await day.click();
  const c = await card(page);
  besides(c, await boxOf(day), "calendar day");
  assert.equal(c.title, "Mon 16 Mar 2026");
  assert.ok(c.lines.some((l) => /40/.test(l)), `the run's journal lines: ${c.lines}`);
  assert.deepEqual(c.links, ["workflow", "explorer", "trace"]);
  assert.ok(!c.focused, "a mouse click leaves the focus where it is");
  await screenshot(page, "landing-calendar");
  // Another day while the card is open: nothing covers the calendar, the card follows.
  await page.locator('[data-testid="calendar-day"][data-date="2026-03-17"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="landing-title"]')?.textContent === "Tue 17 Mar 2026");
  assert.match((await card(page)).sentence, /^No execution that day\. The clock went to the last one before it: #11, Mon 16 Mar 2026 09:00\.$/);
  await page.locator('[data-testid="landing-link"][data-panel="explorer"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="landing"]'));
  // The explorer's top is in view, below the sticky section index, and outlined.
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-section="explorer"]').getBoundingClientRect();
    const i = document.querySelector('[data-testid="section-index"]').getBoundingClientRect();
    return s.top >= i.bottom - 1 && s.top < innerHeight / 2;
  }, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.querySelector('[data-section="explorer"]').classList.contains("cs-landed")), true);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.section), "explorer", "the focus follows");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("server down this day: the outage is added, the year simulated again, the card shows it; back up removes it", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "weekly-newsletter-recurring");
  await page.locator('[data-testid="calendar-day"][data-date="2026-03-16"]').click();
  await card(page);
  await page.locator('[data-testid="landing-down"][data-days="3"]').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="landing-lines"] li')].some((l) => /Server down \/ workflow paused until Thu 19 Mar 2026 00:00/.test(l.textContent)), null, { timeout: 10000 });
  assert.equal(await page.getByTestId("outage").count(), 1, "the outage editor lists it");
  assert.equal(await page.getByTestId("outage-from").inputValue(), "2026-03-16T00:00");
  assert.equal(await page.getByTestId("outage-to").inputValue(), "2026-03-19T00:00");
  assert.equal(await page.getByTestId("reset-preset").count(), 1, "the preset, edited, can be reset");
  await screenshot(page, "landing-server-down");
  // The missed Monday run is caught up when the server is back, on the 19th.
  await page.locator('[data-testid="calendar-day"][data-date="2026-03-19"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="landing-title"]')?.textContent === "Thu 19 Mar 2026");
  assert.ok((await card(page)).lines.some((l) => /#11/.test(l) || /caught up/i.test(l)), "the caught-up run");
  // A day inside the outage offers the server back up.
  await page.locator('[data-testid="calendar-day"][data-date="2026-03-17"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="landing-title"]')?.textContent === "Tue 17 Mar 2026");
  await page.getByTestId("landing-up").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="outage"]').length === 0, null, { timeout: 10000 });
  await page.getByTestId("landing-down").first().waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a send-log row opens the trace's sentence next to it; the keyboard gets the focus and Escape gives it back", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "several-workflows-one-base");
  const row = page.getByTestId("broadlog-row").first();
  await row.scrollIntoViewIfNeeded();
  const [recipient, rowNumber] = [await row.getAttribute("data-recipient"), await row.getAttribute("data-row")];
  await row.focus();
  await page.keyboard.press("Enter");
  const c = await card(page);
  besides(c, await boxOf(row), "broadLog row");
  assert.match(c.title, new RegExp(`^Recipient #${recipient} at execution #\\d+, `));
  assert.match(c.sentence, /^Targeted \(.*\): broadLog row \d+ — /, "the trace's own sentence");
  assert.ok(c.focused, "opened from the keyboard, the card has the focus");
  assert.deepEqual(await audit(page), [], "axe with the card open");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector('[data-testid="landing"]'));
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "broadlog-row", null, { timeout: 2000 }).catch(() => {});
  assert.deepEqual(await page.evaluate(() => [document.activeElement?.dataset.testid, document.activeElement?.dataset.row]), ["broadlog-row", rowNumber], "the focus is back on the same row");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("every way of moving the view opens its card in sight: journal line, delivery, chart, edit date, go to date", async () => {
  const page = await openPage(env.browser, env.server.url);
  await ready(page);
  await endOfYear(page, "welcome-continuous-incremental");
  const cases = [
    ["journal line", page.getByTestId("journal-line").first(), /^Execution #\d+, /],
    ["delivery", page.getByTestId("delivery-item").first(), /^Execution #\d+, /],
    ["edit date", page.getByTestId("template-version-edit"), /^Mon 15 Jun 2026 10:00$/],
  ];
  for (const [label, loc, title] of cases) {
    await loc.scrollIntoViewIfNeeded();
    await loc.click();
    await page.waitForFunction((t) => new RegExp(t).test(document.querySelector('[data-testid="landing-title"]')?.textContent ?? ""), title.source);
    const c = await card(page);
    besides(c, await boxOf(loc), label);
    assert.ok(c.lines.length > 0, `${label}: its journal lines`);
  }
  // The edit's card shows the edit's journal line.
  assert.ok((await card(page)).lines.some((l) => /Content edited/.test(l)));
  // Go to date, sent with Enter: the card takes the focus.
  await page.getByTestId("go-to-date").scrollIntoViewIfNeeded();
  await page.getByTestId("go-to-date").fill("2026-03-16");
  await page.getByTestId("go-to-date").press("Enter");
  await page.waitForFunction(() => /^Execution #\d+, Mon 16 Mar 2026/.test(document.querySelector('[data-testid="landing-title"]')?.textContent ?? ""));
  const g = await card(page);
  besides(g, await boxOf(page.locator("form.cs-goto")), "go to date");
  // A new scenario closes the card (nothing stale).
  await page.getByTestId("preset").selectOption("birthday-daily-recurring");
  await page.waitForFunction(() => !document.querySelector('[data-testid="landing"]'), null, { timeout: 10000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the section index stays at the top and brings each panel into view", async () => {
  for (const width of [1400, 400]) {
    const page = await openPage(env.browser, env.server.url, { width, height: 900 });
    await ready(page);
    const panels = await page.evaluate(() => [...document.querySelectorAll('[data-testid="section-link"]')].map((b) => b.dataset.panel));
    assert.deepEqual(panels, ["compare", "workflow", "explorer", "resources", "trace", "charts", "scenario"]);
    for (const p of ["trace", "compare", "charts"]) {
      await page.locator(`[data-testid="section-link"][data-panel="${p}"]`).click();
      await page.waitForFunction((x) => {
        const s = document.querySelector(`[data-section="${x}"]`).getBoundingClientRect();
        const i = document.querySelector('[data-testid="section-index"]').getBoundingClientRect();
        return i.top >= -1 && i.top <= 1 && s.top >= i.bottom - 1 && s.top < innerHeight / 2;
      }, p, { timeout: 5000 });
    }
    const height = await page.evaluate(() => document.querySelector('[data-testid="section-index"]').getBoundingClientRect().height);
    assert.ok(height < 56, `${width}px: one row (${height}px)`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, `${width}px: no sideways page scroll`);
    await screenshot(page, `landing-index-${width}`);
    await page.context().close();
  }
});

test("axe finds nothing with a day's card open, in light and dark", async () => {
  for (const scheme of ["light", "dark"]) {
    const page = await openPage(env.browser, env.server.url);
    await page.emulateMedia({ colorScheme: scheme });
    await ready(page);
    // The standalone page's dark theme is the hosts' switch (data-theme on <html>).
    await page.evaluate((s) => { document.documentElement.dataset.theme = s; }, scheme);
    await page.locator('[data-testid="calendar-day"][data-date="2026-02-02"]').click();
    await card(page);
    const bg = await page.getByTestId("landing").evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    const light = (r + g + b) / 3 > 128;
    assert.equal(light, scheme === "light", `the card's background in ${scheme}: ${bg}`);
    assert.deepEqual(await audit(page), [], scheme);
    await screenshot(page, `landing-card-${scheme}`);
    await page.context().close();
  }
});
