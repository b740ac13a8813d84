// ÖJ-analys service worker: keeps one version of the page's own files (its "app shell") in the
// browser's cache, so the page starts without a network after its first visit. It caches only
// the page's own files, never a workbook: workbooks are read from the user's disk and are never
// fetched, so they never pass through here.
//
// How it knows the files without a build step: at install it fetches index.html, reads the
// hashed names Trunk wrote into it (the page's module in <script data-oj-js data-oj-wasm>, the
// worker's in <meta name="oj-engine" data-oj-js data-oj-wasm>, <link rel=stylesheet>, preload
// links, the icon), adds the fixed files (boot.js, worker.js, the static pages), and
// stores them all in a cache named after those hashed names. boot.js registers this script as
// `sw.js?v=<hashed js name>`, so a new build means a new script URL, a new install, and on
// activation the old version's cache is deleted.
//
// Serving: files with a content hash in their name are immutable, so cache first; everything
// else (index.html, boot.js, worker.js, the pages) network first, falling back to the cache when
// the server cannot be reached. Nothing is ever fetched except what the page itself asks for
// and, during install, the shell.
//
// The functions before the event handlers are pure; tests/e2e/offline.test.mjs runs them in
// Node to check the cache-key logic.
"use strict";

const CACHE_PREFIX = "oj-analys-";
// A small entry in each complete cache: its name and when its install finished.
const MARKER = "sw-version.json";

// Files every version has that index.html does not name. A file the build does not contain
// (404) is skipped; a network failure fails the install.
const FIXED_FILES = [
  "./",
  "index.html",
  "boot.js",
  "worker.js",
  "favicon.svg",
  "om-integritet.html",
  "tillganglighet.html",
  "base.css",
  "pages.css",
];

// Trunk's hashed names: `app-ce311025b51bcf9a.js`, `app-e0f4a1ea5e66181_bg.wasm`,
// `main-1e69d77f30f122f5.css`. The hash is a u64 in hex without leading zeros, so 16 digits or
// fewer (fewer than 8 has a chance of one in four billion).
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

/** True when a URL path names a file whose content never changes under that name. */
function isHashed(path) {
  return HASHED.test(path);
}

// The inside of a start tag: quoted values may hold ">" (an inline SVG icon's data: URL does).
const ATTRIBUTES = `(?:[^>"']|"[^"]*"|'[^']*')*`;

/** The attributes of one HTML start tag, lower-cased names, as a plain object. */
function attributesOf(tag) {
  const attributes = {};
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  // Skip the tag name itself.
  const body = tag.replace(/^<\s*[a-zA-Z]+/, "").replace(/\/?>$/, "");
  for (const match of body.matchAll(pattern)) {
    attributes[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
  }
  return attributes;
}

/**
 * The page's own files that index.html names: the wasm-bindgen glue and the WebAssembly of both
 * modules (boot.js' script tag, the oj-engine meta tag), stylesheets, preloads and the icon. Returns them as written (relative),
 * without duplicates, in document order.
 */
function filesNamedBy(html) {
  const files = [];
  const add = (value) => {
    // Inline data (the icon is a data: URL) is never fetched.
    if (value && !/^(data|blob):/i.test(value) && !files.includes(value)) files.push(value);
  };
  // Comments may mention tags; drop them first.
  const text = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const [tag] of text.matchAll(new RegExp(`<(script|meta)\\b${ATTRIBUTES}>`, "gi"))) {
    const a = attributesOf(tag);
    add(a.src);
    add(a["data-oj-js"]);
    add(a["data-oj-wasm"]);
  }
  for (const [tag] of text.matchAll(new RegExp(`<link\\b${ATTRIBUTES}>`, "gi"))) {
    const a = attributesOf(tag);
    const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
    if (rel.some((r) => ["stylesheet", "icon", "modulepreload", "preload"].includes(r))) add(a.href);
  }
  return files;
}

