// The widget element (issues 20 and 21): a poster first, the simulator on need, in one
// fixed box. From the network log: a page of lazy widgets downloads no wasm until one
// is near the viewport (and how many bytes it downloads before the reader scrolls,
// served gzip -9 as a docs host does); `loading="click"`, `lazy`, `eager`; no layout
// shift when the simulator replaces its poster (CLS 0 at 1400 and 412 px); axe with
// posters shown, light and dark; a missing wasm or lesson said in the box, Retry
// working once the file is back; reduced motion; the element's API (properties set
// before the module loaded, el.state, events with their detail, lang in place); fences
// and data hosts added and removed; themes following the host's switch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, audit, screenshot, distDir } from "./harness.mjs";

const prose = (n) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of the prose before the widgets. A targeting workflow runs on a schedule: a Scheduler fires, a Query selects recipients and a Delivery sends to them; what the delivery does at each execution decides how many deliveries the year ends with.</p>`).join("\n");
const page = (body, { lang = "en", head = "" } = {}) => `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A documentation page</title><link rel="icon" href="data:,"><link rel="stylesheet" href="./embed-page.css">${head}</head>
<body><main><h1>Recurring or continuous?</h1>
${body}
</main><script type="module" src="./campaign-sim.js"></script></body></html>`;

const pages = {
  // Three screens of prose, then widgets, each followed by text.
  "lazy.html": page(`${prose(24)}
<h2>Weekly</h2><campaign-sim id="w1" preset="weekly-newsletter-recurring" view="compare"></campaign-sim><p>After the first widget.</p>
${prose(6)}
<h2>Birthdays</h2><div id="w2" data-campaign-sim data-preset="birthday-daily-recurring" data-view="logs"></div><p>After the second widget.</p>
${prose(6)}
<h2>A lesson</h2><campaign-sim id="w3" lesson="q1-deliveries" view="compare"></campaign-sim><p>After the third widget.</p>`, { head: '<link rel="stylesheet" href="./campaign-sim-host.css">' }),
  "modes.html": page(`<campaign-sim id="click" view="compare" loading="click"></campaign-sim><p>After.</p>
${prose(30)}
<campaign-sim id="eager" view="workflow" loading="eager"></campaign-sim><p>After.</p>
${prose(30)}
<campaign-sim id="lazy" view="logs"></campaign-sim><p>After.</p>`),
  "shift.html": page(`<campaign-sim id="s1" view="compare" loading="eager"></campaign-sim><p id="after1">Text right after the first widget.</p>
<campaign-sim id="s2" view="workflow" preset="welcome-continuous-incremental" loading="eager"></campaign-sim><p>Text right after the second widget.</p>
<div data-campaign-sim id="s3" data-view="logs" data-loading="eager"></div><p>Text right after the third widget.</p>
<campaign-sim id="s4" lesson="q1-deliveries" view="compare" loading="eager" lang="fr"></campaign-sim><p>Text after the fourth.</p>`, { head: '<link rel="stylesheet" href="./campaign-sim-host.css">' }),
  "posters.html": page(`<section lang="fr"><h2>En français</h2><campaign-sim id="fr" view="compare" loading="click"></campaign-sim></section>
<h2>A lesson</h2><campaign-sim id="lesson" lesson="q6-outage" view="workflow" loading="click"></campaign-sim>
<h2>Its own scenario</h2><campaign-sim id="own" view="logs" loading="click" scenario='{"workflow":{"scheduler":{"frequency":"daily","times":["06:00"]}}}'></campaign-sim>
<h2>A data host</h2><div data-campaign-sim id="data" data-view="workflow" data-loading="click" data-heading-level="3"></div>`),
  "fail.html": page(`<campaign-sim id="f1" view="compare" loading="eager"></campaign-sim><p>After.</p>
