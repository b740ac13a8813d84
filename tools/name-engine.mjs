// Run by Trunk after each build (Trunk.toml [[hooks]], post_build; `trunk serve` too), in its
// staging directory: gives the worker's WebAssembly module content-hashed file names, as Trunk
// gives the page's, and writes them into index.html.
//
// Trunk 0.21 names a `data-type="worker"` module after its binary (engine.js, engine_bg.wasm),
// without a hash, because a worker usually loads it by a fixed name. Here the page loads it and
// needs the names: hashed, they are cached as immutable like every other hashed file, and a new
// build of the worker alone gives the service worker a new version (public/sw.js, boot.js).
//
//   engine.js       → engine-<hash>.js        (its default wasm URL rewritten to match)
//   engine_bg.wasm  → engine-<hash>_bg.wasm
//   <meta name="oj-engine">  → <meta name="oj-engine" data-oj-js="./engine-<hash>.js" data-oj-wasm="./engine-<hash>_bg.wasm">
//
// <hash>: the first 16 hex digits of SHA-256 over both files (the pattern the README's cache
// rule and sw.js recognise).
import { createHash } from "node:crypto";
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const stage = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL ?? "./";
if (!stage) {
  console.error("name-engine.mjs: TRUNK_STAGING_DIR is not set (run by trunk build / trunk serve)");
  process.exit(1);
}

const js = readFileSync(join(stage, "engine.js"), "utf8");
const wasm = readFileSync(join(stage, "engine_bg.wasm"));
const hash = createHash("sha256").update(wasm).update(js).digest("hex").slice(0, 16);
const names = { js: `engine-${hash}.js`, wasm: `engine-${hash}_bg.wasm` };

writeFileSync(join(stage, names.js), js.replaceAll("engine_bg.wasm", names.wasm));
renameSync(join(stage, "engine_bg.wasm"), join(stage, names.wasm));
unlinkSync(join(stage, "engine.js"));

const htmlPath = join(stage, "index.html");
const html = readFileSync(htmlPath, "utf8");
const placeholder = /<meta name="oj-engine">/;
if (!placeholder.test(html)) {
  console.error('name-engine.mjs: index.html has no <meta name="oj-engine"> to fill');
  process.exit(1);
}
writeFileSync(
  htmlPath,
  html.replace(placeholder, `<meta name="oj-engine" data-oj-js="${base}${names.js}" data-oj-wasm="${base}${names.wasm}">`),
);
console.log(`name-engine.mjs: ${names.js}, ${names.wasm}`);