/** A short, stable hex digest of a string (FNV-1a, 32 bits): enough to tell versions apart. */
function digest(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * The cache name of the version that index.html describes: the prefix, the first hashed name
 * (the glue, readable in the browser's devtools) and a digest of all hashed names, so any
 * changed file gives a new name. Null when index.html names no hashed file (not a Trunk build).
 */
function cacheNameFor(html) {
  const hashed = filesNamedBy(html)
    .map((file) => file.replace(/^\.\//, ""))
    .filter(isHashed)
    .sort();
  if (hashed.length === 0) return null;
  const label = hashed[0].replace(/\.[a-z]+$/, "");
  return `${CACHE_PREFIX}${label}-${digest(hashed.join("\n"))}`;
}

/** Every file of the shell, as URLs resolved against the scope, without duplicates. */
function shellFor(html, scope) {
  const origin = new URL(scope).origin;
  const urls = [];
  for (const file of [...FIXED_FILES, ...filesNamedBy(html)]) {
    const url = new URL(file, scope);
    // Only the page's own files; index.html never names another origin, but make sure.
    if (url.origin !== origin) continue;
    url.hash = "";
    if (!urls.includes(url.href)) urls.push(url.href);
  }
  return urls;
}

/**
 * The cache to keep: the most recently completed install ({name, installed} entries, as read
 * from each cache's marker). Null when none is complete.
 */
function newestComplete(entries) {
  let best = null;
  for (const entry of entries) {
    if (!best || entry.installed > best.installed) best = entry;
  }
  return best ? best.name : null;
}

/**
 * The caches to delete: ours (by prefix) except the current one; an incomplete cache (an
 * install that failed half-way) is never current, so it goes too.
 */
function cachesToDelete(names, current) {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

/**
 * How a request is answered: "shell" (the app's index, network first, cached index as
 * fallback), "immutable" (hashed file, cache first), "fresh" (network first, cache fallback),
 * or "pass" (not ours: leave it to the browser).
 */
function strategyFor(method, href, scope, isNavigation) {
  if (method !== "GET") return "pass";
  const url = new URL(href);
  const root = new URL(scope);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return "pass";
  const rest = url.pathname.slice(root.pathname.length);
  if (rest === "" || rest === "index.html") return "shell";
  if (isHashed(url.pathname)) return "immutable";
  if (isNavigation && !/\.[a-z0-9]+$/i.test(rest)) return "shell";
  return "fresh";
}

// ---------------------------------------------------------------------------------------------
// The service worker itself. Skipped when this file is loaded outside a service worker (tests).

/** A response the cache can give to any request: redirects flattened. */
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function install() {
  const scope = self.registration.scope;
  const index = await fetch(new URL("./", scope), { cache: "no-cache", credentials: "same-origin" });
  if (!index.ok) throw new Error(`index.html: ${index.status}`);
  const html = await index.clone().text();
  const name = cacheNameFor(html);
  if (!name) throw new Error("index.html names no hashed files");
  const cache = await caches.open(name);
  const indexCopy = await storable(index);
  await cache.put(new URL("./", scope).href, indexCopy.clone());
  await cache.put(new URL("index.html", scope).href, indexCopy);
  for (const url of shellFor(html, scope)) {
    if (url === new URL("./", scope).href || url === new URL("index.html", scope).href) continue;
    const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
    if (response.status === 404) continue; // not part of this build
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(url, await storable(response));
  }
  // Mark the cache complete, with the time, so activate keeps the newest complete one.
  await cache.put(new URL(MARKER, scope).href, new Response(JSON.stringify({ name, installed: Date.now() })));
}

async function activate() {
  const scope = self.registration.scope;
  const names = await caches.keys();
  const complete = [];
  for (const name of names) {
    if (!name.startsWith(CACHE_PREFIX)) continue;
    const marker = await (await caches.open(name)).match(new URL(MARKER, scope).href);
    if (marker) complete.push({ name, installed: (await marker.json()).installed ?? 0 });
  }
  const current = newestComplete(complete);
  await Promise.all(cachesToDelete(names, current).map((name) => caches.delete(name)));
  await self.clients.claim();
}

async function fromCache(request, scope, strategy) {
  if (strategy === "shell") return caches.match(new URL("index.html", scope).href);
  return caches.match(request, { ignoreSearch: true });
}

async function respond(request, strategy) {
  const scope = self.registration.scope;
  if (strategy === "immutable") {
    const cached = await caches.match(request);
    return cached ?? fetch(request);
  }
  try {
    const response = await fetch(request);
    if (response.ok || !(await fromCache(request, scope, strategy))) return response;
    // The server answers but not with the page (for instance a proxy's error page): prefer
    // the cached copy for the app shell, pass other answers through.
    return strategy === "shell" ? await fromCache(request, scope, strategy) : response;
  } catch (error) {
    const cached = await fromCache(request, scope, strategy);
    if (cached) return cached;
    throw error;
  }
}

if (typeof ServiceWorkerGlobalScope !== "undefined" && self instanceof ServiceWorkerGlobalScope) {
  self.addEventListener("install", (event) => {
    // A new version takes over at once (the old one's cache goes on activate); a page still
    // running the old version has its code loaded already.
    event.waitUntil(install().then(() => self.skipWaiting()));
  });
  self.addEventListener("activate", (event) => {
    event.waitUntil(activate());
  });
  self.addEventListener("fetch", (event) => {
    const { request } = event;
    const strategy = strategyFor(request.method, request.url, self.registration.scope, request.mode === "navigate");
    if (strategy === "pass") return;
    event.respondWith(respond(request, strategy));
  });
}
