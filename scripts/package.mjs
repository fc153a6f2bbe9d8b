#!/usr/bin/env node
// The npm package of the widget (`make package`, after the release build): the files a
// documentation page needs and nothing else, in target/package/campaign-sim/, packed by
// `npm pack` into target/package/campaign-sim-<version>.tgz.
//
//   campaign-sim.js             the element's module (bundled, minified)
//   campaign-sim.css            the widget's stylesheet (each shadow root links it)
//   campaign-sim-host.css       the page's box reservation (optional, zero shift)
//   campaign-sim-widget.js      the widget bundle: glue …
//   campaign-sim-widget_bg.wasm …and wasm (not the full page's campaign-sim-web.*)
//   lessons/ i18n/ posters/     fetched when a widget needs them
//   custom-elements.json        the Custom Elements Manifest (scripts/gen-manifest.mjs)
// usage: node scripts/package.mjs [DIST]
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { manifest } from "./gen-manifest.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(process.argv[2] ?? path.join(root, "dist"));
const out = path.join(root, "target", "package");
const stage = path.join(out, "campaign-sim");
const version = /^version\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(path.join(root, "Cargo.toml"), "utf8"))[1];

const FILES = ["campaign-sim.js", "campaign-sim.css", "campaign-sim-host.css", "campaign-sim-widget.js", "campaign-sim-widget_bg.wasm"];
const DIRS = ["lessons", "i18n", "posters"];

for (const f of [...FILES, ...DIRS]) {
  if (!fs.existsSync(path.join(dist, f))) {
    console.error(`package: ${path.join(dist, f)} is missing (run make build)`);
    process.exit(1);
  }
}
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
for (const f of FILES) fs.copyFileSync(path.join(dist, f), path.join(stage, f));
for (const d of DIRS) fs.cpSync(path.join(dist, d), path.join(stage, d), { recursive: true });
fs.writeFileSync(path.join(stage, "custom-elements.json"), JSON.stringify(await manifest(), null, 2) + "\n");

const pkg = {
  name: "campaign-sim",
  version,
  description: "A year of an email-campaign workflow, recurring vs continuous deliveries: the <campaign-sim> element for documentation pages and courses (WebAssembly).",
  license: "MIT",
  type: "module",
  main: "./campaign-sim.js",
  module: "./campaign-sim.js",
  exports: {
    ".": "./campaign-sim.js",
    "./campaign-sim.js": "./campaign-sim.js",
    "./campaign-sim.css": "./campaign-sim.css",
    "./campaign-sim-host.css": "./campaign-sim-host.css",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json",
  },
  customElements: "custom-elements.json",
  files: [...FILES, ...DIRS.map((d) => `${d}/`), "custom-elements.json"],
  sideEffects: ["./campaign-sim.js"],
  keywords: ["web-component", "custom-element", "email", "campaign", "simulator", "webassembly", "documentation"],
};
fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
fs.writeFileSync(
  path.join(stage, "README.md"),
  `# campaign-sim ${version}

The \`<campaign-sim>\` element: a year of an email-campaign targeting workflow, recurring vs
continuous deliveries, for documentation pages and courses.

\`\`\`html
<campaign-sim preset="weekly-newsletter-recurring" view="compare"></campaign-sim>
<script type="module" src="node_modules/campaign-sim/campaign-sim.js"></script>
\`\`\`

or, through an import map, \`import "campaign-sim";\`. Every other file (the widget bundle,
its stylesheet, lessons/, i18n/, posters/) is found next to campaign-sim.js; serve the
folder as it is, or call \`setBasePath(url)\`. A Markdown fence of language
\`campaign-sim\` becomes a widget too. Attributes, properties, methods, events, CSS custom
properties and parts: custom-elements.json.
`,
);
for (const f of fs.readdirSync(out)) if (/^campaign-sim-.*\.tgz$/.test(f)) fs.rmSync(path.join(out, f));
const packed = execFileSync("npm", ["pack", "--pack-destination", out, "--json", "--silent"], { cwd: stage, encoding: "utf8" });
const [info] = JSON.parse(packed);
console.log(`package: target/package/${info.filename}: ${info.entryCount} files, ${info.size} B packed, ${info.unpackedSize} B unpacked`);
