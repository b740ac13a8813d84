// The two WebAssembly modules hold what they should: the page's none of the code that reads or
// writes workbooks (calamine, zip, quick-xml, encoding_rs, rust_xlsxwriter), the worker's none of
// the UI (Leptos: tachys, reactive_graph). Read from the function names in cargo's own output of
// the release build (tests/bench/wasm-size.mjs), and checked against what dist/ serves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MODULES, codeByCrate } from "../bench/wasm-size.mjs";
import { dist } from "./support.mjs";

for (const module of MODULES) {
  test(`${module.name}.wasm (${module.what}) holds no code of ${module.forbidden.join(", ")}`, () => {
    assert.ok(existsSync(module.path), `${module.path} is built (./run --build)`);
    const { total, crates } = codeByCrate(module.path);
    const names = crates.map(([crate]) => crate);
    assert.ok(total > 100_000 && names.includes("oj_analys"), `${module.name} is the project's module: ${names.slice(0, 10)}`);
    const wrong = crates.filter(([crate]) => module.forbidden.includes(crate));
    assert.deepEqual(
      wrong.map(([crate, [size]]) => `${crate}: ${(size / 1024).toFixed(1)} KB`),
      [],
      `crates in the wrong module (${module.name})`,
    );
  });
}

test("each module's own crates are where they belong (the check above can see them)", () => {
  const [app, engine] = MODULES.map((m) => codeByCrate(m.path).crates.map(([crate]) => crate));
  for (const crate of ["tachys", "reactive_graph"]) assert.ok(app.includes(crate), `${crate} in app`);
  for (const crate of ["calamine", "zip", "quick_xml", "encoding_rs", "rust_xlsxwriter"]) assert.ok(engine.includes(crate), `${crate} in engine`);
});

test("dist/ serves both modules under hashed names; index.html preloads neither (its first screen needs none)", () => {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = readdirSync(dist);
  for (const name of ["app", "engine"]) {
    assert.ok(files.some((f) => new RegExp(`^${name}-[0-9a-f]{8,16}_bg\\.wasm$`).test(f)), `${name}-<hash>_bg.wasm in dist`);
    assert.ok(files.some((f) => new RegExp(`^${name}-[0-9a-f]{8,16}\\.js$`).test(f)), `${name}-<hash>.js in dist`);
  }
  assert.ok(!files.includes("engine.js") && !files.includes("engine_bg.wasm"), "no unhashed worker module left");
  const meta = /<meta name="oj-engine" data-oj-js="\.\/(engine-[0-9a-f]{16}\.js)" data-oj-wasm="\.\/(engine-[0-9a-f]{16}_bg\.wasm)">/.exec(html);
  assert.ok(meta, "index.html names the worker's module in its meta tag");
  assert.ok(files.includes(meta[1]) && files.includes(meta[2]), "the files it names exist");
  const outside = html.replace(meta[0], "");
  assert.doesNotMatch(outside, /engine-[0-9a-f]/, "the worker's module is named nowhere the browser would load it early");
  assert.match(outside, /<script type="module" src="\.\/boot\.js" data-oj-js="\.\/app-[0-9a-f]{8,16}\.js" data-oj-wasm="\.\/app-[0-9a-f]{8,16}_bg\.wasm">/);
  assert.doesNotMatch(outside, /<link rel="(module)?preload"/, "the page's module is fetched by boot.js once the static first screen is parsed");
});
