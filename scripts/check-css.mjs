#!/usr/bin/env node
// The widget's stylesheets follow their rules (make lint runs this; it fails the build):
//   style/campaign-sim.css
//   - no colour outside the theme's token blocks (a rule that only defines --cs-*
//     custom properties and color-scheme);
//   - no rem (the host's root font size must not reach inside the widget);
//   - every selector scoped under .cs, .cs-* or :host;
//   - text tokens of both themes at a contrast of 4.5:1 or more on their backgrounds;
//   style/campaign-sim-host.css
//   - only campaign-sim / [data-campaign-sim] selectors, no colour, no rem;
//   - each view's reserved height equal to web/element-api.js's VIEW_HEIGHTS.
// usage: node scripts/check-css.mjs        (prints what it checked, exits 1 on a problem)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { VIEW_HEIGHTS } = await import(path.join(root, "web/element-api.js"));
const problems = [];

// CSS Color 4 named colours (and the system colours a stylesheet might sneak in).
const NAMED = `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown
burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray
dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green
greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon
lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon
lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta
maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen
mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab
orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna
silver skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet
wheat white whitesmoke yellow yellowgreen canvas canvastext linktext visitedtext activetext buttonface buttontext
buttonborder field fieldtext highlight highlighttext mark marktext graytext accentcolor accentcolortext`.split(/\s+/);
const COLOUR = new RegExp(`#[0-9a-f]{3,8}\\b|\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix)\\(|\\b(?:${NAMED.join("|")})\\b`, "i");

/** Rules of a stylesheet, @media / @container bodies flattened: {selector, decls, line}. */
function rules(text) {
  const out = [];
  const src = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  const stack = [];
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "{") {
      stack.push({ head: src.slice(start, i).trim(), at: i });
      start = i + 1;
    } else if (c === "}") {
      const open = stack.pop();
      const body = src.slice(start, i);
      if (open && !open.head.startsWith("@")) {
        const decls = body
          .split(";")
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => {
            const k = d.indexOf(":");
            return { prop: d.slice(0, k).trim(), value: d.slice(k + 1).trim() };
          });
        out.push({ selector: open.head, decls, line: src.slice(0, open.at).split("\n").length });
      }
      start = i + 1;
    }
  }
  return out;
}

const splitSelectors = (s) => {
  const parts = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "(" || c === "[") depth++;
    if (c === ")" || c === "]") depth--;
    if (c === "," && depth === 0) {
      parts.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  parts.push(cur.trim());
  return parts;
};

const isTokenBlock = (r) => r.decls.length > 0 && r.decls.every((d) => d.prop.startsWith("--cs-") || d.prop === "color-scheme");

function checkCommon(file, list, scoped) {
  for (const r of list) {
    for (const d of r.decls) {
      if (/\d(?:\.\d+)?rem\b/.test(d.value)) problems.push(`${file}:${r.line}: ${d.prop}: ${d.value} — rem follows the host's root font; use px`);
      if (!isTokenBlock(r) && COLOUR.test(d.value.replace(/--[\w-]+/g, ""))) problems.push(`${file}:${r.line}: ${r.selector} { ${d.prop}: ${d.value} } — a colour outside the theme's token blocks`);
    }
    for (const sel of splitSelectors(r.selector)) {
      if (!scoped.test(sel)) problems.push(`${file}:${r.line}: "${sel}" is not scoped`);
    }
  }
}

// ---- the widget's stylesheet
const widgetFile = "style/campaign-sim.css";
const widget = rules(fs.readFileSync(path.join(root, widgetFile), "utf8"));
checkCommon(widgetFile, widget, /\.cs\b|\.cs-|:host/);

/** The tokens of the block whose selector list starts with `first`, as hex colours. */
function tokens(first) {
  const block = widget.find((r) => isTokenBlock(r) && splitSelectors(r.selector)[0] === first);
  if (!block) {
    problems.push(`${widgetFile}: no token block ${first}`);
    return {};
  }
  const t = {};
  for (const d of block.decls) {
    const hex = /#[0-9a-f]{3,6}\b/i.exec(d.value);
    if (hex) t[d.prop] = hex[0];
  }
  return t;
}
const light = tokens(".cs-box");
const dark = { ...light, ...tokens('.cs-box[data-theme="dark"]') };

const rgb = (hex) => {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
};
const luminance = (hex) => {
  const [r, g, b] = rgb(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
// Text on background, as the stylesheet pairs them.
const PAIRS = [
  ["fg", "bg"], ["muted", "bg"], ["fg", "surface"], ["muted", "surface"], ["fg", "head"], ["accent", "bg"],
  ["on-accent", "accent"], ["on-accent", "accent-strong"], ["error", "bg"], ["selected-fg", "selected"],
  ["selected-fg", "selected-hover"], ["row-failed", "bg"], ["row-ignored", "bg"], ["error-fg", "error-bg"],
  ["ok", "bg"], ["lesson-q", "lesson-bg"], ["muted", "lesson-bg"], ["fg", "lesson-bg"], ["fg", "mark"],
  ["fg", "diff"], ["fork-fg", "fork-bg"], ["muted", "node"], ["selected-fg", "node"], ["fg", "control-bg"],
  ["accent", "surface"], ["muted", "hover"], ["panic-fg", "panic-bg"], ["error", "surface"], ["muted", "selected"],
];
let pairs = 0;
for (const [name, theme] of [["light", light], ["dark", dark]]) {
  for (const [fg, bg] of PAIRS) {
    const a = theme[`--cs-${fg}`];
    const b = theme[`--cs-${bg}`];
    if (!a || !b) {
      problems.push(`${widgetFile}: ${name} theme lacks --cs-${a ? bg : fg}`);
      continue;
    }
    pairs++;
    const c = contrast(a, b);
    if (c < 4.5) problems.push(`${widgetFile}: ${name} theme: --cs-${fg} ${a} on --cs-${bg} ${b} is ${c.toFixed(2)}:1 (< 4.5)`);
  }
}

// ---- the host's stylesheet
const hostFile = "style/campaign-sim-host.css";
const host = rules(fs.readFileSync(path.join(root, hostFile), "utf8"));
checkCommon(hostFile, host, /^campaign-sim\b|^\[data-campaign-sim\]/);
for (const [view, px] of Object.entries(VIEW_HEIGHTS)) {
  const rule = host.find((r) => splitSelectors(r.selector).includes(`campaign-sim[view="${view}"]`));
  const decl = rule?.decls.find((d) => d.prop === "--campaign-sim-view-height");
  if (decl?.value !== `${px}px`) problems.push(`${hostFile}: campaign-sim[view="${view}"] reserves ${decl?.value ?? "nothing"}, element-api.js says ${px}px`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`check-css: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`check-css: ${widget.length} + ${host.length} rules scoped, colours only in token blocks, no rem; ${pairs} text/background pairs ≥ 4.5:1 in both themes; view heights agree`);
