// The <campaign-sim> custom element (issue 14, point 4), on element.html served with
// the strict CSP: attribute changes update the widget, two elements stay independent,
// removing elements unmounts them and frees their state (the embed API's
// liveInstances() falls to 0, and the wasm memory stops growing), and a bad attribute
// is shown inside its element, naming the attribute.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, openPage, screenshot, distDir, STRICT_CSP } from "./harness.mjs";

const env = withBrowser(distDir, { "content-security-policy": STRICT_CSP });

/** Waits until the elements' scheduled (re)mounts have run. */
const settle = (page) => page.evaluate(() => new Promise((r) => setTimeout(r, 50)));

async function open() {
  const page = await openPage(env.browser, env.server.url + "element.html");
  await page.locator("#newsletter [data-testid=sim-clock]").waitFor({ timeout: 20000 });
  await page.locator("#birthday [data-testid=sim-clock]").waitFor({ timeout: 20000 });
  return page;
}

const clock = (page, id) =>
  page.evaluate((id) => csQuery(`#${id} >>> [data-testid="sim-clock"]`)?.getAttribute("data-instant") ?? null, id);

test("element.html: two elements, the page's controls, no problem", async () => {
  const page = await open();
  assert.equal(await page.locator("campaign-sim").count(), 2);
  assert.equal(await page.locator("#newsletter .cs[data-view=compare]").count(), 1);
  assert.equal(await page.locator("#birthday .cs[data-view=logs]").count(), 1);
  assert.equal(await page.locator("#newsletter").getByText("Loading the simulator").count(), 0, "fallback replaced");
  await screenshot(page, "element-page");
  assert.deepEqual(page.problems, []);
});

