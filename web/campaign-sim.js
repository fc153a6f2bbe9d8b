// campaign-sim.js — the simulator as a widget: the <campaign-sim> element, the
// [data-campaign-sim] hosts and the ```campaign-sim Markdown fences, with one include:
//
//   <campaign-sim preset="weekly-newsletter-recurring" view="compare"></campaign-sim>
//   <script type="module" src="campaign-sim.js"></script>
//
// Each widget gets an open shadow root on its host (the element, or the div) holding a
// fixed-size box: a poster (real text written at build time from the engine,
// posters/*.json, rendered with textContent) until the simulator is ready, then the
// simulator itself, in the same box, so nothing on the page shifts. The simulator (the
// widget bundle: campaign-sim-widget.js and its .wasm) is fetched once per page, glue
// and wasm in parallel, the wasm compiled while it streams, only when a widget needs it:
// `loading="lazy"` (the default) about one screen before it scrolls into view,
// `"click"` on its start button, `"eager"` at once. Every file is found next to this
// module (import.meta.url) or at setBasePath(url). A file that does not load is said in
// the box, in the page's language, with a Retry button.
//
// An external module with no inline script or style (a strict Content-Security-Policy
// allows it): styles are stylesheets (campaign-sim.css inside each shadow root,
// campaign-sim-host.css in the page) and CSSOM properties. The API (attributes,
// properties, methods, events, CSS properties, parts) is listed in element-api.js, which
// the package's custom-elements.json is generated from.
import { TAG, ATTRIBUTES, ATTRIBUTE_NAMES, VIEW_HEIGHTS, propertyOf } from "./element-api.js";
import { WORDS } from "./element-words.js";

// ---------------------------------------------------------------------------------
// Where the files are.

const FILES = {
  glue: "campaign-sim-widget.js",
  wasm: "campaign-sim-widget_bg.wasm",
  css: "campaign-sim.css",
  hostCss: "campaign-sim-host.css",
};
let base = new URL(".", import.meta.url);

/**
 * Where the widget's files are (the folder holding campaign-sim-widget.js, its .wasm,
 * campaign-sim.css, lessons/, i18n/ and posters/), for hosts that serve them somewhere
 * else than next to this module. Call it before the first widget loads.
 */
export function setBasePath(url) {
  const u = new URL(url, document.baseURI);
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  const before = [asset(FILES.css), asset(FILES.hostCss)];
  base = u;
  // Widgets defined before the call (the module defines the element as it runs) take
  // their stylesheets from the new place too.
  const after = [asset(FILES.css), asset(FILES.hostCss)];
  const roots = [document, ...[...document.querySelectorAll("campaign-sim, [data-campaign-sim]")].map((el) => el.shadowRoot).filter(Boolean)];
  for (const root of roots) {
    for (const link of root.querySelectorAll('link[rel="stylesheet"]')) {
      const i = before.indexOf(link.href);
      if (i >= 0) link.href = after[i];
    }
  }
}

const asset = (rel) => new URL(rel, base).href;

// ---------------------------------------------------------------------------------
// Words (generated from src/ui/i18n.rs) and the page's language.

const words = (lang) => WORDS[lang] ?? WORDS.en;
const fill = (text, args) => text.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));

/** The language a widget without `lang` takes: the closest ancestor's. */
function inheritedLang(el) {
  const lang = el.parentElement?.closest("[lang]")?.getAttribute("lang") ?? "";
  return /^fr\b/i.test(lang) ? "fr" : "en";
}

const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

// ---------------------------------------------------------------------------------
// Loading the simulator: once per page, on need.

/** A file that did not load (its kind picks the message). */
class LoadError extends Error {
  constructor(kind, file, reason) {
    super(`${file}: ${reason}`);
    this.kind = kind;
    this.file = file;
    this.reason = reason;
  }
}

let bundle = null;
let loaded = null;
let attempts = 0;
/** The wasm instance's exports, once the simulator is loaded (its memory, for tests). */
export let ready = null;

/**
 * The widget bundle, initialised: glue and wasm fetched in parallel, the wasm compiled
 * as it streams. Rejects with a LoadError; the next call tries again (the glue under a
 * new URL: a failed module import stays failed for its URL).
 */
