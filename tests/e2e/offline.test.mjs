// Offline after the first visit: public/sw.js keeps the versioned app shell, the page starts
// and reads files with the server gone, and a new build replaces the old cache cleanly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { appStarted, dist, launch, openApp, repo, serviceWorkerReady } from "./support.mjs";

const SUB_PATH = "/kommun/verktyg/oj/";

/** The pure functions of public/sw.js, run in a sandbox without service-worker globals. */
async function swLogic() {
  const source = await readFile(join(repo, "public/sw.js"), "utf8");
  const sandbox = { URL, Response: globalThis.Response, self: {} };
  vm.createContext(sandbox);
  vm.runInContext(
    `${source}\n;globalThis.api = { isHashed, filesNamedBy, cacheNameFor, shellFor, cachesToDelete, newestComplete, strategyFor };`,
    sandbox,
  );
  // Arrays made in the sandbox have the sandbox's prototypes: copy results into this realm.
  const api = {};
  for (const [name, fn] of Object.entries(sandbox.api)) {
    api[name] = (...args) => {
      const result = fn(...args);
      return Array.isArray(result) ? [...result] : result;
    };
  }
  return api;
}

/** The app's visible result of "Prova med exempeldata": at least one file read. */
async function exampleDataWorks(page) {
  await page.getByRole("button", { name: "Prova med exempeldata" }).click();
  await page.getByTestId("fil").first().waitFor();
  assert.ok((await page.getByTestId("fil").count()) >= 1);
}

