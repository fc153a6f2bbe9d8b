// The npm package (issue 21, point 1): `make package` packs the widget's files into
// target/package/campaign-sim-<version>.tgz; installed from that tarball into an empty
// folder (no network), imported by its package name through an import map, the widget
// runs. Its custom-elements.json matches the element's real observedAttributes,
// properties, methods, parts and the events it dispatches.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage } from "./harness.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const packed = path.join(root, "target", "package");
const host = path.join(root, "target", "e2e", "package-host");
let server;
let browser;
let manifest;

before(async () => {
  const tgz = fs.existsSync(packed) && fs.readdirSync(packed).find((f) => /^campaign-sim-.*\.tgz$/.test(f));
  assert.ok(tgz, "no target/package/campaign-sim-*.tgz: run make package");
  fs.rmSync(host, { recursive: true, force: true });
  fs.mkdirSync(host, { recursive: true });
  fs.copyFileSync(path.join(packed, tgz), path.join(host, tgz));
  fs.writeFileSync(path.join(host, "package.json"), JSON.stringify({ name: "docs-page", private: true }));
  const t0 = Date.now();
  execFileSync("npm", ["install", `./${tgz}`, "--offline", "--no-audit", "--no-fund", "--silent"], { cwd: host, stdio: "inherit" });
  console.log(`npm install ./${tgz}: ${Date.now() - t0} ms`);
  fs.writeFileSync(
    path.join(host, "index.html"),
    `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page using the package</title><link rel="icon" href="data:,">
<script type="importmap">{"imports": {"campaign-sim": "./node_modules/campaign-sim/campaign-sim.js"}}</script>
<script type="module" src="./page.js"></script></head>
<body><main><h1>The package, by its name</h1>
<campaign-sim id="demo" preset="weekly-newsletter-recurring" view="compare" loading="eager"></campaign-sim>
<p>After the widget.</p></main></body></html>
`,
  );
  fs.writeFileSync(path.join(host, "page.js"), `import { liveInstances } from "campaign-sim";\nwindow.liveInstances = liveInstances;\n`);
  manifest = JSON.parse(fs.readFileSync(path.join(host, "node_modules", "campaign-sim", "custom-elements.json"), "utf8"));
  server = await serve(host);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the tarball holds the widget's files only, and package.json says how to import them", () => {
  const dir = path.join(host, "node_modules", "campaign-sim");
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  assert.equal(pkg.type, "module");
  assert.equal(pkg.exports["."], "./campaign-sim.js");
  assert.equal(pkg.exports["./campaign-sim.css"], "./campaign-sim.css");
  assert.equal(pkg.customElements, "custom-elements.json");
  for (const f of ["campaign-sim.js", "campaign-sim.css", "campaign-sim-host.css", "campaign-sim-widget.js", "campaign-sim-widget_bg.wasm", "i18n/fr.json", "lessons/index.en.json", "posters/preset-weekly-newsletter-recurring.compare.en.json"]) {
    assert.ok(fs.existsSync(path.join(dir, f)), `${f} is in the package`);
  }
  const all = fs.readdirSync(dir, { recursive: true }).map(String);
  assert.deepEqual(all.filter((f) => /campaign-sim-web|\.html$|\.br$/.test(f)), [], "no full page bundle, example page or .br file");
});