function loadBundle() {
  if (bundle) return bundle;
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiateStreaming !== "function") {
    return Promise.reject(new LoadError("nowasm", FILES.wasm, "WebAssembly"));
  }
  const retry = attempts++ ? `?retry=${attempts}` : "";
  const wasmUrl = asset(FILES.wasm);
  const glueUrl = asset(FILES.glue);
  const wasm = fetch(wasmUrl).then(
    (res) => {
      if (!res.ok) throw new LoadError("wasm", FILES.wasm, `HTTP ${res.status}`);
      return res;
    },
    (e) => {
      throw new LoadError("wasm", FILES.wasm, e.message);
    },
  );
  const glue = import(glueUrl + retry).catch(async (e) => {
    const status = await fetch(glueUrl, { method: "HEAD" }).then((r) => (r.ok ? null : `HTTP ${r.status}`), () => null);
    throw new LoadError("glue", FILES.glue, status ?? e.message);
  });
  wasm.catch(() => {});
  let exports;
  bundle = Promise.all([glue, wasm])
    .then(async ([m]) => {
      exports = await m.default({ module_or_path: wasm });
      return m;
    })
    .catch((e) => {
      throw e instanceof LoadError ? e : new LoadError("wasm", FILES.wasm, e.message);
    })
    .then((m) => {
      const api = m;
      api.setAssetBase?.(base.href);
      loaded = api;
      return api;
    });
  ready = bundle.then(() => exports);
  bundle.catch(() => {
    bundle = null;
  });
  ready.catch(() => {});
  return bundle;
}

const texts = new Map();
/** A small file next to the widget's (a poster, a lesson, the French texts), once. */
function fetchAsset(rel, kind) {
  let p = texts.get(rel);
  if (!p) {
    p = fetch(asset(rel)).then(
      (res) => {
        if (!res.ok) throw new LoadError(kind, rel, `HTTP ${res.status}`);
        return res.text();
      },
      (e) => {
        throw new LoadError(kind, rel, e.message);
      },
    );
    texts.set(rel, p);
    p.catch(() => texts.delete(rel));
  }
  return p;
}

/** Whether the lessons' index of `lang` lists `id` (an unreadable index: assumed so). */
async function listedLesson(id, lang) {
  if (!/^[a-z0-9-]{1,64}$/.test(id)) return false;
  const index = await fetchAsset(`lessons/index.${lang === "fr" ? "fr" : "en"}.json`, "lesson");
  try {
    return JSON.parse(index).some((e) => e.id === id);
  } catch {
    return true;
  }
}

/**
 * Whether a file is there. A GET (Chromium reports a HEAD from fetch as aborted): done
 * while the wasm downloads, so the simulator's own request of it later is usually
 * answered by the HTTP cache.
 */
const probe = (rel, kind) => fetchAsset(rel, kind).then(() => undefined);

/**
 * The files a widget needs besides the bundle, checked while it loads, so that one
 * missing is said in the box: the French texts, and the lesson (when the lessons' index
 * lists it: an id it does not list is the simulator's to say, naming the attribute).
 */
async function checkFiles(cfg) {
  const jobs = [];
  if (cfg.lang === "fr") jobs.push(probe("i18n/fr.json", "french"));
  if (cfg.lesson) {
    const lang = cfg.lang === "fr" ? "fr" : "en";
    jobs.push(listedLesson(cfg.lesson, lang).then((listed) => listed && probe(`lessons/${cfg.lesson}.${lang}.json`, "lesson")));
  }
  await Promise.all(jobs);
}

/** How many widgets still hold their state (0 before the simulator is loaded). */
export function liveInstances() {
  return loaded ? loaded.liveInstances() : 0;
}


// ---------------------------------------------------------------------------------
// The page: theme switches, the viewport, hosts added and removed.

