// The pages' loader (index.html, embed.html): an external module, so the pages run
// under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no
// inline script). Trunk does not inject its inline loader (`inject_scripts = false` in
// Trunk.toml); this file does what it did. init() fetches campaign-sim-web_bg.wasm next
// to the glue and runs the entry point: the full page on #app, then every
// [data-campaign-sim] widget.
import init, * as bindings from "./campaign-sim-web.js";

await init();
// The exports, for the browser benchmark and the console (as Trunk's loader did).
window.wasmBindings = bindings;
