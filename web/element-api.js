// The <campaign-sim> element's public API, as data: the one list the element reads
// (its observedAttributes, its properties, the events it dispatches) and the one list
// scripts/gen-manifest.mjs turns into custom-elements.json (the Custom Elements
// Manifest of the npm package). Change the element here, and both follow.

/** The element's tag. */
export const TAG = "campaign-sim";

/**
 * Attributes, each mirrored by a property (`read-only` ↔ `readOnly`). `kind` says how
 * the property reads it: "string" (the attribute's text), "boolean" (present and not
 * "false"), "json" (the property also takes an object; the attribute holds JSON text).
 * `live`: a change applies in place, keeping the clock and the selection; otherwise the
 * widget simulates again (a new preset or scenario) or is mounted again.
 */
export const ATTRIBUTES = [
  { name: "preset", property: "preset", kind: "string", type: '"weekly-newsletter-recurring" | "birthday-daily-recurring" | "welcome-continuous-incremental" | "several-workflows-one-base"', default: '"weekly-newsletter-recurring"', description: "The scenario to start with (when no `scenario` is given)." },
  { name: "scenario", property: "scenario", kind: "json", type: "string | object", description: "A scenario document instead of a preset: JSON text in the attribute, or an object through the property." },
  { name: "lesson", property: "lesson", kind: "string", type: "string", description: "A guided lesson to open (an id of lessons/index.en.json, e.g. `q1-deliveries`)." },
  { name: "lang", property: "lang", kind: "string", type: '"en" | "fr"', default: "the closest ancestor's `lang`, else \"en\"", live: true, description: "The widget's language." },
  { name: "view", property: "view", kind: "string", type: '"full" | "compare" | "workflow" | "logs"', default: '"full"', live: true, description: "Which panels the widget shows; also its box's height." },
  { name: "theme", property: "theme", kind: "string", type: '"light" | "dark" | "auto"', default: '"auto"', live: true, description: "Colours. `auto` follows the host page's dark switch (Docusaurus, mkdocs-material, mdBook, a `.dark` class), else `prefers-color-scheme`." },
  { name: "loading", property: "loading", kind: "string", type: '"lazy" | "click" | "eager"', default: '"lazy"', live: true, description: "When the simulator loads: about one screen before the widget scrolls into view, on its start button only, or at once." },
  { name: "height", property: "height", kind: "string", type: "string", default: "the view's height", live: true, description: "The box's height in px (`520` or `520px`); content taller than the box scrolls inside it." },
  { name: "compact", property: "compact", kind: "boolean", type: "boolean", default: "true except for the full view", description: "Narrow layout." },
  { name: "autoplay", property: "autoplay", kind: "boolean", type: "boolean", default: "false", description: "Start playing once simulated (never under `prefers-reduced-motion: reduce`)." },
  { name: "instant", property: "instant", kind: "string", type: "string", description: "The initial simulated instant: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (the scenario's zone) or `end`." },
  { name: "read-only", property: "readOnly", kind: "boolean", type: "boolean", default: "false", description: "Hide the scenario editors." },
  { name: "chrome", property: "chrome", kind: "string", type: "string", default: '"all"', live: true, description: 'The widget\'s own header parts to show: "all", "none", or a list of `title`, `tagline`, `lang`, `preset`.' },
  { name: "heading-level", property: "headingLevel", kind: "string", type: '"2" | "3" | "4" | "5" | "6" | "none"', default: '"2"', live: true, description: "The level of the widget's own title (and of the poster's), to fit the host's outline." },
];

/** Properties that are not attributes. */
export const PROPERTIES = [
  { name: "ready", type: "Promise<void>", readonly: true, description: "Resolves once the simulator shows its first year (a lazy widget loads when it nears the viewport, or on `load()`); rejects with an Error naming the file when it did not load (read it again after Retry)." },
  { name: "state", type: "object | null", readonly: true, description: "The widget's state as a plain object ({clock, mode, delivery, lesson, step, figures}); null until ready." },
];

/** Methods. Each one loads the simulator first if it is not loaded yet. */
export const METHODS = [
  { name: "load", return: "Promise<void>", description: "Loads the simulator now (whatever `loading` says); resolves as `ready`." },
  { name: "play", return: "Promise<void>", description: "Starts playback." },
  { name: "pause", return: "Promise<void>", description: "Pauses playback." },
  { name: "runTo", parameters: [{ name: "date", type: "string" }], return: "Promise<void>", description: "Moves the clock to a local date or date-time (the scenario's zone) or an RFC 3339 instant; settles once the clock is there." },
  { name: "setScenario", parameters: [{ name: "doc", type: "object | string" }], return: "Promise<void>", description: "Replaces the scenario and simulates it." },
];