/** Whether the host page is dark, by its own switch, else by the system's. */
function pageIsDark() {
  const html = document.documentElement;
  const body = document.body;
  const theme = html.getAttribute("data-theme") ?? body?.getAttribute("data-theme");
  if (theme === "dark" || theme === "light") return theme === "dark";
  const scheme = body?.getAttribute("data-md-color-scheme") ?? html.getAttribute("data-md-color-scheme");
  if (scheme) return scheme === "slate";
  const classes = [...html.classList, ...(body?.classList ?? [])];
  if (classes.some((c) => c === "dark" || c === "coal" || c === "navy" || c === "ayu")) return true;
  if (classes.some((c) => c === "light" || c === "rust")) return false;
  return matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Every connected widget (for theme changes). */
const hosts = new Set();
let pageWatched = false;

function watchPage() {
  if (pageWatched) return;
  pageWatched = true;
  const retheme = () => hosts.forEach((h) => h.applyTheme());
  const watch = new MutationObserver(retheme);
  const themeAttributes = ["class", "data-theme", "data-md-color-scheme"];
  watch.observe(document.documentElement, { attributes: true, attributeFilter: themeAttributes });
  if (document.body) watch.observe(document.body, { attributes: true, attributeFilter: themeAttributes });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", retheme);
  // The widgets' own stylesheet for the page (boxes reserved before the element is
  // defined), unless the page links it already.
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href.endsWith(FILES.hostCss))) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = asset(FILES.hostCss);
    document.head.append(link);
  }
}

let viewport = null;
/** Lazy widgets start about one screen before they scroll into view. */
function nearViewport() {
  viewport ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) controllers.get(e.target)?.start();
    },
    { rootMargin: "100% 0px 100% 0px" },
  );
  return viewport;
}

// ---------------------------------------------------------------------------------
// One widget on one host.

const controllers = new WeakMap();
const h = (tag, attrs = {}, text) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
};
const VIEWS = Object.keys(VIEW_HEIGHTS);
/** Attributes that change a mounted widget in place; the others mount it again. */
const LIVE = new Set(ATTRIBUTES.filter((a) => a.live).map((a) => a.name));

class Widget {
  constructor(host, prefix) {
    this.host = host;
    this.prefix = prefix;
    this.widget = null;
    this.started = false;
    this.isReady = false;
    this.changed = new Set();
    this.generation = 0;
    this.newReady();
  }