/** The names of the page's caches and, per cache, the paths it holds. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const result = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      result[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return result;
  });
}

/** Takes the server away entirely and tells the browser it is offline. */
async function goOffline(app) {
  await app.context.setOffline(true);
  await app.server.close();
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("sw.js reads the hashed names from index.html and names its cache after them", async () => {
  const sw = await swLogic();
  const html = await readFile(join(dist, "index.html"), "utf8");
  const named = sw.filesNamedBy(html);
  const tag = html.match(/data-oj-js="([^"]+)" data-oj-wasm="([^"]+)"/);
  assert.ok(tag, "index.html has boot.js' script tag with the hashed names");
  // The icon is inline in index.html (a data: URL, never fetched): not a file it names.
  for (const file of [tag[1], tag[2], "./boot.js"]) assert.ok(named.includes(file), `${file} in ${named}`);
  assert.ok(named.some((f) => /main-[0-9a-f]{8,16}\.css$/.test(f)), "the hashed stylesheet");

  const name = sw.cacheNameFor(html);
  assert.match(name, /^oj-analys-app-[0-9a-f]{8,16}-[0-9a-f]{8}$/);
  assert.equal(sw.cacheNameFor(html), name, "the same build gives the same name");

  // Another build: only the wasm's hash differs. Another cache name.
  const wasm = tag[2].match(/app-([0-9a-f]{8,16})_bg\.wasm/)[1];
  const rebuilt = html.replaceAll(`${wasm}_bg.wasm`, "0123456789abcdef_bg.wasm");
  assert.notEqual(sw.cacheNameFor(rebuilt), name);
  // The worker's module, named only in <meta name="oj-engine">, is part of the shell too, and a
  // build in which only it changed is another version.
  const engine = html.match(/<meta name="oj-engine" data-oj-js="([^"]+)" data-oj-wasm="([^"]+)"/);
  assert.ok(engine, "index.html names the worker's module in its meta tag");
  for (const file of [engine[1], engine[2]]) assert.ok(named.includes(file), `${file} in ${named}`);
  const engineHash = engine[2].match(/engine-([0-9a-f]{8,16})_bg\.wasm/)[1];
  assert.notEqual(sw.cacheNameFor(html.replaceAll(`${engineHash}_bg.wasm`, "0123456789abcdef_bg.wasm")), name);
  // Comments and attribute order do not matter; a page without hashed files has no version.
  assert.equal(sw.cacheNameFor(`<!-- <script data-oj-js="x-0000000000000000.js"> -->${html}`), name);
  assert.equal(sw.cacheNameFor("<html><script src=boot.js></script></html>"), null);
  assert.deepEqual(sw.filesNamedBy(`<link href='a-0123456789abcdef.css' rel=stylesheet><link rel="alternate" href="x.xml">`), [
    "a-0123456789abcdef.css",
  ]);
  // An inline icon: its quoted data: URL holds ">" and is no file to fetch.
  assert.deepEqual(
    sw.filesNamedBy(`<link rel="icon" href="data:image/svg+xml,<svg viewBox='0 0 1 1'><rect/></svg>"><link rel="stylesheet" href="b-0123456789abcdef.css">`),
    ["b-0123456789abcdef.css"],
  );

  // The shell, resolved under a sub-path, own origin only, each file once.
  const scope = `https://intranat.example${SUB_PATH}`;
  const shell = sw.shellFor(`${html}<link rel="stylesheet" href="https://cdn.example/x.css">`, scope);
  assert.ok(shell.includes(`${scope}index.html`) && shell.includes(scope));
  for (const file of ["boot.js", "worker.js", "favicon.svg", "om-integritet.html", "tillganglighet.html", "base.css", "pages.css"]) {
    assert.ok(shell.includes(`${scope}${file}`), file);
  }
  assert.ok(shell.includes(new URL(tag[2], scope).href));
  assert.ok(shell.every((url) => url.startsWith(scope)), "nothing from another origin");
  assert.equal(new Set(shell).size, shell.length);

  // Old versions go; the newest complete install stays; other caches are not ours to touch.
  assert.deepEqual(sw.cachesToDelete(["oj-analys-a", "oj-analys-b", "someone-else"], "oj-analys-b"), ["oj-analys-a"]);
  assert.deepEqual(sw.cachesToDelete(["oj-analys-a"], null), ["oj-analys-a"]);
  assert.equal(sw.newestComplete([{ name: "oj-analys-a", installed: 1 }, { name: "oj-analys-b", installed: 2 }]), "oj-analys-b");
  assert.equal(sw.newestComplete([]), null);

  // How each request is answered.
  const cases = [
    ["GET", `${scope}`, true, "shell"],
    ["GET", `${scope}?inbaddad=1&kommun=0138&grupp=liknande`, true, "shell"],
    ["GET", `${scope}index.html`, false, "shell"],
    ["GET", `${scope}${tag[2].replace(/^\.\//, "")}`, false, "immutable"],
    ["GET", `${scope}boot.js`, false, "fresh"],
    ["GET", `${scope}om-integritet.html`, true, "fresh"],
    ["POST", `${scope}`, true, "pass"],
    ["GET", "https://intranat.example/annat/", true, "pass"],
    ["GET", "https://elsewhere.example/kommun/verktyg/oj/", true, "pass"],
  ];
  for (const [method, url, navigation, expected] of cases) {
    assert.equal(sw.strategyFor(method, url, scope, navigation), expected, `${method} ${url}`);
  }
});

test("after one visit under a sub-path the page starts and reads files with the server gone", async () => {
  const app = await openApp(browser, { base: SUB_PATH });
  try {
    const { page } = app;
    assert.equal(await serviceWorkerReady(page), true, "the service worker installed during the load");
    const contents = await cacheContents(page);
    const names = Object.keys(contents);
    assert.equal(names.length, 1, `one cache: ${names}`);
    const cached = contents[names[0]];
    for (const file of ["", "index.html", "boot.js", "worker.js", "favicon.svg", "om-integritet.html", "tillganglighet.html", "base.css", "pages.css"]) {
      assert.ok(cached.includes(`${SUB_PATH}${file}`), `${file || "./"} cached`);
    }
    assert.ok(cached.some((p) => p.endsWith("_bg.wasm")), "the WebAssembly cached");
    assert.deepEqual(app.serverRequestsAfterLoad(), [], "the install happened during the load");

    await goOffline(app);
    await page.reload();
    await appStarted(page);
    await exampleDataWorks(page);
    assert.deepEqual(await app.problems(), []);

    // The static pages too.
    await page.goto(`${app.server.url}om-integritet.html`);
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Om integritet");
  } finally {
    await app.close();
  }
});

test("a new build replaces the old version's cache, and the new version then works offline", async () => {
  const root = await mkdtemp(join(tmpdir(), "oj-sw-"));
  try {
    await cp(dist, root, { recursive: true });
    const sw = await swLogic();
    const oldHtml = await readFile(join(root, "index.html"), "utf8");
    const oldName = sw.cacheNameFor(oldHtml);

    const app = await openApp(browser, { root, base: SUB_PATH });
    try {
      const { page } = app;
      assert.deepEqual(Object.keys(await cacheContents(page)), [oldName]);

      // Deploy "a new version": every hashed file gets a new name, index.html names them.
      let newHtml = oldHtml.replace("<title>", "<title>Ny version – ");
      const renamed = [];
      for (const file of await readdir(root)) {
        const match = file.match(/^(.*-)([0-9a-f]{8,16})((_bg)?\.(js|wasm|css))$/);
        if (!match) continue;
        const next = `${match[1]}${[...match[2]].reverse().join("")}${match[3]}`;
        await rename(join(root, file), join(root, next));
        newHtml = newHtml.replaceAll(file, next);
        renamed.push([file, next]);
      }
      assert.ok(renamed.length >= 3, "glue, wasm and stylesheet renamed");
      await writeFile(join(root, "index.html"), newHtml);
      const newName = sw.cacheNameFor(newHtml);
      assert.notEqual(newName, oldName);

      // The next visit (online) gets the new index.html, registers sw.js?v=<new>, and the new
      // worker installs, activates and deletes the old cache.
      await page.reload();
      await appStarted(page);
      assert.match(await page.title(), /^Ny version/);
      const settled = await page.evaluate(async (name) => {
        for (let i = 0; i < 100; i++) {
          const keys = await caches.keys();
          if (keys.length === 1 && keys[0] === name) return keys;
          await new Promise((done) => setTimeout(done, 200));
        }
        return caches.keys();
      }, newName);
      assert.deepEqual([...settled], [newName], "only the new version's cache is left");
      const contents = await cacheContents(page);
      const paths = contents[newName].join("\n");
      for (const [oldFile, newFile] of renamed) {
        assert.ok(paths.includes(newFile), `${newFile} cached`);
        assert.ok(!paths.includes(oldFile), `${oldFile} gone`);
      }
      // The new service worker's URL names both modules' new glue (a build that changed only
      // the worker's module is a new version too).
      const active = decodeURIComponent(await page.evaluate(async () => (await navigator.serviceWorker.ready).active.scriptURL));
      const glues = renamed.filter(([f]) => /^(app|engine)-[0-9a-f]+\.js$/.test(f)).map(([, next]) => next);
      assert.equal(glues.length, 2, "both modules' glue renamed");
      assert.match(active, /sw\.js\?v=/);
      for (const glue of glues) assert.ok(active.includes(glue), `${glue} in ${active}`);

      await goOffline(app);
      await page.reload();
      await appStarted(page);
      assert.match(await page.title(), /^Ny version/);
      await exampleDataWorks(page);
      assert.deepEqual(await app.problems(), []);
    } finally {
      await app.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
