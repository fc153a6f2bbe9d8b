#!/usr/bin/env node
// custom-elements.json (the Custom Elements Manifest, schema 2.1.0) of the npm package,
// generated from web/element-api.js — the list the element itself reads for its
// observedAttributes, properties and events — so the manifest cannot drift from it.
// usage: node scripts/gen-manifest.mjs [OUT]   (default: print to standard output)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function manifest() {
  const api = await import(pathToFileURL(path.join(root, "web/element-api.js")).href);
  const module = "campaign-sim.js";
  const typeOf = (a) => ({ text: a.kind === "boolean" ? "boolean" : a.type });
  const element = {
    kind: "class",
    name: "CampaignSim",
    tagName: api.TAG,
    customElement: true,
    superclass: { name: "HTMLElement" },
    description:
      "A year of an email-campaign targeting workflow, recurring vs continuous deliveries. Shows a poster (real text, from the engine) until the simulator is ready, in a box of a fixed size; loads the simulator once per page, when a widget needs it.",
    attributes: api.ATTRIBUTES.map((a) => ({
      name: a.name,
      fieldName: a.property,
      type: typeOf(a),
      ...(a.default ? { default: a.default } : {}),
      description: a.description + (a.live ? " Changes in place." : ""),
    })),
    members: [
      ...api.ATTRIBUTES.map((a) => ({
        kind: "field",
        name: a.property,
        type: a.kind === "json" ? { text: "object | string | null" } : typeOf(a),
        attribute: a.name,
        reflects: a.kind !== "json",
        description: a.description,
      })),
      ...api.PROPERTIES.map((p) => ({ kind: "field", name: p.name, type: { text: p.type }, readonly: p.readonly, description: p.description })),
      ...api.METHODS.map((m) => ({
        kind: "method",
        name: m.name,
        ...(m.parameters ? { parameters: m.parameters.map((p) => ({ name: p.name, type: { text: p.type } })) } : {}),
        return: { type: { text: m.return } },
        description: m.description,
      })),
    ],
    events: api.EVENTS.map((e) => ({ name: e.name, type: { text: "CustomEvent" }, description: `${e.description} detail: ${e.detail}. Bubbles, composed.` })),
    cssProperties: api.CSS_PROPERTIES.map((p) => ({ name: p.name, description: p.description })),
    cssParts: api.PARTS.map((p) => ({ name: p.name, description: p.description + (p.from === "views" ? " (on the simulator, once ready)" : "") })),
  };
  const functions = api.EXPORTS.filter((e) => e.kind === "function").map((e) => ({ kind: "function", name: e.name, description: e.description }));
  return {
    schemaVersion: "2.1.0",
    readme: "README.md",
    modules: [
      {
        kind: "javascript-module",
        path: module,
        declarations: [element, ...functions],
        exports: [
          ...api.EXPORTS.map((e) => ({ kind: "js", name: e.name, declaration: { name: e.name, module } })),
          { kind: "custom-element-definition", name: api.TAG, declaration: { name: "CampaignSim", module } },
        ],
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = JSON.stringify(await manifest(), null, 2) + "\n";
  if (process.argv[2]) fs.writeFileSync(process.argv[2], text);
  else process.stdout.write(text);
}