  /** `ready`: resolved once the simulator is on screen; rejected (an Error naming the
   * file, with its `kind` and `file`) when it failed to load, and then a new one for
   * the Retry. Marked handled, so a page that never reads it logs nothing. */
  newReady() {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  attr(name) {
    return this.host.getAttribute(this.prefix + name);
  }

  get lang() {
    const own = this.attr("lang");
    return own === "en" || own === "fr" ? own : own ? "en" : inheritedLang(this.host);
  }

  get view() {
    const v = this.attr("view");
    return VIEWS.includes(v) ? v : "full";
  }

  get loading() {
    const l = this.attr("loading");
    return l === "click" || l === "eager" ? l : "lazy";
  }

  /** The configuration handed to the simulator (its reader checks every value, the
   * element's own theme, loading and height too: a bad one is shown in the widget). */
  config() {
    const cfg = { source: this.prefix ? "data-attribute" : "attribute" };
    for (const { name, property } of ATTRIBUTES) {
      const v = this.attr(name);
      if (v !== null) cfg[property] = v;
    }
    if (this.scenarioObject) cfg.scenario = this.scenarioObject;
    if (cfg.lang === undefined) cfg.lang = inheritedLang(this.host);
    if (reducedMotion() && cfg.autoplay !== undefined) cfg.autoplay = "false";
    return cfg;
  }

  connect() {
    this.build();
    hosts.add(this);
    watchPage();
    this.applyTheme();
    this.applyBox();
    this.renderPoster();
    if (this.widget) return;
    if (this.loading === "eager") this.start();
    else if (this.loading === "lazy") nearViewport().observe(this.host);
  }

  /** Removed from the page: released, unless it is back in the same task (moved). */
  disconnect() {
    queueMicrotask(() => {
      if (this.host.isConnected && (!this.prefix || this.host.hasAttribute("data-campaign-sim"))) return;
      hosts.delete(this);
      viewport?.unobserve(this.host);
      this.unmount();
    });
  }

  build() {
    if (this.box) return;
    const root = this.host.shadowRoot ?? this.host.attachShadow({ mode: "open" });
    this.box = h("div", { class: "cs-box", part: "box", "data-state": "poster" });
    this.poster = h("div", { class: "cs-poster", part: "poster" });
    this.figures = h("div", { class: "cs-poster-figures", part: "figures" });
    this.startButton = h("button", { type: "button", class: "cs-poster-start", part: "start", "data-testid": "widget-start" });
    this.startButton.addEventListener("click", () => this.start({ focus: true }));
    this.status = h("p", { class: "cs-poster-status", part: "status", role: "status" });
    this.failure = h("div", { class: "cs-poster-failure", hidden: "" });
    this.mountEl = h("div", { class: "cs-mount", part: "mount", hidden: "" });
    this.poster.append(this.figures, this.startButton, this.status, this.failure);
    this.box.append(this.poster, this.mountEl);
    root.replaceChildren(h("link", { rel: "stylesheet", href: asset(FILES.css) }), this.box);
  }

  setState(state) {
    this.box.setAttribute("data-state", state);
  }

  applyTheme() {
    const t = this.attr("theme");
    const dark = t === "dark" || (t !== "light" && pageIsDark());
    this.box?.setAttribute("data-theme", dark ? "dark" : "light");
  }

  /** The box's size: the view's height, or the `height` attribute (CSSOM only). */
  applyBox() {
    const view = this.view;
    this.box.setAttribute("data-view", view);
    this.box.setAttribute("lang", this.lang);
    const px = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(this.attr("height") ?? "");
    const style = this.host.style;
    if (px) style.setProperty("--campaign-sim-height", `${px[1]}px`);
    else style.removeProperty("--campaign-sim-height");
    // The same reservation as campaign-sim-host.css, for a page that does not link it.
    style.setProperty("display", "block");
    style.setProperty("height", `var(--campaign-sim-height, ${VIEW_HEIGHTS[view]}px)`);
  }

  /** The poster's file (a lesson's when the lessons' index lists it). */
  async posterFile() {
    const lang = this.lang;
    const lesson = this.attr("lesson");
    if (lesson && (await listedLesson(lesson, lang))) return `posters/lesson-${lesson}.${lang}.json`;
    if (this.attr("scenario") !== null || this.scenarioObject) return `posters/scenario.${this.view}.${lang}.json`;
    const preset = /^[a-z0-9-]{1,64}$/.test(this.attr("preset") ?? "") ? this.attr("preset") : "weekly-newsletter-recurring";
    return `posters/preset-${preset}.${this.view}.${lang}.json`;
  }

  /** The poster: its words at once, its title and figures once its file is read. */
  async renderPoster() {
    const w = words(this.lang);
    this.startButton.textContent = w.PosterStart;
    if (this.started && !this.failed) this.status.textContent = w.PosterLoading;
    const turn = (this.posterTurn = (this.posterTurn ?? 0) + 1);
    let poster;
    try {
      const file = await this.posterFile();
      if (turn !== this.posterTurn || file === this.posterShown) return;
      poster = JSON.parse(await fetchAsset(file, "poster"));
      this.posterShown = file;
    } catch (e) {
      if (turn !== this.posterTurn) return;
      this.posterShown = null;
      this.heading(w.Title);
      this.figures.replaceChildren();
      this.showFailure(e, false);
      this.poster.setAttribute("data-shown", "");
      return;
    }
    if (turn !== this.posterTurn) return;
    this.heading(poster.title);
    // Each mode's year as the simulator's columns draw it (the same words as the lines,
    // which screen readers read: the columns are for the eye).
    const modes = (poster.modes ?? []).map((m) => {
      const col = h("div", { class: "cs-poster-mode", "data-mode": m.mode });
      col.append(h("span", { class: "cs-poster-mode-label" }, m.label), h("span", { class: "cs-poster-mode-value" }, m.value), h("span", { class: "cs-poster-mode-unit" }, m.unit));
      return col;
    });
    const columns = modes.length ? [h("div", { class: "cs-poster-modes", "aria-hidden": "true" })] : [];
    columns[0]?.append(...modes);
    this.figures.replaceChildren(...columns, ...poster.lines.map((line) => h("p", {}, line)));
    this.poster.setAttribute("data-shown", "");
    if (this.failed?.kind === "poster") this.clearFailure();
  }

  /** The poster's title at the widget's heading level (`none`: not a heading). */
  heading(text) {
    const level = this.attr("heading-level");
    const tag = level === "none" ? "p" : /^[2-6]$/.test(level ?? "") ? `h${level}` : "h2";
    const title = h(tag, { class: "cs-poster-title", part: "title" }, text);
    if (this.title) this.title.replaceWith(title);
    else this.poster.prepend(title);
    this.title = title;
  }

  /** Loads the simulator into this box (once; again after a failure's Retry). */
  start({ focus = false } = {}) {
    if (this.started || !this.host.isConnected) return this.ready;
    this.started = true;
    viewport?.unobserve(this.host);
    this.setState("loading");
    this.clearFailure();
    this.status.textContent = words(this.lang).PosterLoading;
    this.startButton.disabled = true;
    const generation = ++this.generation;
    const cfg = this.config();
    const current = () => generation === this.generation && this.host.isConnected;
    // The simulator mounts as soon as it is here; a missing lesson or French file found
    // meanwhile takes it down again and says so.
    const files = checkFiles(cfg);
    loadBundle().then(
      // The configuration as it is now (attributes may have changed while loading).
      (api) => current() && !this.failed && this.mount(api, this.config(), focus),
      (e) => current() && this.fail(e),
    );
    files.catch((e) => current() && this.fail(e));
    return this.ready;
  }

  mount(api, cfg, focus) {
    this.mountEl.replaceChildren();
    const widget = api.mountWidget(this.mountEl, this.host, cfg);
    this.widget = widget;
    widget.onReady(() => {
      if (this.widget !== widget) return;
      this.isReady = true;
      this.poster.remove();
      this.mountEl.hidden = false;
      this.setState("ready");
      // The page's fallback content ("Loading…") gives way.
      if (!this.prefix) for (const n of [...this.host.childNodes]) n.remove();
      if (focus) this.mountEl.querySelector("button, [tabindex]")?.focus();
      this.resolveReady();
    });
  }

  unmount() {
    this.generation++;
    this.started = false;
    this.dropWidget();
    if (this.box?.getAttribute("data-state") !== "poster") {
      this.startButton.disabled = false;
      this.status.textContent = "";
      this.setState("poster");
    }
  }

  /** The simulator goes; the poster is back in the box. */
  dropWidget() {
    const w = this.widget;
    this.widget = null;
    if (w) {
      w.unmount();
      w.free();
    }
    if (this.isReady || this.mountEl?.hasChildNodes()) {
      this.isReady = false;
      this.newReady();
      this.mountEl.hidden = true;
      this.mountEl.replaceChildren();
      this.box.prepend(this.poster);
    }
  }

  fail(e) {
    if (this.box.getAttribute("data-state") === "failed") return;
    this.dropWidget();
    this.started = false;
    this.startButton.disabled = false;
    this.setState("failed");
    this.showFailure(e, true);
    const problem = { path: e.file ?? FILES.wasm, reason: e.reason ?? String(e.message ?? e), kind: "load", url: e.file ? asset(e.file) : undefined };
    this.host.dispatchEvent(new CustomEvent("campaign-sim-error", { detail: [problem], bubbles: true, composed: true }));
    const error = Object.assign(new Error(`${problem.path}: ${problem.reason}`), { kind: e.kind, file: problem.path });
    this.rejectReady(error);
    this.newReady();
  }

  /** Says, in the box, what did not load and what to check, with Retry. */
  showFailure(e, blocking) {
    const w = words(this.lang);
    const key = { glue: "FailGlue", wasm: "FailWasm", poster: "FailPoster", lesson: "FailLesson", french: "FailFrench", nowasm: "FailNoWasm" }[e.kind] ?? "FailWasm";
    this.failed = e;
    this.status.textContent = fill(w[key], { file: e.file ?? FILES.wasm, reason: e.reason ?? String(e.message ?? e) });
    const retry = h("button", { type: "button", class: "cs-poster-retry", part: "retry", "data-testid": "widget-retry" }, w.PosterRetry);
    retry.addEventListener("click", () => {
      this.clearFailure();
      if (e.kind === "poster") this.renderPoster();
      if (blocking || this.box.getAttribute("data-state") === "failed") this.start({ focus: true });
      else this.setState(this.started ? "loading" : "poster");
    });
    const check = e.kind === "nowasm" ? [] : [h("p", { class: "cs-poster-check" }, w.FailCheck)];
    this.failure.replaceChildren(...check, retry);
    this.failure.hidden = false;
    this.poster.setAttribute("data-shown", "");
    if (!blocking && !this.started) this.setState("poster");
  }

  clearFailure() {
    this.failed = null;
    this.failure.hidden = true;
    this.failure.replaceChildren();
    this.status.textContent = this.started ? words(this.lang).PosterLoading : "";
  }

  /** Attributes changed (several in one task apply once). */
  changedAttribute(name) {
    this.changed.add(name);
    if (this.changed.size > 1) return;
    queueMicrotask(() => {
      const names = [...this.changed];
      this.changed.clear();
      if (!this.box || !this.host.isConnected) return;
      this.applyTheme();
      this.applyBox();
      this.renderPoster();
      if (names.includes("loading") && !this.started) {
        if (this.loading === "eager") this.start();
        else if (this.loading === "lazy") nearViewport().observe(this.host);
        else viewport?.unobserve(this.host);
      }
      const remount = names.some((n) => !LIVE.has(n));
      if (!this.widget) return remount && this.started && this.restart();
      if (remount) return this.restart();
      const w = this.widget;
      const cfg = this.config();
      if (names.includes("lang")) w.setLang(cfg.lang);
      if (names.includes("view")) w.setView(cfg.view ?? "full");
      if (names.includes("heading-level")) w.setHeadingLevel(cfg.headingLevel ?? "2");
      if (names.includes("chrome")) w.setChrome(cfg.chrome ?? "all");
      for (const own of ["theme", "loading", "height"]) if (names.includes(own)) w.checkOption(own, cfg[own] ?? null);
    });
  }

  /** A new preset, scenario or lesson: the simulator starts again, in the same box. */
  restart() {
    this.unmount();
    this.start();
  }

  async call(fn) {
    this.start();
    await this.ready;
    return fn(this.widget);
  }

  get state() {
    return this.isReady && this.widget ? this.widget.state : null;
  }
}

// ---------------------------------------------------------------------------------
// The element.

const widgetOf = (el) => {
  let w = controllers.get(el);
  if (!w) {
    w = new Widget(el, el.localName === TAG ? "" : "data-");
    controllers.set(el, w);
  }
  return w;
};

export class CampaignSim extends HTMLElement {
  static observedAttributes = ATTRIBUTE_NAMES;

