// The embed: embed.html's two widgets are independent, a data-attribute preset mounts
// the right scenario, and a bad configuration is shown in its own widget only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, screenshot } from "./harness.mjs";

const env = withBrowser();

async function clockOf(widget) {
  const clock = widget.getByTestId("sim-clock");
  await clock.waitFor({ timeout: 15000 });
  return clock.getAttribute("data-instant");
}

test("embed.html: independent widgets, stepping one does not move the other", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  const widgets = page.locator("[data-campaign-sim]");
  // Two widgets and a third that opens a lesson (tests/e2e/lessons.spec.mjs).
  assert.equal(await widgets.count(), 3);
  const [a, b] = [widgets.nth(0), widgets.nth(1)];
  const a0 = await clockOf(a);
  const b0 = await clockOf(b);
  await a.getByTestId("step").click();
  await page.waitForFunction(
    (prev) => csQueryAll('[data-testid="sim-clock"]')[0].getAttribute("data-instant") !== prev,
    a0,
    { timeout: 5000 },
  );
  assert.ok(Date.parse(await clockOf(a)) > Date.parse(a0), "the stepped widget moved");
  assert.equal(await clockOf(b), b0, "the other widget did not move");
  // The first widget is the weekly newsletter (data-preset): 52 recurring deliveries vs 1.
  await a.getByTestId("run-to-end").click();
  const rec = a.locator('[data-testid="delivery-count"][data-mode="recurring"]');
  const con = a.locator('[data-testid="delivery-count"][data-mode="continuous"]');
  await page.waitForFunction(
    () => csQuery('[data-campaign-sim] >>> [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === "52",
    null,
    { timeout: 10000 },
  );
  assert.equal((await rec.textContent()).trim(), "52");
  assert.equal((await con.textContent()).trim(), "1");
  assert.equal(await clockOf(b), b0, "still not moved");
  // data-view selects the panels: compare has no scenario editor, workflow has the canvas.
  assert.equal(await a.locator('.cs[data-view="compare"]').count(), 1);
  assert.equal(await b.locator('.cs[data-view="workflow"]').count(), 1);
  await screenshot(page, "embed-page");
  assert.deepEqual(page.problems, []);
});

test("a bad data- attribute is shown inside that widget only, which still works", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  await clockOf(page.locator("[data-campaign-sim]").nth(1));
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  // campaign-sim.js mounts a [data-campaign-sim] element added later by itself (below
  // the fold: loaded at once with data-loading="eager", not when scrolled to).
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.id = "bad";
    div.setAttribute("data-campaign-sim", "");
    div.setAttribute("data-loading", "eager");
    div.setAttribute("data-lang", "de");
    div.setAttribute("data-preset", "<img src=x onerror=window.__pwned=1>");
    document.body.appendChild(div);
  });
  const bad = page.locator("#bad");
  await bad.getByTestId("sim-clock").waitFor({ timeout: 15000 });
  const errors = await bad.getByTestId("error").allTextContents();
  assert.ok(errors.some((e) => e.startsWith('data-lang: "de" is not a language')), errors.join(" | "));
  assert.ok(errors.some((e) => e.startsWith("data-preset: ")), errors.join(" | "));
  assert.equal(await page.locator("[data-campaign-sim]:not(#bad) [data-testid='error']").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok(warnings.some((w) => w.includes("data-lang")), "also logged for the author");
});

test("mount() from script throws with the option's path and still mounts", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  await clockOf(page.locator("[data-campaign-sim]").nth(0));
  const message = await page.evaluate(async (base) => {
    const div = document.createElement("div");
    div.id = "scripted";
    document.body.appendChild(div);
    const m = await import(base + "campaign-sim-widget.js");
    try {
      m.mount(div, { preset: "birthday-daily-recurring", view: "logs", scenario: { workflow: { scheduler: { frequency: "daily", every: 0, times: ["06:00"] } } } });
      return "no error";
    } catch (e) {
      return String(e.message);
    }
  }, env.server.url);
  assert.equal(message, "config.scenario.workflow.scheduler.every: 0 is less than 1");
  await page.locator("#scripted").getByTestId("sim-clock").waitFor({ timeout: 15000 });
  // A good configuration returns a handle whose runTo moves that widget's clock.
  const at = await page.evaluate(async (base) => {
    const div = document.createElement("div");
    div.id = "handle";
    document.body.appendChild(div);
    const m = await import(base + "campaign-sim-widget.js");
    const w = m.mount(div, { preset: "weekly-newsletter-recurring", view: "compare" });
    await new Promise((r) => setTimeout(r, 500));
    w.runTo("2026-06-30T12:00");
    await new Promise((r) => setTimeout(r, 200));
    return div.querySelector('[data-testid="sim-clock"]').getAttribute("data-instant");
  }, env.server.url);
  assert.equal(at, "2026-06-30T12:00:00+02:00");
});

test("embed.html downloads the widget bundle only, never the full page's", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  const widgets = page.locator("[data-campaign-sim]");
  for (let i = 0; i < 3; i++) await clockOf(widgets.nth(i));
  // The compare view works in the widget bundle: run the newsletter to the end.
  const a = widgets.nth(0);
  await a.getByTestId("run-to-end").click();
  await page.waitForFunction(
    () => csQuery('[data-campaign-sim] >>> [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === "52",
    null,
    { timeout: 10000 },
  );
  const files = page.requests.map((u) => new URL(u).pathname.split("/").pop());
  assert.ok(files.includes("campaign-sim-widget_bg.wasm"), files.join(" "));
  assert.ok(files.includes("campaign-sim-widget.js"), files.join(" "));
  assert.deepEqual(files.filter((f) => f.startsWith("campaign-sim-web")), [], "no request for the full bundle");
  assert.deepEqual(page.problems, []);
});

test("a widget asking for the full view gets what the widget bundle has, and is told where the rest is", async () => {
  const page = await openPage(env.browser, env.server.url + "embed.html");
  await clockOf(page.locator("[data-campaign-sim]").nth(0));
  await page.evaluate(() => {
    for (const [id, lang] of [["full-en", "en"], ["full-fr", "fr"]]) {
      const div = document.createElement("div");
      div.id = id;
      div.setAttribute("data-campaign-sim", "");
      div.setAttribute("data-loading", "eager");
      div.setAttribute("data-lang", lang);
      document.querySelector("main").appendChild(div);
    }
  });
  const en = page.locator("#full-en");
  await clockOf(en);
  // Playback, the comparison, the canvas, the explorer and the trace are there…
  assert.ok((await en.locator('[data-testid="delivery-count"]').count()) > 0, "the comparison");
  // …the editors and charts are not, and the widget says so, in its language.
  assert.equal(await en.locator("textarea").count(), 0, "no scenario editor");
  assert.match(await en.getByTestId("full-page-only").textContent(), /full simulator/);
  const fr = page.locator("#full-fr");
  await clockOf(fr);
  await page.waitForFunction(() => /simulateur complet/.test(csQuery('#full-fr >>> [data-testid="full-page-only"]')?.textContent ?? ""), null, { timeout: 10000 });
  assert.deepEqual(page.problems, []);
});
