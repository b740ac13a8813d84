// Where the bytes of the WebAssembly are: code size per crate, from the function names rustc
// leaves in the `name` section of cargo's own output (before wasm-bindgen and wasm-opt strip
// them). The figures are before wasm-opt, so they show proportions, not the shipped size.
//
//   node tests/bench/wasm-size.mjs [TOP]             both modules (after ./run --build)
//   node tests/bench/wasm-size.mjs FILE.wasm [TOP]   one file
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const release = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "target/wasm32-unknown-unknown/release");

/**
 * The two WebAssembly modules Trunk builds, cargo's own output of each, and the crates whose
 * code must not be in it: the page's module has none of the reading and writing of workbooks,
 * the worker's none of the UI. tests/e2e/modules.test.mjs fails when one shows up.
 */
export const MODULES = [
  {
    name: "app",
    what: "sidan (UI)",
    path: join(release, "app.wasm"),
    forbidden: ["calamine", "zip", "zlib_rs", "quick_xml", "encoding_rs", "rust_xlsxwriter"],
  },
  {
    name: "engine",
    what: "arbetstråden (inläsning, motor, export)",
    path: join(release, "engine.wasm"),
    forbidden: ["tachys", "reactive_graph", "leptos", "leptos_dom", "leptos_macro"],
  },
];

/** Per crate: [bytes of code, functions], largest first, and the total. */
export function codeByCrate(path) {
  const b = readFileSync(path);
  let i = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = b[i++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return result;
    }
  };
  const skipName = () => {
    const n = leb();
    i += n;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  while (i < b.length) {
    const id = b[i++];
    const size = leb();
    const end = i + size;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        skipName();
        skipName();
        const kind = b[i++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          i++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) i += 2;
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const length = leb();
        bodies.push(length);
        i += length;
      }
    } else if (id === 0) {
      const nameLength = leb();
      const name = b.toString("utf8", i, i + nameLength);
      i += nameLength;
      if (name === "name") {
        while (i < end) {
          const sub = b[i++];
          const subSize = leb();
          const subEnd = i + subSize;
          if (sub === 1) {
            for (let n = leb(); n > 0; n--) {
              const index = leb();
              const length = leb();
              names.set(index, b.toString("utf8", i, i + length));
              i += length;
            }
          }
          i = subEnd;
        }
      }
    }
    i = end;
  }
  const crates = new Map();
  let total = 0;
  bodies.forEach((size, n) => {
    const crate = crateOf(names.get(imported + n) ?? "?");
    const entry = crates.get(crate) ?? [0, 0];
    entry[0] += size;
    entry[1] += 1;
    crates.set(crate, entry);
    total += size;
  });
  return { total, crates: [...crates].sort((a, b) => b[1][0] - a[1][0]) };
}

// `_ZN9oj_analys6ingest…` → oj_analys; `_ZN…_$LT$T$u20$as$u20$tachys..view…` (a trait impl) → tachys.
function crateOf(symbol) {
  const legacy = /^_ZN(\d+)/.exec(symbol);
  if (!legacy) return symbol.startsWith("__wbindgen") ? "wasm-bindgen (glue)" : symbol.split("::")[0].slice(0, 30);
  const first = symbol.slice(legacy[0].length, legacy[0].length + Number(legacy[1]));
  if (!first.startsWith("_$LT$")) return first;
  // A trait impl `<A as B>`: the first crate path named in it (the type's crate, or the trait's
  // for a generic type).
  return /([a-z_][a-z_0-9]*)\.\./.exec(first)?.[1] ?? /^_\$LT\$([a-z_0-9]+)/.exec(first)?.[1] ?? first;
}

function print(label, path, top) {
  const { total, crates } = codeByCrate(path);
  console.log(`${label}: code ${(total / 1024).toFixed(0)} KB`);
  for (const [crate, [size, count]] of crates.slice(0, top)) {
    console.log(`${(size / 1024).toFixed(0).padStart(6)} KB ${((100 * size) / total).toFixed(1).padStart(5)} % ${String(count).padStart(5)} fn  ${crate}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2]?.endsWith(".wasm")) {
    print(process.argv[2], process.argv[2], Number(process.argv[3] ?? 20));
  } else {
    const top = Number(process.argv[2] ?? 20);
    for (const m of MODULES.filter((m) => existsSync(m.path))) {
      print(`${m.name}.wasm, ${m.what}`, m.path, top);
      console.log();
    }
  }
}