  constructor() {
    super();
    widgetOf(this);
  }

  connectedCallback() {
    // Properties set before this module defined the element shadow its accessors:
    // take them back through the setters (web.dev's "upgrade" pattern).
    for (const { property } of ATTRIBUTES) {
      if (Object.prototype.hasOwnProperty.call(this, property)) {
        const v = this[property];
        delete this[property];
        this[property] = v;
      }
    }
    widgetOf(this).connect();
  }

  disconnectedCallback() {
    widgetOf(this).disconnect();
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after) widgetOf(this).changedAttribute(name);
  }

  /** Settles once the simulator shows its first year. */
  get ready() {
    return widgetOf(this).ready;
  }

  /** The widget's state as a plain object (null until ready). */
  get state() {
    return widgetOf(this).state;
  }

  /** Loads the simulator now, whatever `loading` says. */
  load() {
    return widgetOf(this).start();
  }

  play() {
    return widgetOf(this).call((w) => w.play());
  }

  pause() {
    return widgetOf(this).call((w) => w.pause());
  }

  runTo(date) {
    return widgetOf(this).call((w) => w.runTo(date));
  }

  setScenario(doc) {
    return widgetOf(this).call((w) => w.setScenario(doc));
  }

  get scenario() {
    return widgetOf(this).scenarioObject ?? this.getAttribute("scenario");
  }

