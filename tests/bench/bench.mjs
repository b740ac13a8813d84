// ./bench: every performance figure of ÖJ-analys in one run, in one headless Chromium, beside
// SheetJS (npm `xlsx`) on the same bytes in the same page. Prints the tables and writes
// docs/benchmarks.md. Figures are medians of RUNS runs; nothing here is a pass/fail test.
//
//   node tests/bench/bench.mjs            (./bench builds everything first and calls this)
//   RUNS=9 node tests/bench/bench.mjs
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, totalmem, release } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { appStarted, launch, repo, dist, shared } from "../e2e/support.mjs";
import { serve } from "../e2e/serve.mjs";
import { MODULES, codeByCrate } from "./wasm-size.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const cli = join(repo, "target/release/oj-analys");
const generated = join(repo, "target/bench-files");
const site = join(repo, "target/bench-site");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x == null ? "–" : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const kb = (x) => (x / 1024).toFixed(0);
const mb = (x) => (x / 1024 / 1024).toFixed(0);

// One directory served on 127.0.0.1: the built app at the root, the files and SheetJS under bench/.
function buildSite(files, site, dist) {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, "bench"), { recursive: true });
  for (const entry of readdirSync(dist)) symlinkSync(join(dist, entry), join(site, entry));
  symlinkSync(join(repo, "tests/bench/node_modules/xlsx/dist/xlsx.full.min.js"), join(site, "bench/xlsx.full.min.js"));
  for (const file of files) symlinkSync(file.path, join(site, "bench", file.name));
  // The peer of the time-to-usable figure: the least a JavaScript analyzer needs before it can
  // read a file, SheetJS's full build and a file input that its script enables once loaded.
  writeFileSync(
    join(site, "bench/sheetjs.html"),
    `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>SheetJS</title></head><body>
<h1>SheetJS</h1><input type="file" disabled>
<script src="xlsx.full.min.js"></script>
<script>document.querySelector("input").disabled = false;</script>
</body></html>`,
  );
}

function benchFiles() {
  const real = readdirSync(join(shared, "fixtures/real"))
    .filter((n) => n.endsWith(".xlsx"))
    .map((n) => ({ name: n, path: join(shared, "fixtures/real", n), kind: "verklig" }));
  const made = ["oj-1x.xlsx", "oj-10x.xlsx", "oj-40x.xlsx"]
    .filter((n) => existsSync(join(generated, n)))
    .map((n) => ({ name: n, path: join(generated, n), kind: "genererad ÖJ" }));
  return [...real, ...made].map((f) => ({ ...f, bytes: statSync(f.path).size }));
}

// The renderer processes' peak resident memory (VmHWM), read from /proc: the tab's real cost,
// wasm memory and workers included.
async function rendererPeak(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  let peak = 0;
  for (const p of processInfo.filter((p) => p.type === "renderer")) {
    try {
      const status = readFileSync(`/proc/${p.id}/status`, "utf8");
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      peak = Math.max(peak, hwm);
    } catch {
      // the process ended
    }
  }
  await cdp.detach();
  return peak;
}

async function openPage(browser, url, { bypassCSP = false } = {}) {
  // bypassCSP only for the parse figures: the page's CSP rightly forbids fetching the bench files.
  const context = await browser.newContext({ bypassCSP });
  const page = await context.newPage();
  await page.goto(url);
  await appStarted(page);
  await page.waitForLoadState("networkidle");
  return { context, page };
}

// Parse times of our wasm and of SheetJS on the same bytes, in the same page.
async function parseInPage(browser, url, files) {
  const { context, page } = await openPage(browser, url, { bypassCSP: true });
  await page.addScriptTag({ url: "bench/xlsx.full.min.js" });
  const rows = [];
  for (const file of files) {
    const r = await page.evaluate(
      async ({ name, runs }) => {
        // The worker's module (binary `engine`), named in <meta name="oj-engine">.
        const tag = document.querySelector("meta[name=oj-engine]");
        const glue = await import(new URL(tag.dataset.ojJs, document.baseURI).href);
        await glue.default({ module_or_path: tag.dataset.ojWasm });
        const bytes = new Uint8Array(await (await fetch(`bench/${name}`)).arrayBuffer());
        const time = (f) => {
          const t = [];
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            f();
            t.push(performance.now() - t0);
          }
          return t;
        };
        const ours = time(() => glue.oj_bench_grids(bytes));
        // The whole ingest (layout, units, values, reading report) as the worker runs it, then
        // the engine's report for Tyresö over that one file.
        let id = 1_000_000;
        const ask = (request, file = new Uint8Array(0)) => {
          const [reply] = glue.oj_handle(JSON.stringify(request), file);
          if (reply.startsWith('{"Error"')) throw new Error(reply);
        };
        const full = time(() => {
          ask({ Read: { id: ++id, name, options: { options: {} } } }, bytes);
          ask({ Report: { options: { kommun: "0138" } } });
          ask({ Remove: { id } });
        });
        const sheetjs = time(() => window.XLSX.read(bytes, { type: "array", dense: true }));
        return { ours, full, sheetjs, summary: { cells: glue.oj_bench_grids(bytes) } };
      },
      { name: file.name, runs: RUNS },
    );
    rows.push({ file, ours: median(r.ours), full: r.full && median(r.full), sheetjs: median(r.sheetjs), summary: r.summary });
  }
  await context.close();
  return rows;
}