test("installed from the tarball and imported by its name, the widget runs", async () => {
  const page = await openPage(browser, server.url);
  const demo = page.locator("#demo");
  await demo.getByTestId("sim-clock").waitFor({ timeout: 20000 });
  await demo.getByTestId("run-to-end").click();
  await page.waitForFunction(() => csQuery('#demo >>> [data-testid="delivery-count"][data-mode="recurring"]')?.textContent.trim() === "52", null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.liveInstances()), 1);
  const files = page.requests.map((u) => new URL(u).pathname);
  assert.ok(files.includes("/node_modules/campaign-sim/campaign-sim-widget_bg.wasm"), "the wasm next to the module");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("custom-elements.json is the element's: attributes, properties, methods, parts, events", async () => {
  const [element] = manifest.modules[0].declarations.filter((d) => d.customElement);
  assert.equal(element.tagName, "campaign-sim");
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Every event a widget's element dispatches, by name.
  await context.addInitScript(() => {
    window.__events = new Set();
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (e) {
      if (e.type.startsWith("campaign-sim") && this.localName === "campaign-sim") window.__events.add(e.type);
      return dispatch.call(this, e);
    };
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator("#demo [data-testid=sim-clock][data-instant]").waitFor({ timeout: 20000 });
  const real = await page.evaluate(() => {
    const C = customElements.get("campaign-sim");
    const el = document.getElementById("demo");
    const proto = C.prototype;
    const props = Object.getOwnPropertyNames(proto).filter((n) => n !== "constructor");
    return {
      observed: [...C.observedAttributes].sort(),
      props,
      parts: [...el.shadowRoot.querySelectorAll("[part]"), ...el.shadowRoot.querySelector(".cs-box").querySelectorAll("[part]")].flatMap((p) => p.getAttribute("part").split(" ")),
      poster: ["poster", "title", "figures", "start", "status"],
    };
  });
  assert.deepEqual(element.attributes.map((a) => a.name).sort(), real.observed, "the attributes are observedAttributes");
  for (const m of element.members) assert.ok(real.props.includes(m.name), `${m.kind} ${m.name} is on the element`);
  // The parts of a ready widget (its poster is gone: those are checked on a fresh one).
  await page.evaluate(() => {
    const el = document.createElement("campaign-sim");
    el.id = "fresh";
    el.setAttribute("loading", "click");
    document.querySelector("main").append(el);
  });
  await page.waitForFunction(() => document.getElementById("fresh").shadowRoot.querySelector('[part="title"]'));
  const fresh = await page.evaluate(() => [...document.getElementById("fresh").shadowRoot.querySelectorAll("[part]")].flatMap((p) => p.getAttribute("part").split(" ")));
  const own = element.cssParts.map((p) => p.name).filter((n) => !/simulator, once ready/.test(element.cssParts.find((p) => p.name === n).description));
  for (const part of own.filter((p) => p !== "retry")) assert.ok([...real.parts, ...fresh].includes(part), `part ${part}`);
  // Events: run the year (ready, execution, delivery, finished) and give a bad value (error).
  await page.locator("#demo").getByTestId("run-to-end").click();
  await page.evaluate(() => document.getElementById("demo").setAttribute("view", "nope"));
  await page.waitForFunction(() => window.__events.has("campaign-sim-error") && window.__events.has("campaign-sim-finished"), null, { timeout: 15000 });
  const dispatched = await page.evaluate(() => [...window.__events]);
  const listed = element.events.map((e) => e.name);
  for (const name of dispatched) assert.ok(listed.includes(name), `${name} is dispatched but not in the manifest`);
  for (const name of ["campaign-sim-ready", "campaign-sim-execution", "campaign-sim-delivery", "campaign-sim-finished", "campaign-sim-error"]) {
    assert.ok(dispatched.includes(name), `${name} was dispatched`);
  }
  // Every event name written in the module is listed, and every CSS custom property
  // listed is read by the stylesheet.
  const dir = path.join(host, "node_modules", "campaign-sim");
  const js = fs.readFileSync(path.join(dir, "campaign-sim.js"), "utf8");
  for (const name of new Set(js.match(/campaign-sim-(?:ready|execution|delivery|finished|change|lesson-[a-z]+|answer|error)\b/g))) {
    assert.ok(listed.includes(name), `${name} in campaign-sim.js`);
  }
  const css = fs.readFileSync(path.join(dir, "campaign-sim.css"), "utf8") + fs.readFileSync(path.join(dir, "campaign-sim-host.css"), "utf8");
  for (const p of element.cssProperties) assert.ok(css.includes(p.name), `${p.name} is read by the stylesheets`);
  await context.close();
});