  set scenario(doc) {
    const w = widgetOf(this);
    if (doc !== null && typeof doc === "object") {
      w.scenarioObject = doc;
      w.changedAttribute("scenario");
    } else {
      w.scenarioObject = undefined;
      if (doc === null || doc === undefined) this.removeAttribute("scenario");
      else this.setAttribute("scenario", String(doc));
    }
  }
}

// Properties mirroring the attributes (`readOnly` ↔ `read-only`), from the API list.
for (const { name, property, kind } of ATTRIBUTES) {
  if (kind === "json") continue;
  Object.defineProperty(CampaignSim.prototype, property, {
    configurable: true,
    enumerable: true,
    get() {
      const v = this.getAttribute(name);
      return kind === "boolean" ? v !== null && v !== "false" : v;
    },
    set(v) {
      if (kind === "boolean") {
        if (v) this.setAttribute(name, "");
        else if (name === "compact") this.setAttribute(name, "false");
        else this.removeAttribute(name);
      } else if (v === null || v === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(v));
    },
  });
}

// ---------------------------------------------------------------------------------
// Markdown fences and [data-campaign-sim] hosts.

const FENCE = "language-campaign-sim";

/** A fence's `key: value` lines as the element's attributes. */
export function fenceAttributes(text) {
  const attrs = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^([A-Za-z][\w-]*)\s*[:=]\s*(.*)$/.exec(line);
    if (!m) {
      console.warn(`campaign-sim: a fence line is not "key: value": ${line.slice(0, 60)}`);
      continue;
    }
    let key = m[1].toLowerCase();
    if (key === "readonly") key = "read-only";
    if (key === "headinglevel") key = "heading-level";
    let value = m[2].trim();
    // A scenario document may go on over the next lines.
    if (key === "scenario" && value.startsWith("{")) {
      value = [value, ...lines.slice(i + 1)].join("\n").trim();
      i = lines.length;
    }
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    if (ATTRIBUTE_NAMES.includes(key)) attrs[key] = value;
    else console.warn(`campaign-sim: "${key}" is not an attribute of the widget (${ATTRIBUTE_NAMES.join(", ")})`);
  }
  return attrs;
}