// The tab's peak memory while one parser reads one file once: a fresh browser per measurement,
// so the figure is that parse's own high-water mark (the page's idle peak is the "tom sida" row).
async function parsePeak(url, name, parser) {
  const browser = await launch();
  try {
    const { page } = await openPage(browser, url, { bypassCSP: true });
    if (parser === "sheetjs") await page.addScriptTag({ url: "bench/xlsx.full.min.js" });
    if (parser) {
      await page.evaluate(
        async ({ name, parser }) => {
          const bytes = new Uint8Array(await (await fetch(`bench/${name}`)).arrayBuffer());
          if (parser === "sheetjs") {
            window.XLSX.read(bytes, { type: "array", dense: true });
          } else {
            const tag = document.querySelector("meta[name=oj-engine]");
            const glue = await import(new URL(tag.dataset.ojJs, document.baseURI).href);
            await glue.default({ module_or_path: tag.dataset.ojWasm });
            glue.oj_bench_grids(bytes);
          }
        },
        { name, parser },
      );
    }
    return await rendererPeak(browser);
  } finally {
    await browser.close();
  }
}

function nativeTime(file) {
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(cli, ["inspect", "--json", file.path], { stdio: "ignore" });
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(t);
}

function transferSizes() {
  const out = [];
  for (const name of readdirSync(dist)) {
    if (!/\.(wasm|js|css|html)$/.test(name)) continue;
    const body = readFileSync(join(dist, name));
    out.push({
      name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return out;
}

// Marks, in the page, when the file picker is first on it and enabled (window.__usableAt; made
// no earlier than the first paint by throttledPage), when our app has started and taken over the
// static first screen (window.__startedAt: its choices are there) and, when `shown` is given,
// when that selector first matches (window.__shownAt).
function markUsable(shown) {
  const mark = () => {
    const input = document.querySelector("input[type=file]");
    if (input && !input.disabled && !window.__usableAt) window.__usableAt = performance.now();
    if (!window.__startedAt && document.querySelector("#app .choices")) window.__startedAt = performance.now();
    if (shown && !window.__shownAt && document.querySelector(shown)) window.__shownAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true, attributes: true });
}

// A fresh context (empty cache) with the CPU slowed 4× through the DevTools protocol.
async function throttledPage(browser, url, shown) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.addInitScript(markUsable, shown ?? null);
  await page.goto(url);
  await page.waitForFunction(() => window.__usableAt, null, { timeout: 60000, polling: 10 });
  // Usable means seen, too: a picker in the DOM before the first paint is not yet there for the
  // user (our static first screen is in the DOM well before it is painted).
  await page.waitForFunction(() => performance.getEntriesByType("paint").some((p) => p.name === "first-contentful-paint"), null, { timeout: 60000, polling: 10 });
  await page.evaluate(() => {
    const paint = performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint");
    window.__usableAt = Math.max(window.__usableAt, paint.startTime);
  });
  return { context, page };
}

// The brotli size of a file of the site, by URL path (cached).
const brotliOf = new Map();
function brotliSize(path) {
  if (!brotliOf.has(path)) {
    let rel = decodeURIComponent(path).replace(/^\//, "");
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = join(site, rel);
    const body = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    brotliOf.set(path, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  }
  return brotliOf.get(path);
}

// The files the page fetched before `moment` (every request started before it, the document
// included), with their brotli sizes.
async function fetchedBefore(page, moment) {
  const paths = await page.evaluate((moment) => [
    new URL(location.href).pathname,
    ...performance
      .getEntriesByType("resource")
      .filter((e) => e.startTime <= moment)
      .map((e) => new URL(e.name).pathname),
  ], moment);
  return [...new Set(paths)].map((path) => ({ path, brotli: brotliSize(path) }));
}

// Time from navigation start until the file picker is on the page and enabled, and the files the
// page fetched before that (every request started before it, the document included), for our app
// and the SheetJS page, alternating, RUNS times each.
async function timeToUsable(browser, url) {
  const result = { ours: [], sheetjs: [], oursFiles: null, sheetjsFiles: null, oursStarted: [], oursStartedFiles: null };
  for (let i = 0; i < RUNS; i++) {
    for (const [key, target] of [["ours", url], ["sheetjs", `${url}bench/sheetjs.html`]]) {
      const { context, page } = await throttledPage(browser, target);
      if (key === "ours") {
        await page.waitForFunction(() => window.__startedAt, null, { timeout: 60000, polling: 10 });
        const started = await page.evaluate(() => window.__startedAt);
        result.oursStarted.push(started);
        result.oursStartedFiles ??= await fetchedBefore(page, started);
      }
      const usable = await page.evaluate(() => window.__usableAt);
      result[key].push(usable);
      result[`${key}Files`] ??= await fetchedBefore(page, usable);
      await context.close();
    }
  }
  return {
    ours: median(result.ours),
    sheetjs: median(result.sheetjs),
    oursFiles: result.oursFiles,
    sheetjsFiles: result.sheetjsFiles,
    oursStarted: median(result.oursStarted),
    oursStartedFiles: result.oursStartedFiles,
  };
}

// One ÖJ workbook chosen in the file picker the moment the page is usable (4× throttled, empty
// cache): time from navigation start until Översikt shows the kommun's rows for it.
async function firstFileShown(browser, url, file, runs = RUNS) {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await throttledPage(browser, `${url}?kommun=0138`, "[data-testid=oversikt-rad]");
    await page.locator("input[type=file]").first().setInputFiles([file]);
    await page.waitForFunction(() => window.__shownAt, null, { timeout: 120000, polling: 10 });
    t.push(await page.evaluate(() => window.__shownAt));
    await context.close();
  }
  return median(t);
}

// N distinct ÖJ workbooks loaded through the page's own file picker, read and scored in its
// worker; time until the page lists them all as read, and the tab's peak memory.
async function loadMany(url, n) {
  const files = readdirSync(join(generated, "many"))
    .filter((f) => f.endsWith(".xlsx"))
    .sort()
    .slice(0, n)
    .map((f) => join(generated, "many", f));
  if (files.length < n) return null;
  const browser = await launch();
  try {
    const { page } = await openPage(browser, `${url}?kommun=0138`);
    const t0 = await page.evaluate(() => performance.now());
    await page.locator("input[type=file]").first().setInputFiles(files);
    await page.waitForFunction(
      (count) => document.querySelectorAll("[data-testid=fil].is-read, [data-testid=fil].is-failed").length >= count,
      n,
      { timeout: 300000, polling: 20 },
    );
    const t1 = await page.evaluate(() => performance.now());
    return { n, ms: t1 - t0, peak: await rendererPeak(browser) };
  } catch (e) {
    return { n, ms: null, peak: null, error: String(e).split("\n")[0] };
  } finally {
    await browser.close();
  }
}

const files = benchFiles();
buildSite(files, site, dist);
const server = await serve({ root: site });
const browser = await launch();
// BENCH_BASELINE=DIR (another build's dist/, e.g. main's): its time to usable and first file
// beside ours, alternating in this run, so that "no slower than before" is measured, not guessed.
const baselineDist = process.env.BENCH_BASELINE;
let baseline = null;
if (baselineDist) {
  const baseSite = join(repo, "target/bench-site-baseline");
  buildSite(files, baseSite, baselineDist);
  const baseServer = await serve({ root: baseSite });
  const firstFile = join(generated, "oj-1x.xlsx");
  const t = { ours: [], base: [], oursFirst: [], baseFirst: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [key, url] of [["ours", server.url], ["base", baseServer.url]]) {
      const { context, page } = await throttledPage(browser, url);
      t[key].push(await page.evaluate(() => window.__usableAt));
      await context.close();
      t[`${key}First`].push(await firstFileShown(browser, url, firstFile, 1));
    }
  }
  baseline = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
  await baseServer.close();
  console.log("baseline", baseline);
}
// BENCH_QUICK=1: only the first-screen figures (time to usable, bytes, the first file), printed.
if (process.env.BENCH_QUICK) {
  const usable = await timeToUsable(browser, server.url);
  const firstShown = await firstFileShown(browser, server.url, join(generated, "oj-1x.xlsx"));
  const sum = (files) => files.reduce((a, f) => a + f.brotli, 0);
  console.log({ ours: usable.ours, oursStarted: usable.oursStarted, sheetjs: usable.sheetjs, ratio: usable.ours / usable.sheetjs, oursKB: kb(sum(usable.oursFiles)), sheetjsKB: kb(sum(usable.sheetjsFiles)), files: usable.oursFiles, firstShown });
  await browser.close();
  await server.close();
  process.exit(0);
}
const version = browser.version();
const parse = await parseInPage(browser, server.url, files);
const usable = await timeToUsable(browser, server.url);
const firstFile = join(generated, "oj-1x.xlsx");
const firstShown = existsSync(firstFile) ? await firstFileShown(browser, server.url, firstFile) : null;
await browser.close();
const idlePeak = await parsePeak(server.url, null, null);
const peaks = {};
for (const file of files) {
  peaks[file.name] = { ours: await parsePeak(server.url, file.name, "ours"), sheetjs: await parsePeak(server.url, file.name, "sheetjs") };
}
const native = Object.fromEntries(files.map((f) => [f.name, existsSync(cli) ? nativeTime(f) : null]));
const many = [];
for (const n of [1, 10, 40, 80]) many.push(await loadMany(server.url, n));
const sizes = transferSizes();
await server.close();

const lines = [];
const p = (s = "") => lines.push(s);
const cpu = cpus();
p("# Benchmarks");
p();
p(`Written by \`./bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${mb(totalmem())} MB RAM, Linux ${release()}; ${version} headless. Median of ${RUNS} runs.`);
p();
p("## Parsing: ÖJ-analys (Rust → wasm, calamine) beside SheetJS, same bytes, same page");
p();
p("| Fil | Storlek | Celler | Vår inläsning (ms) | SheetJS `XLSX.read` (ms) | SheetJS / vår | Inläsning + poäng (ms) | CLI nativt (ms) | Toppminne vår / SheetJS (MB) |");
p("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of parse) {
  const ratio = r.sheetjs / r.ours;
  const peak = peaks[r.file.name];
  p(`| ${r.file.name} (${r.file.kind}) | ${kb(r.file.bytes)} KB | ${r.summary?.cells ?? "?"} | ${ms(r.ours)} | ${ms(r.sheetjs)} | ${ratio.toFixed(2)}× | ${ms(r.full)} | ${ms(native[r.file.name])} | ${mb(peak.ours)} / ${mb(peak.sheetjs)} |`);
}
p();
p("*Vår inläsning* = sniff + every sheet to a sparse cell grid (`oj_bench_grids`: calamine for xlsx,");
p("our own readers for xls/ods); SheetJS reads the same bytes with `{ dense: true }`. *Inläsning +");
p("poäng* = the whole ingest (layout, units, values, reading report) and the engine's report for one");
p("kommun, through the worker's own entry point (`oj_handle`: a Read, then a Report request). The CLI");
p("time is the whole process (`oj-analys inspect --json`), start-up included. *Toppminne* = the");
p(`renderer's peak resident memory (VmHWM) with the page open and that one file parsed once, in a`);
p(`fresh browser each; the page alone, with nothing parsed, peaks at ${mb(idlePeak)} MB.`);
p();
p("## Many workbooks through the page (file picker → worker → scored)");
p();
p("| Arbetsböcker | Tid (ms) | ms per bok | Flikens toppminne (MB) |");
p("|---:|---:|---:|---:|");
for (const m of many) {
  if (!m) continue;
  p(`| ${m.n} | ${ms(m.ms)} | ${m.ms ? ms(m.ms / m.n) : "–"} | ${m.peak ? mb(m.peak) : "–"}${m.error ? ` (fel: ${m.error})` : ""} |`);
}
p();
p("## Transfer size of the app");
p();
p("| Fil | Rå (KB) | gzip -9 (KB) | brotli 11 (KB) |");
p("|---|---:|---:|---:|");
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const s of sizes) {
  p(`| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
  for (const k of Object.keys(total)) total[k] += s[k];
}
p(`| **Totalt** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`);
p();
const built = MODULES.filter((m) => existsSync(m.path)).map((m) => ({ ...m, ...codeByCrate(m.path) }));
if (built.length > 0) {
  p();
  p("Where the code is, by crate and module (cargo's output before wasm-bindgen and wasm-opt, so");
  p("proportions rather than shipped bytes; `node tests/bench/wasm-size.mjs` prints more; *wasm-bindgen");
  p("(glue)* is describe code wasm-bindgen removes). The page's module is fetched before the page is");
  p("usable, the worker's after:");
  p();
  p(`| Crate | ${built.map((m) => `${m.name}.wasm (KB)`).join(" | ")} |`);
  p(`|---|${built.map(() => "---:").join("|")}|`);
  const crates = [];
  for (const m of built) for (const [crate] of m.crates.slice(0, 10)) if (!crates.includes(crate)) crates.push(crate);
  for (const crate of crates) {
    p(`| ${crate} | ${built.map((m) => { const e = m.crates.find(([c]) => c === crate); return e ? kb(e[1][0]) : "–"; }).join(" | ")} |`);
  }
  p(`| **Kod totalt** | ${built.map((m) => `**${kb(m.total)}**`).join(" | ")} |`);
}
p();
const sum = (files) => files.reduce((a, f) => a + f.brotli, 0);
p("## First screen and time until usable, CPU throttled 4× (DevTools protocol)");
p();
p("| Sida | Användbar efter (ms) | Hämtat före (KB brotli) | Filer |");
p("|---|---:|---:|---|");
p(`| ÖJ-analys | ${ms(usable.ours)} | ${kb(sum(usable.oursFiles))} | ${usable.oursFiles.map((f) => `${f.path.replace(/^.*\//, "") || "index.html"} ${kb(f.brotli)}`).join(", ")} |`);
p(`| SheetJS-sidan | ${ms(usable.sheetjs)} | ${kb(sum(usable.sheetjsFiles))} | ${usable.sheetjsFiles.map((f) => `${f.path.replace(/^.*\//, "")} ${kb(f.brotli)}`).join(", ")} |`);
p(`| **Kvot vår / SheetJS** | **${(usable.ours / usable.sheetjs).toFixed(2)}×** | **${(sum(usable.oursFiles) / sum(usable.sheetjsFiles)).toFixed(2)}×** | |`);
p();
p("From navigation start until the file picker is on the page, enabled and painted (no earlier than");
p("the first contentful paint), empty cache, served from 127.0.0.1 (so network time is not counted),");
p("the two pages alternating. *SheetJS-sidan* loads only");
p("`xlsx.full.min.js` and a file input its script enables: the least a JavaScript analyzer needs");
p("before it can read a file. *Hämtat före* = every request started before that moment, at brotli 11.");
p("Our first screen is static HTML whose file picker works before the app's WebAssembly has arrived");
p("(a file chosen then waits for it: index.html, public/early.js); the app takes that screen over");
p(`${ms(usable.oursStarted)} ms after navigation start (median), having fetched ${kb(sum(usable.oursStartedFiles))} KB brotli by then:`);
p(`${usable.oursStartedFiles.map((f) => `${f.path.replace(/^.*\//, "") || "index.html"} ${kb(f.brotli)}`).join(", ")}.`);
if (baseline) {
  p();
  p(`## Beside the build in \`${baselineDist}\` (BENCH_BASELINE), alternating in this run, 4× throttled`);
  p();
  p("| | Användbar efter (ms) | Första filen på Översikt (ms) |");
  p("|---|---:|---:|");
  p(`| Denna build | ${ms(baseline.ours)} | ${ms(baseline.oursFirst)} |`);
  p(`| BENCH_BASELINE | ${ms(baseline.base)} | ${ms(baseline.baseFirst)} |`);
  p(`| **Kvot** | **${(baseline.ours / baseline.base).toFixed(2)}×** | **${(baseline.oursFirst / baseline.baseFirst).toFixed(2)}×** |`);
}
if (firstShown != null) {
  p();
  p(`## One workbook chosen the moment the page is usable → Översikt shows it: ${ms(firstShown)} ms`);
  p();
  p("oj-1x.xlsx with `?kommun=0138`, 4× throttled, empty cache: from navigation start until");
  p("Översikt's first row is on the page.");
}
const report = lines.join("\n");
console.log(report);

// Keep the hand-written part of docs/benchmarks.md (below the marker) and replace the figures.
const doc = join(repo, "docs/benchmarks.md");
const marker = "<!-- Above: written by ./bench. Below: kept by ./bench. -->";
const kept = existsSync(doc) && readFileSync(doc, "utf8").includes(marker) ? readFileSync(doc, "utf8").split(marker)[1] : "\n\n## What was done, and what it bought\n\n(see git log)\n";
mkdirSync(join(repo, "docs"), { recursive: true });
writeFileSync(doc, `${report}\n\n${marker}${kept}`);
console.log(`\nSkrev ${doc}`);