test("changing an attribute updates the widget: lang, preset, view, lesson", async () => {
  const page = await open();
  const el = page.locator("#newsletter");
  // lang, through the page's own control.
  assert.equal(await el.locator(".cs").first().getAttribute("lang"), "en");
  await page.selectOption("#lang", "fr");
  await page.waitForFunction(() => csQuery("#newsletter >>> .cs")?.getAttribute("lang") === "fr", null, { timeout: 10000 });
  await el.getByTestId("sim-clock").waitFor({ timeout: 10000 });
  // preset: the weekly newsletter's 52 recurring deliveries become the welcome email's.
  const recurring = () =>
    page.evaluate(() => csQuery('#newsletter >>> [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim());
  await el.getByTestId("run-to-end").click();
  await page.waitForFunction(() => csQuery('#newsletter >>> [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === "52", null, { timeout: 10000 });
  await page.evaluate(() => document.getElementById("newsletter").setAttribute("preset", "welcome-continuous-incremental"));
  await page.waitForFunction(() => !csQuery('#newsletter >>> [data-testid="delivery-count"]'), null, { timeout: 5000 }).catch(() => {});
  await el.getByTestId("sim-clock").waitFor({ timeout: 10000 });
  await el.getByTestId("run-to-end").click();
  await page.waitForFunction(
    () => /^2027-01-01/.test(csQuery('#newsletter >>> [data-testid="sim-clock"]')?.getAttribute("data-instant") ?? ""),
    null,
    { timeout: 10000 },
  );
  assert.notEqual(await recurring(), "52", "another scenario");
  assert.equal(await el.locator(".cs").first().getAttribute("lang"), "fr", "the other attributes stay");
  // view, through the page's control: the birthday widget shows its canvas.
  await page.selectOption("#view", "workflow");
  await page.locator("#birthday .cs[data-view=workflow]").waitFor({ timeout: 10000 });
  assert.equal(await page.locator("#birthday .cs[data-view=logs]").count(), 0);
  // lesson: the widget opens it.
  await page.evaluate(() => document.getElementById("birthday").setAttribute("lesson", "q1-deliveries"));
  await page.locator('#birthday [data-testid=lesson-panel][data-lesson="q1-deliveries"]').waitFor({ timeout: 15000 });
  // Several attributes set together remount once, with all of them.
  await page.evaluate(() => {
    const b = document.getElementById("birthday");
    b.removeAttribute("lesson");
    b.setAttribute("view", "compare");
    b.setAttribute("lang", "fr");
  });
  await page.locator("#birthday .cs[data-view=compare]").waitFor({ timeout: 10000 });
  await page.waitForFunction(() => csQuery("#birthday >>> .cs")?.getAttribute("lang") === "fr");
  assert.equal(await page.locator("#birthday [data-testid=lesson-panel]").count(), 0);
  assert.equal(await page.locator("#birthday .cs").count(), 1, "one widget in the element");
  assert.deepEqual(page.problems, []);
});

test("two elements stay independent", async () => {
  const page = await open();
  const b0 = await clock(page, "birthday");
  const n0 = await clock(page, "newsletter");
  await page.locator("#newsletter").getByTestId("step").click();
  await page.waitForFunction((prev) => csQuery('#newsletter >>> [data-testid="sim-clock"]').getAttribute("data-instant") !== prev, n0);
  assert.equal(await clock(page, "birthday"), b0, "stepping one does not move the other");
  // Step the second, then change the first's attributes: the second keeps its state.
  await page.locator("#birthday").getByTestId("step").click();
  await page.waitForFunction((prev) => csQuery('#birthday >>> [data-testid="sim-clock"]').getAttribute("data-instant") !== prev, b0);
  const b1 = await clock(page, "birthday");
  await page.evaluate(() => document.getElementById("newsletter").setAttribute("lang", "fr"));
  await page.waitForFunction(() => csQuery("#newsletter >>> .cs")?.getAttribute("lang") === "fr");
  await settle(page);
  assert.equal(await clock(page, "birthday"), b1);
  assert.equal(await page.locator("#birthday .cs").first().getAttribute("lang"), "en");
  // Moving an element within the page keeps its widget and state.
  await page.evaluate(() => document.querySelector("main").prepend(document.getElementById("birthday")));
  await settle(page);
  assert.equal(await clock(page, "birthday"), b1);
  assert.deepEqual(page.problems, []);
});

test("removing elements unmounts them and frees their state: 50 created and removed, 0 left", async () => {
  const page = await open();
  const live = () =>
    page.evaluate(async (base) => (await import(base + "campaign-sim.js")).liveInstances(), env.server.url);
  assert.equal(await live(), 2);
  await page.evaluate(() => document.getElementById("newsletter").remove());
  await settle(page);
  assert.equal(await live(), 1, "the removed element's widget is released");
  assert.equal(await page.locator("campaign-sim .cs").count(), 1);
  await page.evaluate(() => document.getElementById("birthday").remove());
  await settle(page);
  assert.equal(await live(), 0);
  // Rounds of 50 elements: mounted (each simulating its year, some opening a lesson),
  // then all removed, half of them while their year is still being computed.
  const memory = [];
  for (let round = 0; round < 3; round++) {
    const mounted = await page.evaluate(async (base) => {
      const m = await import(base + "campaign-sim.js");
      const box = document.createElement("div");
      box.id = "many";
      document.body.append(box);
      const presets = ["weekly-newsletter-recurring", "birthday-daily-recurring", "welcome-continuous-incremental"];
      for (let i = 0; i < 50; i++) {
        const el = document.createElement("campaign-sim");
        el.setAttribute("preset", presets[i % 3]);
        el.setAttribute("view", ["compare", "workflow", "logs"][i % 3]);
        // Some open a lesson: removed while its files are being fetched.
        if (i % 5 === 0) el.setAttribute("lesson", "q1-deliveries");
        // Below the fold: loaded at once, not when scrolled to (lazy, the default).
        el.setAttribute("loading", "eager");
        box.append(el);
      }
      await new Promise((r) => setTimeout(r, 50));
      const mounted = m.liveInstances();
      // Half of them finish their year, then every element goes.
      const until = Date.now() + 15000;
      while (csQueryAll('#many campaign-sim >>> [data-testid="sim-clock"][data-instant]').length < 25 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
      box.remove();
      return mounted;
    }, env.server.url);
    assert.equal(mounted, 50, `round ${round}: 50 widgets mounted`);
    await settle(page);
    assert.equal(await live(), 0, `round ${round}: every widget released`);
    memory.push(await page.evaluate(async (base) => (await (await import(base + "campaign-sim.js")).ready).memory.buffer.byteLength, env.server.url));
  }
  // Released memory is reused: later rounds do not grow the wasm memory much.
  console.log(`wasm memory after each round of 50: ${memory.map((b) => (b / 1048576).toFixed(1) + " MiB").join(", ")}`);
  assert.ok(memory[2] <= memory[0] * 1.25, `memory kept growing: ${memory.join(", ")}`);
  assert.deepEqual(page.problems, []);
});

test("a bad attribute is shown inside its element, naming the attribute", async () => {
  const page = await open();
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const events = await page.evaluate(async () => {
    const el = document.createElement("campaign-sim");
    el.id = "bad";
    el.setAttribute("view", "nope");
    el.setAttribute("lang", "de");
    el.setAttribute("class", "host-class");
    el.setAttribute("loading", "eager");
    const got = [];
    el.addEventListener("campaign-sim-error", (e) => got.push(...e.detail.map((p) => `${p.path}: ${p.reason}`)));
    document.querySelector("main").append(el);
    await new Promise((r) => setTimeout(r, 100));
    return got;
  });
  const bad = page.locator("#bad");
  await bad.getByTestId("sim-clock").waitFor({ timeout: 15000 });
  const errors = await bad.getByTestId("error").allTextContents();
  assert.ok(errors.some((e) => e.startsWith('view: "nope" is not a view (full, compare, workflow, logs)')), errors.join(" | "));
  assert.ok(errors.some((e) => e.startsWith('lang: "de" is not a language (en, fr)')), errors.join(" | "));
  assert.ok(events.some((e) => e.startsWith("view: ")), `campaign-sim-error: ${events}`);
  assert.ok(warnings.some((w) => w.includes('view: "nope"')), "logged for the author");
  assert.equal(await page.locator("campaign-sim:not(#bad) [data-testid=error]").count(), 0, "only in its element");
  // Still a working widget (defaults for what was wrong), and fixing the attribute clears it.
  await page.evaluate(() => document.getElementById("bad").setAttribute("view", "compare"));
  await page.locator("#bad .cs[data-view=compare]").waitFor({ timeout: 10000 });
  const after = await bad.getByTestId("error").allTextContents();
  assert.ok(!after.some((e) => e.startsWith("view:")), after.join(" | "));
  assert.ok(after.some((e) => e.startsWith("lang:")), "the other one stays until fixed");
  assert.deepEqual(page.problems, []);
});

test("the element's own theme and height are checked too: shown inside, cleared when fixed or removed", async () => {
  const page = await open();
  await page.evaluate(() => {
    const el = document.createElement("campaign-sim");
    el.id = "own";
    for (const [k, v] of [["view", "compare"], ["theme", "purple"], ["height", "tall"], ["loading", "eager"]]) el.setAttribute(k, v);
    document.querySelector("main").append(el);
  });
  const own = page.locator("#own");
  await own.getByTestId("sim-clock").waitFor({ timeout: 15000 });
  const errors = () => own.getByTestId("error").allTextContents();
  let shown = await errors();
  assert.ok(shown.some((e) => e.startsWith('theme: "purple" is not one of light, dark, auto')), shown.join(" | "));
  assert.ok(shown.some((e) => e.startsWith('height: "tall" is not a height in px')), shown.join(" | "));
  await page.evaluate(() => document.getElementById("own").runTo("2026-03-01T12:00"));
  const clock = () => page.evaluate(() => csQuery('#own >>> [data-testid="sim-clock"]').getAttribute("data-instant"));
  const before = await clock();
  await page.evaluate(() => document.getElementById("own").setAttribute("theme", "dark"));
  await page.waitForFunction(() => !csQueryAll('#own >>> [data-testid="error"]').some((e) => e.textContent.startsWith("theme:")), null, { timeout: 5000 });
  await page.evaluate(() => document.getElementById("own").removeAttribute("height"));
  await page.waitForFunction(() => csQueryAll('#own >>> [data-testid="error"]').length === 0, null, { timeout: 5000 });
  assert.match(before, /^2026-03-01T12:00/);
  assert.equal(await clock(), before, "in place: the clock stays");
  assert.equal(await page.locator("#own .cs-box, #own [part=box]").first().getAttribute("data-theme"), "dark");
  assert.deepEqual(page.problems, []);
});

test("setBasePath called after the import moves the stylesheets of the widgets already defined, and the simulator loads from there", async () => {
  // The module served from /lib/ (nothing else is there), the files at the root: the
  // README's `import { setBasePath } from "campaign-sim"; setBasePath(...)`.
  const page = await openPage(env.browser, "about:blank");
  const { readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const body = `<!doctype html><html lang="en"><head><title>base path</title></head><body><main>
    <script type="module">import { setBasePath } from "./lib/campaign-sim.js"; setBasePath("./");</script>
    <campaign-sim id="w" preset="weekly-newsletter-recurring" view="compare" loading="click"></campaign-sim></main></body></html>`;
  await page.route(`${env.server.url}based.html`, (r) => r.fulfill({ contentType: "text/html", body }));
  const module = await readFile(join(distDir, "campaign-sim.js"));
  await page.route(`${env.server.url}lib/campaign-sim.js`, (r) => r.fulfill({ contentType: "text/javascript", body: module }));
  await page.goto(`${env.server.url}based.html`);
  await page.locator("#w [data-testid=widget-start]").waitFor({ timeout: 10000 });
  const css = await page.evaluate(() => document.getElementById("w").shadowRoot.querySelector('link[rel="stylesheet"]').href);
  assert.equal(css, `${env.server.url}campaign-sim.css`, "the widget's stylesheet is the base path's");
  // Styled: the start button has the stylesheet's weight, not the browser's default.
  await page.waitForFunction(() => {
    const b = csQuery('#w >>> [data-testid="widget-start"]');
    return b && getComputedStyle(b).fontWeight === "600";
  }, null, { timeout: 5000 });
  await page.locator("#w [data-testid=widget-start]").click();
  await page.locator("#w [data-testid=sim-clock]").waitFor({ timeout: 20000 });
  // The element defined itself (and linked its stylesheets) as the module ran, before
  // the call; everything after it (the glue, the wasm, the texts) comes from the base.
  const linkedBefore = ["campaign-sim.js", "campaign-sim.css", "campaign-sim-host.css"].map((f) => `${env.server.url}lib/${f}`);
  const fromLib = page.requests.filter((u) => u.includes("/lib/") && !linkedBefore.includes(u));
  assert.deepEqual(fromLib, [], "nothing else is asked of /lib/");
  assert.ok(page.requests.some((u) => u.endsWith("/campaign-sim-widget_bg.wasm") && !u.includes("/lib/")), "the wasm from the base");
  await page.context().close();
});
