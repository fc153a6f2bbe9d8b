// <campaign-sim>: the simulator as a custom element, the standard way to embed it.
//
//   <link rel="stylesheet" href="main.css">
//   <campaign-sim preset="weekly-newsletter-recurring" view="compare" lang="fr"></campaign-sim>
//   <script type="module" src="campaign-sim.js"></script>
//
// An external module (a strict Content-Security-Policy allows it; see the README). It
// loads the wasm once (which also mounts every [data-campaign-sim] element of the page)
// and defines the element, whose attributes are the embed options: preset, scenario,
// lang, view, compact, autoplay, instant, read-only, lesson. Changing one remounts the
// widget with the new configuration (several changes in one task remount it once);
// removing the element unmounts the widget and frees its memory (liveInstances() in
// campaign-sim-widget.js, the widget bundle, counts the widgets still alive); each element is an independent
// instance. A bad attribute is shown inside the element, naming the attribute
// (`view: "nope" is not a view (full, compare, workflow, logs)`), logged as a console
// warning and sent as a `campaign-sim:error` event; the widget still runs with the
// default for what was wrong.
import init, { mountElement, liveInstances } from "./campaign-sim-widget.js";

const ready = init();

/** The attributes the element reads (every other attribute is the host page's). */
export const ATTRIBUTES = ["preset", "scenario", "lang", "view", "compact", "autoplay", "instant", "read-only", "lesson"];

export class CampaignSim extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  /** The mounted widget (the embed API's handle), or null. */
  #widget = null;
  /** An attribute changed since the widget was mounted. */
  #changed = false;
  #scheduled = false;

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#schedule();
  }

  attributeChangedCallback(_name, before, after) {
    if (before === after) return;
    this.#changed = true;
    this.#schedule();
  }

  /** The embed API's handle (play, pause, runTo, setScenario), once mounted. */
  get widget() {
    return this.#widget;
  }

  // Applied once the wasm is ready, after the current script: the attributes set
  // together remount once, and an element moved within the page (removed and inserted
  // in one go) keeps its widget and state.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    ready.then(
      () =>
        queueMicrotask(() => {
          this.#scheduled = false;
          this.#sync();
        }),
      (e) => console.error("campaign-sim: the module did not load", e),
    );
  }

  #sync() {
    if (!this.isConnected) {
      this.#unmount();
    } else if (this.#widget === null || this.#changed) {
      this.#unmount();
      this.#changed = false;
      this.#widget = mountElement(this);
    }
  }

  #unmount() {
    if (this.#widget === null) return;
    const widget = this.#widget;
    this.#widget = null;
    widget.unmount();
    widget.free();
  }
}

if (!customElements.get("campaign-sim")) customElements.define("campaign-sim", CampaignSim);

export { ready, liveInstances };
