#!/usr/bin/env node
// Writes FILE.br (brotli, quality 11, Node's own zlib) next to every .wasm, .js and .css
// file at the top of DIR, for hosts that serve pre-compressed files.
// usage: node scripts/compress.mjs DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] ?? "dist";
let n = 0;
for (const name of fs.readdirSync(dir)) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const file = path.join(dir, name);
  const data = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: name.endsWith(".wasm") ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  fs.writeFileSync(`${file}.br`, br);
  n++;
}
console.log(`compress: ${n} .br files in ${dir}`);
