// The standalone page's loader (index.html): an external module, so the page runs under
// a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no inline
// script). Trunk does not inject its inline loader (`inject_scripts = false` in
// Trunk.toml); this file does what it did: init() fetches campaign-sim-web_bg.wasm next
// to the glue and runs the entry point, the full page on #app.
//
// When the glue or the wasm does not load (or the browser has no WebAssembly), the page
// says so where the simulator would be, in the page's language, with what to check and
// a Retry button (the same words as a widget's box: element-words.js).
import { WORDS } from "./element-words.js";

const app = document.getElementById("app");
const lang = /^fr\b/i.test(document.documentElement.lang) ? "fr" : "en";
const words = WORDS[lang] ?? WORDS.en;
const fill = (text, args) => text.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
let attempt = 0;

async function start() {
  if (typeof WebAssembly !== "object") throw Object.assign(new Error("WebAssembly"), { key: "FailNoWasm" });
  let bindings;
  try {
    // A failed module import stays failed for its URL: a retry asks again under another.
    const url = new URL("./campaign-sim-web.js", import.meta.url);
    if (attempt) url.search = `?retry=${attempt}`;
    bindings = await import(url.href);
  } catch (e) {
    const res = await fetch("./campaign-sim-web.js", { method: "HEAD" }).catch(() => null);
    throw Object.assign(e, { key: "FailGlue", file: "campaign-sim-web.js", reason: res && !res.ok ? `HTTP ${res.status}` : e.message });
  }
  try {
    await bindings.default();
  } catch (e) {
    const status = /\b(\d{3})\b/.exec(e.message)?.[1];
    throw Object.assign(e, { key: "FailWasm", file: "campaign-sim-web_bg.wasm", reason: status ? `HTTP ${status}` : e.message });
  }
  // The exports, for the browser benchmark and the console (as Trunk's loader did).
  window.wasmBindings = bindings;
}

function fail(e) {
  const box = document.createElement("div");
  box.className = "cs cs-start-failure";
  box.setAttribute("role", "alert");
  box.setAttribute("data-testid", "start-failure");
  const message = document.createElement("p");
  message.className = "cs-error";
  message.textContent = fill(words[e.key] ?? words.FailWasm, { file: e.file ?? "campaign-sim-web_bg.wasm", reason: e.reason ?? e.message });
  const check = document.createElement("p");
  check.textContent = words.FailCheck;
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "cs-primary";
  retry.setAttribute("data-testid", "start-retry");
  retry.textContent = words.PosterRetry;
  retry.addEventListener("click", () => {
    attempt++;
    box.remove();
    start().catch(fail);
  });
  box.append(message, ...(e.key === "FailNoWasm" ? [] : [check]), retry);
  app.replaceChildren(box);
}

start().catch(fail);