/** Events, dispatched from the element (bubbling, composed). */
export const EVENTS = [
  { name: "campaign-sim-ready", detail: "{state}", description: "The first year is on screen." },
  { name: "campaign-sim-execution", detail: "{at, scheduled, caughtUp, targeted}", description: "The clock passed an execution." },
  { name: "campaign-sim-delivery", detail: "{mode, id, label, created, contentVersion}", description: "A delivery was created, per mode." },
  { name: "campaign-sim-finished", detail: "{recurring, continuous, aggregated?}: each mode's totals", description: "The clock reached the end of the year." },
  { name: "campaign-sim-change", detail: "{what, state}", description: "The reader changed something (mode, delivery, preset, language …)." },
  { name: "campaign-sim-lesson-step", detail: "{lesson, step, steps}", description: "A lesson step is shown." },
  { name: "campaign-sim-lesson-complete", detail: "{lesson, steps, answers?}", description: "The reader finished a lesson." },
  { name: "campaign-sim-answer", detail: "{lesson, step, answer, correct}", description: "The reader answered a lesson's question." },
  { name: "campaign-sim-error", detail: "[{path, reason, kind?, url?}]", description: "A bad option (kind \"config\"), or a file that did not load (kind \"load\": the box says so, with Retry)." },
];

/** CSS custom properties a host may set (on the element or any ancestor). */
export const CSS_PROPERTIES = [
  { name: "--campaign-sim-accent", description: "Buttons, links and the selection." },
  { name: "--campaign-sim-recurring", description: "The recurring mode's colour." },
  { name: "--campaign-sim-continuous", description: "The continuous mode's colour." },
  { name: "--campaign-sim-aggregated", description: "The aggregated mode's colour." },
  { name: "--campaign-sim-bg", description: "The box's background." },
  { name: "--campaign-sim-fg", description: "Text." },
  { name: "--campaign-sim-muted", description: "Secondary text." },
  { name: "--campaign-sim-surface", description: "Cards, panels and table headers." },
  { name: "--campaign-sim-line", description: "Borders and rules." },
  { name: "--campaign-sim-focus", description: "The keyboard focus ring." },
  { name: "--campaign-sim-font", description: "The font family." },
  { name: "--campaign-sim-mono-font", description: "The monospace font family." },
  { name: "--campaign-sim-font-size", description: "The base font size, in px (15px)." },
  { name: "--campaign-sim-radius", description: "Corner radius of the box (8px)." },
  { name: "--campaign-sim-height", description: "The box's height (the `height` attribute sets it; default: the view's)." },
];

/**
 * Shadow parts (`campaign-sim::part(poster)`). `from: "element"` parts exist in every
 * widget; `from: "views"` parts are on the simulator's panels.
 */
export const PARTS = [
  { name: "box", from: "element", description: "The widget's fixed-size box." },
  { name: "poster", from: "element", description: "The poster shown until the simulator is ready." },
  { name: "title", from: "element", description: "The poster's title." },
  { name: "figures", from: "element", description: "The poster's headline figures." },
  { name: "start", from: "element", description: "The poster's start button." },
  { name: "status", from: "element", description: "The poster's loading or failure line." },
  { name: "retry", from: "element", description: "The Retry button of a failure." },
  { name: "mount", from: "element", description: "Where the simulator mounts." },
  { name: "header", from: "views", description: "The simulator's header (title, tagline, language, preset)." },
  { name: "controls", from: "views", description: "Playback controls and the clock." },
  { name: "compare", from: "views", description: "The side-by-side comparison." },
  { name: "workflow", from: "views", description: "The workflow canvas and journal." },
  { name: "explorer", from: "views", description: "The delivery explorer and logs." },
  { name: "lesson", from: "views", description: "A lesson's panel." },
];

/** The exports of campaign-sim.js (the manifest lists them too). */
export const EXPORTS = [
  { name: "CampaignSim", kind: "class", description: "The element's class." },
  { name: "setBasePath", kind: "function", description: "Where the widget's files are (default: next to campaign-sim.js)." },
  { name: "liveInstances", kind: "function", description: "How many widgets still hold their state." },
  { name: "upgradeFences", kind: "function", description: "Replaces the Markdown fences of language campaign-sim under a node (done for the page by itself)." },
];

/**
 * Each view's box height in px (the `height` attribute overrides it). The host
 * stylesheet (style/campaign-sim-host.css) reserves the same heights before any script
 * runs; `make lint` checks that they agree.
 */
export const VIEW_HEIGHTS = { full: 900, compare: 720, workflow: 720, logs: 760 };

/** The property name of an attribute (`read-only` → `readOnly`). */
export const propertyOf = (name) => ATTRIBUTES.find((a) => a.name === name)?.property ?? name;

/** The attribute names (the element's observedAttributes). */
export const ATTRIBUTE_NAMES = ATTRIBUTES.map((a) => a.name);

/** The event names. */
export const EVENT_NAMES = EVENTS.map((e) => e.name);