<campaign-sim id="f2" lesson="q1-deliveries" view="compare" loading="click"></campaign-sim>`),
  // No module: the test sets properties on the element, then imports campaign-sim.js.
  "upgrade.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Upgrade</title><link rel="icon" href="data:,"></head>
<body><main><h1>Upgrade</h1><campaign-sim id="up" loading="eager"></campaign-sim></main></body></html>`,
  "fences.html": page(`<pre><code class="language-campaign-sim">preset: birthday-daily-recurring
view: logs
loading: eager
</code></pre>
<div class="language-campaign-sim highlight"><pre><span></span><code>view: compare
lang: fr
loading: eager
# a comment
heading-level: 3</code></pre></div>
<div class="language-campaign-sim theme-code-block"><div class="codeBlockContent"><pre class="prism-code language-campaign-sim"><code><span class="token-line">view: workflow</span>
<span class="token-line">theme: dark</span>
<span class="token-line">loading: click</span></code></pre></div></div>
<p>After the fences.</p>`),
};

const missing = new Set();
let server;
let browser;

before(async () => {
  server = await serve(distDir, "/", {}, { pages, missing, gzip: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("dist/posters holds a poster for every preset × view × language and every lesson × language", () => {
  const dir = path.join(distDir, "posters");
  const presets = fs.readdirSync(path.join(distDir, "..", "presets")).map((f) => f.replace(/\.json$/, ""));
  const lessons = JSON.parse(fs.readFileSync(path.join(distDir, "lessons", "index.en.json"), "utf8")).map((e) => e.id);
  const want = [];
  for (const lang of ["en", "fr"]) {
    for (const view of ["full", "compare", "workflow", "logs"]) {
      for (const p of presets) want.push(`preset-${p}.${view}.${lang}.json`);
      want.push(`scenario.${view}.${lang}.json`);
    }
    for (const id of lessons) want.push(`lesson-${id}.${lang}.json`);
  }
  for (const name of want) {
    const poster = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    assert.ok(poster.title && poster.lines.length > 0 && poster.start, name);
  }
  assert.equal(fs.readdirSync(dir).length, want.length, "no other poster");
});

const boxState = (p, id) => p.evaluate((id) => document.getElementById(id).shadowRoot.querySelector(".cs-box").dataset.state, id);
const readyIn = (p, id, timeout = 20000) => p.waitForFunction((id) => document.getElementById(id)?.shadowRoot?.querySelector(".cs-box")?.dataset.state === "ready", id, { timeout });
const wasmRequests = (p) => p.requests.filter((u) => /campaign-sim-widget(_bg\.wasm|\.js)/.test(u));

/** Bytes the page received (headers and encoded bodies), from the DevTools protocol. */
async function received(p) {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send("Network.enable");
  const bytes = new Map();
  cdp.on("Network.loadingFinished", (e) => bytes.set(e.requestId, e.encodedDataLength));
  return () => [...bytes.values()].reduce((a, b) => a + b, 0);
}

test("a page of lazy widgets downloads no wasm before the reader scrolls, and at most 30,000 B", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const p = await context.newPage();
  p.requests = [];
  p.on("request", (r) => p.requests.push(r.url()));
  const total = await received(p);
  await p.goto(server.url + "lazy.html");
  await p.waitForLoadState("networkidle");
  await p.waitForTimeout(500);
  const before = total();
  console.log(`lazy.html before scrolling: ${before} B received (gzip -9), ${p.requests.length} requests: ${p.requests.map((u) => new URL(u).pathname).join(" ")}`);
  assert.deepEqual(wasmRequests(p), [], "no glue or wasm before the reader scrolls");
  assert.ok(before <= 30000, `${before} B before scrolling (budget 30,000 B)`);
  for (const id of ["w1", "w2", "w3"]) assert.equal(await boxState(p, id), "poster");
  // The reader scrolls to the first widget: it loads, about a screen ahead.
  const t0 = Date.now();
  await p.evaluate(() => document.getElementById("w1").scrollIntoView({ block: "center" }));
  await readyIn(p, "w1");
  console.log(`lazy.html: first widget interactive ${Date.now() - t0} ms after the scroll, ${total()} B received by then`);
  assert.equal(wasmRequests(p).filter((u) => u.endsWith(".wasm")).length, 1, "one wasm request");
  assert.equal(await boxState(p, "w3"), "poster", "the widget two screens below still waits");
  await p.evaluate(() => document.getElementById("w3").scrollIntoView({ block: "center" }));
  await readyIn(p, "w3");
  await readyIn(p, "w2");
  assert.equal(p.requests.filter((u) => u.endsWith(".wasm")).length, 1, "the wasm is fetched once per page");
  await context.close();
});

test('loading="click" waits for its start button, "eager" loads at once, "lazy" when near', async () => {
  const p = await openPage(browser, server.url + "modes.html");
  await readyIn(p, "eager");
  assert.equal(await boxState(p, "click"), "poster", "in view, but click waits");
  assert.equal(await boxState(p, "lazy"), "poster", "far below, lazy waits");
  // The start button is reachable by keyboard and starts it; focus goes into the widget.
  const start = p.locator("#click").getByTestId("widget-start");
  await start.focus();
  await p.keyboard.press("Enter");
  await readyIn(p, "click");
  assert.ok(await p.evaluate(() => document.getElementById("click").shadowRoot.activeElement !== null), "focus moved into the simulator");
  assert.equal(await p.locator("#click").getByTestId("widget-start").count(), 0, "the poster is gone");
  await p.locator("#lazy").scrollIntoViewIfNeeded();
  await readyIn(p, "lazy");
  // load() starts a click widget from script.
  await p.evaluate(() => {
    const el = document.createElement("campaign-sim");
    el.id = "scripted";
    el.loading = "click";
    document.querySelector("main").prepend(el);
  });
  assert.equal(await boxState(p, "scripted"), "poster");
  await p.evaluate(() => document.getElementById("scripted").load());
  assert.equal(await boxState(p, "scripted"), "ready", "load() resolves once ready");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

for (const width of [1400, 412]) {
  test(`no layout shift when the simulator replaces its poster, at ${width} px`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript(() => {
      window.__cls = 0;
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__cls += e.value;
          window.__shifts.push({
            value: e.value,
            at: Math.round(e.startTime),
            sources: e.sources?.map((s) => ({ node: s.node ? `${s.node.nodeName}.${s.node.className ?? ""}#${s.node.id ?? ""}` : null, from: s.previousRect, to: s.currentRect })),
          });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const p = await context.newPage();
    await p.goto(server.url + "shift.html");
    const heights = {};
    for (const id of ["s1", "s2", "s3", "s4"]) heights[id] = await p.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
    for (const id of ["s1", "s2", "s3", "s4"]) await readyIn(p, id);
    await p.waitForTimeout(300);
    for (const id of ["s1", "s2", "s3", "s4"]) {
      const h = await p.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
      assert.equal(h, heights[id], `${id}: the box keeps its height`);
    }
    const { cls, shifts } = await p.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
    console.log(`shift.html at ${width} px: CLS ${cls}`);
    assert.equal(cls, 0, `layout shifts: ${JSON.stringify(shifts)}`);
    await screenshot(p, `widget-shift-${width}`);
    await context.close();
  });
}

test("posters: real text from the engine, in the widget's language, and axe finds nothing in light and dark", async () => {
  const p = await openPage(browser, server.url + "posters.html");
  const text = (id) => p.evaluate((id) => document.getElementById(id).shadowRoot.querySelector(".cs-poster").innerText, id);
  await p.waitForFunction(() => ["fr", "lesson", "own", "data"].every((id) => document.getElementById(id).shadowRoot.querySelector(".cs-poster-figures p")));
  assert.match(await text("fr"), /Récurrente\u00a0: 52 diffusions · Continue\u00a0: 1 diffusion/, "the closest ancestor's lang");
  assert.match(await text("fr"), /Démarrer le simulateur/);
  assert.match(await text("lesson"), /The server was down for three days/);
  assert.match(await text("own"), /A scenario of this page/);
  assert.equal(await p.evaluate(() => document.getElementById("data").shadowRoot.querySelector("[part=title]").localName), "h3", "heading-level");
  for (const id of ["fr", "lesson", "own", "data"]) {
    assert.equal(await p.locator(`#${id}`).getByTestId("play").count(), 0, "a poster has no play");
    assert.equal(await p.locator(`#${id}`).getByTestId("sim-clock").count(), 0, "a poster has no clock");
  }
  assert.deepEqual(await audit(p), [], "light posters");
  await screenshot(p, "widget-posters-light");
  await p.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme === "dark");
  assert.deepEqual(await audit(p), [], "dark posters");
  await screenshot(p, "widget-posters-dark");
  // And the simulators themselves, dark then light.
  for (const id of ["fr", "lesson", "own"]) await p.evaluate((id) => document.getElementById(id).load(), id);
  await p.locator("#data").getByTestId("widget-start").click();
  for (const id of ["fr", "lesson", "own", "data"]) await readyIn(p, id);
  assert.deepEqual(await audit(p), [], "dark widgets");
  await screenshot(p, "widget-ready-dark");
  await p.evaluate(() => document.documentElement.removeAttribute("data-theme"));
  await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme === "light");
  assert.deepEqual(await audit(p), [], "light widgets");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("themes follow the host's switch, live: Docusaurus, mkdocs-material, mdBook, .dark, the system", async () => {
  const p = await openPage(browser, server.url + "posters.html");
  const theme = () => p.evaluate(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme);
  assert.equal(await theme(), "light");
  const cases = [
    ["html data-theme=dark", () => document.documentElement.setAttribute("data-theme", "dark"), () => document.documentElement.removeAttribute("data-theme")],
    ["body data-md-color-scheme=slate", () => document.body.setAttribute("data-md-color-scheme", "slate"), () => document.body.removeAttribute("data-md-color-scheme")],
    ["html.coal", () => document.documentElement.classList.add("coal"), () => document.documentElement.classList.remove("coal")],
    ["html.ayu", () => document.documentElement.classList.add("ayu"), () => document.documentElement.classList.remove("ayu")],
    ["html.dark", () => document.documentElement.classList.add("dark"), () => document.documentElement.classList.remove("dark")],
  ];
  for (const [name, on, off] of cases) {
    await p.evaluate(on);
    await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme === "dark", null, { timeout: 2000 }).catch(() => {});
    assert.equal(await theme(), "dark", name);
    await p.evaluate(off);
    await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme === "light", null, { timeout: 2000 }).catch(() => {});
    assert.equal(await theme(), "light", `${name} off`);
  }
  await p.evaluate(() => document.body.removeAttribute("data-md-color-scheme"));
  await p.emulateMedia({ colorScheme: "dark" });
  await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme === "dark");
  // theme="light" wins over everything.
  await p.evaluate(() => document.getElementById("fr").setAttribute("theme", "light"));
  await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.theme === "light");
  await p.context().close();
});

test("a missing wasm and a missing lesson are said in the box, with Retry working once the file is back", async () => {
  missing.add("/campaign-sim-widget_bg.wasm");
  missing.add("/lessons/q1-deliveries.en.json");
  try {
    // A host awaiting the widget hears of the failure: el.ready, read as the element is
    // defined (before it fails), rejects; a ready read after it resolves once Retry has
    // worked.
    const p = await openPage(browser, "about:blank");
    await p.addInitScript(() => {
      customElements.whenDefined("campaign-sim").then(() => {
        window.__ready = document.getElementById("f1").ready.then(() => "resolved", (e) => `rejected: ${e.message}`);
      });
    });
    await p.goto(server.url + "fail.html");
    const box = (id) => p.locator(`#${id}`).locator(".cs-box");

    await p.waitForFunction(() => document.getElementById("f1").shadowRoot.querySelector(".cs-box").dataset.state === "failed", null, { timeout: 15000 });
    const said = await p.evaluate(() => document.getElementById("f1").shadowRoot.querySelector(".cs-poster").innerText);
    assert.match(said, /The simulator did not load: campaign-sim-widget_bg\.wasm \(HTTP 404\)/);
    assert.match(said, /The files must sit next to campaign-sim\.js, or set a base path/);
    assert.match(said, /Recurring: 52 deliveries/, "the poster stays readable");
    await screenshot(p, "widget-failed-wasm");
    const settled = (name) => p.evaluate((n) => Promise.race([window[n], new Promise((r) => setTimeout(() => r("pending"), 5000))]), name);
    assert.equal(await settled("__ready"), "rejected: campaign-sim-widget_bg.wasm: HTTP 404");
    await p.evaluate(() => {
      window.__again = document.getElementById("f1").ready.then(() => "resolved", (e) => `rejected: ${e.message}`);
    });
    missing.delete("/campaign-sim-widget_bg.wasm");
    await p.locator("#f1").getByTestId("widget-retry").click();
    await readyIn(p, "f1");
    assert.equal(await settled("__again"), "resolved");
    // The lesson's file is still missing.
    await p.locator("#f2").getByTestId("widget-start").click();
    await p.waitForFunction(() => document.getElementById("f2").shadowRoot.querySelector(".cs-box").dataset.state === "failed", null, { timeout: 15000 });
    assert.match(await box("f2").innerText(), /The lesson did not load: lessons\/q1-deliveries\.en\.json \(HTTP 404\)/);
    missing.delete("/lessons/q1-deliveries.en.json");
    await p.locator("#f2").getByTestId("widget-retry").click();
    await readyIn(p, "f2");
    await p.locator("#f2").getByTestId("lesson-panel").waitFor({ timeout: 15000 });
    await p.context().close();
  } finally {
    missing.clear();
  }
});

test("in French, a missing fr.json is said in French; without WebAssembly, the box says so", async () => {
  missing.add("/i18n/fr.json");
  try {
    const p = await openPage(browser, server.url + "posters.html");
    await p.locator("#fr").getByTestId("widget-start").click();
    await p.waitForFunction(() => document.getElementById("fr").shadowRoot.querySelector(".cs-box").dataset.state === "failed", null, { timeout: 15000 });
    assert.match(await p.locator("#fr .cs-poster").innerText(), /Les textes en français ne se sont pas chargés\u00a0: i18n\/fr\.json \(HTTP 404\)/);
    assert.match(await p.locator("#fr .cs-poster").innerText(), /Réessayer/);
    await p.context().close();
  } finally {
    missing.clear();
  }
  const context = await browser.newContext();
  await context.addInitScript(() => delete window.WebAssembly);
  const p = await context.newPage();
  await p.goto(server.url + "fail.html");
  await p.waitForFunction(() => document.getElementById("f1").shadowRoot.querySelector(".cs-box").dataset.state === "failed", null, { timeout: 15000 });
  assert.match(await p.locator("#f1 .cs-poster").innerText(), /This browser cannot run WebAssembly/);
  await context.close();
});

test("index.html says when the simulator does not load, and Retry starts it once the file is back", async () => {
  missing.add("/campaign-sim-web_bg.wasm");
  try {
    const p = await openPage(browser, server.url + "index.html");
    const failure = p.getByTestId("start-failure");
    await failure.waitFor({ timeout: 15000 });
    assert.match(await failure.innerText(), /The simulator did not load: campaign-sim-web_bg\.wasm \(HTTP 404\)/);
    missing.delete("/campaign-sim-web_bg.wasm");
    await p.getByTestId("start-retry").click();
    await p.locator('[data-testid="sim-clock"][data-instant]').waitFor({ timeout: 20000 });
    await p.context().close();
  } finally {
    missing.clear();
  }
});

test("prefers-reduced-motion turns autoplay off (stepping still works)", async () => {
  for (const motion of ["reduce", "no-preference"]) {
    const context = await browser.newContext({ reducedMotion: motion });
    const p = await context.newPage();
    await p.goto(server.url + "modes.html");
    await p.evaluate(() => {
      const el = document.createElement("campaign-sim");
      el.id = "auto";
      el.setAttribute("autoplay", "");
      el.setAttribute("loading", "eager");
      document.querySelector("main").prepend(el);
    });
    await readyIn(p, "auto");
    const clock = () => p.evaluate(() => document.getElementById("auto").shadowRoot.querySelector('[data-testid="sim-clock"]').dataset.instant);
    const t0 = await clock();
    await p.waitForTimeout(1500);
    if (motion === "reduce") {
      assert.equal(await clock(), t0, "no autoplay under reduced motion");
      await p.locator("#auto").getByTestId("step").click();
      await p.waitForFunction((t) => document.getElementById("auto").shadowRoot.querySelector('[data-testid="sim-clock"]').dataset.instant !== t, t0);
    } else {
      assert.notEqual(await clock(), t0, "autoplay plays");
    }
    await context.close();
  }
});

test("the element you talk to: properties before upgrade, ready, state, runTo, events and their detail, lang in place", async () => {
  const p = await openPage(browser, server.url + "modes.html");
  await p.evaluate(async () => {
    const el = document.createElement("campaign-sim");
    el.id = "talk";
    el.loading = "eager";
    el.view = "compare";
    window.__events = [];
    for (const name of ["ready", "execution", "delivery", "finished", "error"]) {
      el.addEventListener(`campaign-sim-${name}`, (e) => window.__events.push({ name, detail: JSON.parse(JSON.stringify(e.detail)), composed: e.composed, bubbles: e.bubbles }));
    }
    document.querySelector("main").prepend(el);
    await el.ready;
  });
  assert.equal(await p.evaluate(() => document.getElementById("talk").state.clock), "2026-01-01T00:00:00+01:00");
  await p.evaluate(() => document.getElementById("talk").runTo("2026-03-02T12:00"));
  const state = await p.evaluate(() => JSON.parse(JSON.stringify(document.getElementById("talk").state)));
  assert.equal(state.clock, "2026-03-02T12:00:00+01:00");
  assert.equal(state.figures.recurring.deliveries, 9);
  assert.equal(state.figures.continuous.deliveries, 1);
  // lang in place: the clock stays.
  await p.evaluate(() => document.getElementById("talk").setAttribute("lang", "fr"));
  await p.waitForFunction(() => document.getElementById("talk").shadowRoot.querySelector(".cs")?.getAttribute("lang") === "fr", null, { timeout: 10000 });
  assert.equal(await p.evaluate(() => document.getElementById("talk").state.clock), "2026-03-02T12:00:00+01:00", "the clock kept");
  await p.locator("#talk").getByTestId("run-to-end").click();
  await p.waitForFunction(() => window.__events.some((e) => e.name === "finished"), null, { timeout: 10000 });
  await p.evaluate(() => document.getElementById("talk").setAttribute("view", "nope"));
  await p.waitForFunction(() => window.__events.some((e) => e.name === "error"), null, { timeout: 10000 });
  const events = await p.evaluate(() => window.__events);
  const first = (name) => events.find((e) => e.name === name);
  assert.ok(events.every((e) => e.bubbles && e.composed), "bubbling, composed");
  assert.equal(first("ready").detail.state.clock, "2026-01-01T00:00:00+01:00");
  assert.deepEqual(Object.keys(first("execution").detail).sort(), ["at", "caughtUp", "scheduled", "targeted"]);
  assert.deepEqual(Object.keys(first("delivery").detail).sort(), ["contentVersion", "created", "id", "label", "mode"]);
  assert.equal(first("finished").detail.recurring.deliveries, 52);
  assert.ok(first("error").detail.some((e) => e.path === "view" && /is not a view/.test(e.reason)));
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("properties set before the module loaded are picked up (the upgrade pattern)", async () => {
  const p = await openPage(browser, server.url + "upgrade.html");
  assert.equal(await p.evaluate(() => customElements.get("campaign-sim")), undefined, "not defined yet");
  await p.evaluate(async () => {
    const el = document.getElementById("up");
    el.view = "logs";
    el.scenario = { name: "Daily at six", workflow: { scheduler: { frequency: "daily", times: ["06:00"] } } };
    await import("./campaign-sim.js");
    await el.ready;
  });
  await readyIn(p, "up");
  assert.equal(await p.evaluate(() => document.getElementById("up").getAttribute("view")), "logs", "the property became the attribute");
  assert.equal(await p.locator("#up .cs[data-view=logs]").count(), 1);
  assert.equal(await p.evaluate(() => typeof document.getElementById("up").scenario), "object", "scenario as an object");
  assert.equal(await p.evaluate(() => Object.prototype.hasOwnProperty.call(document.getElementById("up"), "view")), false, "no own property left");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("fences become widgets, and widgets added or removed later mount and unmount with no leak", async () => {
  const p = await openPage(browser, server.url + "fences.html");
  await p.waitForFunction(() => document.querySelectorAll("campaign-sim").length === 3);
  assert.equal(await p.locator("pre, .language-campaign-sim").count(), 0, "every fence replaced");
  const attrs = await p.evaluate(() => [...document.querySelectorAll("campaign-sim")].map((e) => Object.fromEntries([...e.attributes].filter((a) => a.name !== "style").map((a) => [a.name, a.value]))));
  assert.deepEqual(attrs, [
    { preset: "birthday-daily-recurring", view: "logs", loading: "eager" },
    { view: "compare", lang: "fr", loading: "eager", "heading-level": "3" },
    { view: "workflow", theme: "dark", loading: "click" },
  ]);
  await p.waitForFunction(() => [...document.querySelectorAll("campaign-sim")].filter((e) => e.shadowRoot.querySelector(".cs-box").dataset.state === "ready").length === 2, null, { timeout: 20000 });
  const live = () => p.evaluate(async () => (await import("./campaign-sim.js")).liveInstances());
  assert.equal(await live(), 2);
  // As an instant navigation does: the content replaced, fences and data hosts in it.
  for (let round = 0; round < 4; round++) {
    await p.evaluate(() => {
      const main = document.querySelector("main");
      main.innerHTML = `<h1>Another page</h1><pre><code class="language-campaign-sim">view: compare\nloading: eager</code></pre>
        <div data-campaign-sim data-view="workflow" data-loading="eager"></div><p>After.</p>`;
    });
    await p.waitForFunction(() => [...document.querySelectorAll("campaign-sim, [data-campaign-sim]")].every((e) => e.shadowRoot?.querySelector(".cs-box")?.dataset.state === "ready"), null, { timeout: 20000 });
    await p.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(await live(), 2, `round ${round}: the widgets on the page, no more`);
  }
  await p.evaluate(() => document.querySelector("main").replaceChildren());
  await p.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  assert.equal(await live(), 0, "all released");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("printing shows the poster or the current state, without controls", async () => {
  const p = await openPage(browser, server.url + "modes.html");
  await readyIn(p, "eager");
  await p.emulateMedia({ media: "print" });
  const shown = await p.evaluate(() => {
    const root = document.getElementById("eager").shadowRoot;
    const poster = document.getElementById("click").shadowRoot;
    const display = (el) => (el ? getComputedStyle(el).display : "none");
    return {
      play: display(root.querySelector('[data-testid="play"]')),
      clock: display(root.querySelector('[data-testid="sim-clock"]')),
      start: display(poster.querySelector('[data-testid="widget-start"]')),
      title: display(poster.querySelector('[part="title"]')),
      height: getComputedStyle(document.getElementById("eager")).height,
    };
  });
  assert.equal(shown.play, "none", "no play button on paper");
  assert.equal(shown.start, "none", "no start button on paper");
  assert.notEqual(shown.clock, "none", "the state is printed");
  assert.notEqual(shown.title, "none", "the poster is printed");
  await p.context().close();
});
