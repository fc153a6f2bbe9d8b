// Real documentation sites (issue 21, point 2): an MkDocs site (mkdocs-material 9.8,
// light and dark palettes, navigation.instant with site_url) and an mdBook 0.5 book,
// each built from Markdown pages holding ```campaign-sim fences, one page in a
// sub-folder, with the package's files (installed from its tarball) copied in as the
// README says. In Chromium: the widgets run on the sub-folder page as on the first;
// after instant navigations liveInstances() is back to the widgets on screen (no leak);
// a `lang: fr` fence is French from its first paint (the poster, then the simulator's
// chrome and the lesson's title and narration); the widgets follow the palettes.
// The generators come from scripts/tools.sh (MkDocs in .tools/docs-venv, mdbook).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage, audit, screenshot } from "./harness.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const work = path.join(root, "target", "e2e", "sites");
const mkdocs = path.join(root, ".tools", "docs-venv", "bin", "mkdocs");
const lessonFr = JSON.parse(fs.readFileSync(path.join(root, "lessons", "q1-deliveries.fr.json"), "utf8"));
let browser;
const servers = {};

const fence = (lines) => ["```campaign-sim", ...lines, "```"].join("\n");

function writeFiles(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** The package's files, installed from its tarball, copied to `dest`. */
function copyPackage(dest) {
  fs.cpSync(path.join(work, "install", "node_modules", "campaign-sim"), dest, {
    recursive: true,
    filter: (src) => !/package\.json$|README\.md$|custom-elements\.json$/.test(src),
  });
}

/** Builds the MkDocs site; its site_url is where it is served (instant navigation
 * takes the links of its sitemap, absolute URLs, as the site's own). */
function mkdocsSite(url) {
  const dir = path.join(work, "mkdocs");
  writeFiles(dir, {
    "mkdocs.yml": `site_name: Deliveries, explained
site_url: ${url}
theme:
  name: material
  features: [navigation.instant]
  font: false
  palette:
    - scheme: default
      toggle: {icon: material/brightness-4, name: Dark}
    - scheme: slate
      toggle: {icon: material/brightness-7, name: Light}
nav:
  - Home: index.md
  - Lessons:
      - La leçon: lecons/premiere.md
extra_css:
  - campaign-sim/campaign-sim-host.css
extra_javascript:
  - path: campaign-sim/campaign-sim.js
    type: module
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: campaign-sim
          class: language-campaign-sim
          format: !!python/name:pymdownx.superfences.fence_code_format
`,
    "docs/index.md": `# Recurring or continuous?

A weekly newsletter, as the platform runs it.

${fence(["preset: weekly-newsletter-recurring", "view: compare", "chrome: none"])}

The daily birthday mail, in its logs.

${fence(["preset: birthday-daily-recurring", "view: logs", "chrome: none", "height: 600"])}

Read [the lesson](lecons/premiere.md).
`,
    "docs/lecons/premiere.md": `# Pourquoi 52 diffusions ?

${fence(["lesson: q1-deliveries", "view: compare", "lang: fr"])}

Retour à [l'accueil](../index.md).
`,
  });
  copyPackage(path.join(dir, "docs", "campaign-sim"));
  const t0 = Date.now();
  execFileSync(mkdocs, ["build", "--quiet", "--strict"], { cwd: dir, stdio: "inherit" });
  console.log(`mkdocs build: ${Date.now() - t0} ms`);
}

function mdbookSite() {
  const dir = path.join(work, "mdbook");
  writeFiles(dir, {
    "book.toml": `[book]
title = "Deliveries, the book"
language = "en"

[output.html]
additional-css = ["src/campaign-sim/campaign-sim-host.css"]
`,
    // additional-js loads classic scripts: the module goes in through the theme's head.
    "theme/head.hbs": `<script type="module" src="{{ path_to_root }}campaign-sim/campaign-sim.js"></script>\n`,
    "src/SUMMARY.md": `# Summary

- [Recurring or continuous?](README.md)
- [Guide](guide/README.md)
  - [Une leçon](guide/lecon.md)
`,
    "src/README.md": `# Recurring or continuous?

${fence(["preset: weekly-newsletter-recurring", "view: compare", "chrome: none"])}

| a | table | with stripes |
|---|---|---|
| 1 | 2 | 3 |
| 4 | 5 | 6 |
`,
    "src/guide/README.md": `# Guide\n\nThe widgets below.\n`,
    "src/guide/lecon.md": `# Pourquoi 52 diffusions ?

${fence(["lesson: q1-deliveries", "view: compare", "lang: fr"])}

${fence(["preset: birthday-daily-recurring", "view: logs", "lang: fr", "theme: dark"])}
`,
  });
  copyPackage(path.join(dir, "src", "campaign-sim"));
  const t0 = Date.now();
  execFileSync("mdbook", ["build", "--dest-dir", "book"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  console.log(`mdbook build: ${Date.now() - t0} ms`);
  return path.join(dir, "book");
}

before(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  const packed = path.join(root, "target", "package");
  const tgz = fs.existsSync(packed) && fs.readdirSync(packed).find((f) => /^campaign-sim-.*\.tgz$/.test(f));
  assert.ok(tgz, "no target/package/campaign-sim-*.tgz: run make package");
  assert.ok(fs.existsSync(mkdocs), "no MkDocs in .tools/docs-venv: run scripts/tools.sh");
  const install = path.join(work, "install");
  fs.mkdirSync(install, { recursive: true });
  fs.writeFileSync(path.join(install, "package.json"), JSON.stringify({ name: "docs", private: true }));
  execFileSync("npm", ["install", path.join(packed, tgz), "--offline", "--no-audit", "--no-fund", "--silent"], { cwd: install, stdio: "inherit" });
  servers.mkdocs = await serve(path.join(work, "mkdocs", "site"));
  mkdocsSite(servers.mkdocs.url);
  servers.mdbook = await serve(mdbookSite());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
});

const states = (p) => p.evaluate(() => [...document.querySelectorAll("campaign-sim")].map((e) => e.shadowRoot?.querySelector(".cs-box")?.dataset.state));
const allReady = (p, n, timeout = 25000) =>
  p.waitForFunction((n) => {
    const els = [...document.querySelectorAll("campaign-sim")];
    return els.length === n && els.every((e) => e.shadowRoot?.querySelector(".cs-box")?.dataset.state === "ready");
  }, n, { timeout });
// The module as the first page loaded it (after an instant navigation the page-relative
// src of the kept <script> resolves against the new page's URL).
const live = (p) =>
  p.evaluate(async () => {
    window.__csModule ??= document.querySelector('script[src*="campaign-sim.js"]').src;
    return (await import(window.__csModule)).liveInstances();
  });
const norm = (s) => s.replace(/[\s\u00a0\u202f]+/g, " ").trim();

/** Records, from the first paint, every text a French widget shows (poster, then simulator). */
async function watchFrench(context) {
  await context.addInitScript(() => {
    window.__shown = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      const host = this;
      new MutationObserver(() => {
        if (host.getAttribute("lang") !== "fr") return;
        const box = root.querySelector(".cs-box");
        const visible = box?.dataset.state === "ready" ? root.querySelector(".cs-mount") : root.querySelector(".cs-poster[data-shown]");
        if (visible) window.__shown.push(visible.innerText.slice(0, 4000));
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      return root;
    };
  });
}

/** A page that records what French widgets show, and its errors and failed requests. */
async function openWatched(url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await watchFrench(context);
  const p = await context.newPage();
  p.problems = [];
  p.on("pageerror", (e) => p.problems.push(e.message));
  p.on("response", (r) => r.status() >= 400 && p.problems.push(`${r.status()} ${r.url()}`));
  await p.goto(url);
  return p;
}

test("MkDocs + mkdocs-material: fences run on the home page and on a page in a sub-folder, in French from the first paint", async () => {
  const p = await openWatched(servers.mkdocs.url);
  await allReady(p, 2);
  assert.equal(await p.evaluate(() => document.querySelectorAll(".language-campaign-sim").length), 0, "the fences are widgets");
  await p.goto(servers.mkdocs.url + "lecons/premiere/");
  await allReady(p, 1);
  const el = p.locator("campaign-sim");
  assert.equal(norm(await el.getByTestId("lesson-narration").textContent()), norm(lessonFr.steps[0].narration), "the lesson's French narration");
  assert.match(await el.locator(".cs").first().innerText(), /Étape 1 sur/);
  const shown = await p.evaluate(() => window.__shown);
  assert.ok(shown.length > 0);
  for (const text of shown) {
    assert.doesNotMatch(text, /Start the simulator|Loading the simulator|Step \d of|What to notice|Why do I have 52 deliveries/, "never English");
  }
  await screenshot(p, "site-mkdocs-lesson");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("MkDocs: instant navigation back and forth mounts the new page's widgets and releases the old ones", async () => {
  const p = await openPage(browser, servers.mkdocs.url);
  await allReady(p, 2);
  assert.equal(await live(p), 2);
  await p.evaluate(() => (window.__sameDocument = true));
  for (let round = 0; round < 3; round++) {
    await p.locator(".md-content a", { hasText: "the lesson" }).click();
    await p.waitForURL(/lecons\/premiere/);
    await allReady(p, 1);
    assert.equal(await p.evaluate(() => window.__sameDocument), true, "an instant navigation, not a reload");
    await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    assert.equal(await live(p), 1, `round ${round}: one widget alive on the lesson page`);
    await p.locator(".md-content a", { hasText: "l'accueil" }).click();
    await p.waitForURL((u) => !/lecons/.test(u.pathname));
    await allReady(p, 2);
    await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    assert.equal(await live(p), 2, `round ${round}: two widgets alive on the home page`);
  }
  assert.deepEqual(p.problems.filter((x) => !/favicon/.test(x)), []);
  await p.context().close();
});

test("MkDocs: the widgets follow the light and dark palettes, axe clean in both", async () => {
  const p = await openPage(browser, servers.mkdocs.url);
  await allReady(p, 2);
  const themes = () => p.evaluate(() => [...document.querySelectorAll("campaign-sim")].map((e) => e.shadowRoot.querySelector(".cs-box").dataset.theme));
  assert.deepEqual(await themes(), ["light", "light"]);
  const widgetsClean = async (label) => {
    const violations = (await audit(p)).filter((v) => v.nodes.some((n) => JSON.stringify(n.target).includes("campaign-sim")));
    assert.deepEqual(violations, [], `${label}: axe violations inside the widgets`);
  };
  await widgetsClean("light");
  await p.locator('form[data-md-component="palette"] label:visible').first().click();
  await p.waitForFunction(() => document.body.dataset.mdColorScheme === "slate");
  await p.waitForFunction(() => [...document.querySelectorAll("campaign-sim")].every((e) => e.shadowRoot.querySelector(".cs-box").dataset.theme === "dark"));
  await widgetsClean("slate");
  await screenshot(p, "site-mkdocs-slate");
  // The clock and muted labels readable on Material's slate page (computed from tokens).
  const clock = await p.evaluate(() => {
    const c = document.querySelector("campaign-sim").shadowRoot.querySelector('[data-testid="sim-clock"]');
    return getComputedStyle(c).color;
  });
  assert.notEqual(clock, "rgb(27, 31, 36)", "the clock is not dark text on the dark page");
  // Host styles do not reach inside: Material's font size and link colour, its details.
  const inside = await p.evaluate(() => {
    const cs = document.querySelector("campaign-sim").shadowRoot.querySelector(".cs");
    const button = cs.querySelector("button");
    return { font: getComputedStyle(cs).fontSize, button: getComputedStyle(button).fontSize };
  });
  assert.deepEqual(inside, { font: "15px", button: "14px" });
  await p.context().close();
});

test("mdBook: fences on the first chapter and in a sub-folder, French from the first paint, coal and ayu", async () => {
  const p = await openWatched(servers.mdbook.url);
  await allReady(p, 1);
  await p.goto(servers.mdbook.url + "guide/lecon.html");
  await p.waitForFunction(() => document.querySelectorAll("campaign-sim").length === 2);
  // The second is further down: scrolled to, it loads.
  await p.locator("campaign-sim").nth(1).scrollIntoViewIfNeeded();
  await allReady(p, 2);
  const lesson = p.locator("campaign-sim").first();
  assert.equal(norm(await lesson.getByTestId("lesson-narration").textContent()), norm(lessonFr.steps[0].narration));
  for (const text of await p.evaluate(() => window.__shown)) {
    assert.doesNotMatch(text, /Start the simulator|Loading the simulator|Step \d of|What to notice|Why do I have 52 deliveries/, "never English");
  }
  const themes = () => p.evaluate(() => [...document.querySelectorAll("campaign-sim")].map((e) => e.shadowRoot.querySelector(".cs-box").dataset.theme));
  assert.deepEqual(await themes(), ["light", "dark"], "auto follows the book, theme: dark is dark");
  for (const theme of ["coal", "ayu", "navy"]) {
    await p.evaluate((t) => {
      document.documentElement.classList.remove("light", "coal", "ayu", "navy", "rust");
      document.documentElement.classList.add(t);
    }, theme);
    await p.waitForFunction(() => document.querySelector("campaign-sim").shadowRoot.querySelector(".cs-box").dataset.theme === "dark");
  }
  // mdBook's table stripes stay outside: the logs' rows keep the widget's background.
  const row = await p.evaluate(() => {
    const r = document.querySelectorAll("campaign-sim")[1].shadowRoot.querySelector('[data-testid="broadlog-row"]');
    return r ? getComputedStyle(r).backgroundColor : null;
  });
  assert.notEqual(row, "rgb(0, 0, 0)");
  await screenshot(p, "site-mdbook-coal");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
