// Builds the map page into dist/: one bundled script, one stylesheet, the HTML page.
// The output is deterministic, so a rebuild of unchanged sources leaves git clean.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

const here = new URL(".", import.meta.url);
const out = new URL("dist/", here);

await mkdir(out, { recursive: true });
await build({
  entryPoints: [new URL("src/main.js", here).pathname],
  outfile: new URL("map.js", out).pathname,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  logLevel: "warning",
});
await build({
  entryPoints: [new URL("src/map.css", here).pathname],
  outfile: new URL("map.css", out).pathname,
  bundle: true,
  minify: true,
  logLevel: "warning",
});
await copyFile(new URL("src/map.html", here), new URL("map.html", out));
console.log("built web/dist: map.html, map.js, map.css");