/** The fence's whole block: the outermost element carrying the class, or its <pre>. */
function fenceBlock(el) {
  let block = el;
  for (let p = el.parentElement; p; p = p.parentElement) if (p.classList.contains(FENCE)) block = p;
  if (block.localName === "code" && block.parentElement?.localName === "pre") block = block.parentElement;
  return block;
}

/** Replaces every fence of language campaign-sim under `root` with a <campaign-sim>. */
export function upgradeFences(root = document) {
  const found = root.nodeType === 1 && root.classList.contains(FENCE) ? [root] : [];
  found.push(...(root.querySelectorAll?.(`.${FENCE}`) ?? []));
  for (const el of found) {
    if (!el.isConnected && root === document) continue;
    const block = fenceBlock(el);
    if (!block.parentNode) continue;
    const code = block.localName === "code" ? block : (block.querySelector("code") ?? block);
    const widget = document.createElement(TAG);
    for (const [k, v] of Object.entries(fenceAttributes(code.textContent))) widget.setAttribute(k, v);
    block.replaceWith(widget);
  }
}

const DATA_HOST = "[data-campaign-sim]";
const dataHostsIn = (node) => (node.nodeType !== 1 ? [] : [...(node.matches(DATA_HOST) ? [node] : []), ...node.querySelectorAll(DATA_HOST)]);

function watchDocument() {
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") {
        const host = r.target;
        if (!host.hasAttribute("data-campaign-sim")) {
          controllers.get(host)?.disconnect();
          continue;
        }
        if (!controllers.has(host)) widgetOf(host).connect();
        else if (r.attributeName !== "data-campaign-sim") widgetOf(host).changedAttribute(r.attributeName.slice(5));
        continue;
      }
      for (const n of r.removedNodes) for (const host of dataHostsIn(n)) controllers.get(host)?.disconnect();
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        upgradeFences(n);
        for (const host of dataHostsIn(n)) if (host.isConnected) widgetOf(host).connect();
      }
    }
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-campaign-sim", ...ATTRIBUTE_NAMES.map((n) => `data-${n}`)],
  });
}

if (!customElements.get(TAG)) customElements.define(TAG, CampaignSim);
upgradeFences(document);
for (const host of document.querySelectorAll(DATA_HOST)) widgetOf(host).connect();
watchDocument();
