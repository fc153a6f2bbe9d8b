// The widget pages' loader (embed.html, any documentation page): an external module,
// so the page runs under a strict Content-Security-Policy (no inline script). It loads
// the widget bundle (campaign-sim-widget.js + _bg.wasm, built without the full page's
// parts; README "Embedding"); init() mounts every [data-campaign-sim] element.
import init from "./campaign-sim-widget.js";

await init();
