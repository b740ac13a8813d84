// Shared pieces of the end-to-end tests: the served build, a Chromium page that records every
// request, console error and CSP violation, and the paths of the fixtures.
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * The page's WCAG 2.1 A and AA violations found by axe-core, as "rule: selector" lines. axe is
 * evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}
export const repo = resolve(here, "../..");
// OJ_DIST points the tests at another build (a quick debug build while iterating).
export const dist = process.env.OJ_DIST ?? join(repo, "dist");
export const shared = resolve(repo, "../shared");
export const realFixture = (name) => join(shared, "fixtures/real", name);

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// Flags proven on these machines (../shared/TOOLCHAIN.md): no sandbox as root, no background
// traffic of the browser itself, and no DNS for anything but 127.0.0.1.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Waits until the app has started: its WebAssembly runs and has taken over index.html's static
 * first screen (which has the same heading and file picker, but not the choices below them).
 * `where` is a page, a frame or a frame locator.
 */
export async function appStarted(where) {
  await where.locator("#app .choices").waitFor({ state: "attached" });
}

/**
 * Opens the app served from dist/ and watches it. `problems()` lists console errors, page
 * errors and CSP violations; `requestsAfterLoad()` lists every request made after the load.
 */
export async function openApp(
  browser,
  { base = "/", path = "", viewport, acceptDownloads = false, root = dist, headers, extraRoutes, contextOptions = {} } = {},
) {
  const server = await serve({ root, base, headers, extraRoutes });
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1366, height: 768 },
    acceptDownloads,
    ...contextOptions,
  });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const requests = [];
  const contextRequests = [];
  let loaded = false;
  let serverSeenAtLoad = 0;
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  page.on("request", (req) => requests.push({ url: req.url(), afterLoad: loaded }));
  // Every request of the context, also those of workers and the service worker.
  context.on("request", (req) =>
    contextRequests.push({ url: req.url(), afterLoad: loaded, serviceWorker: Boolean(req.serviceWorker()) }),
  );
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(server.url + path);
  await appStarted(page);
  await page.waitForLoadState("networkidle");
  await serviceWorkerReady(page);
  loaded = true;
  serverSeenAtLoad = server.requests.length;
  return {
    page,
    context,
    server,
    requestsAfterLoad: () => requests.filter((r) => r.afterLoad).map((r) => r.url),
    /** Every request of the page, its workers and its service worker, after the load. */
    contextRequestsAfterLoad: () => contextRequests.filter((r) => r.afterLoad).map((r) => r.url),
    /** Every request of the context, load included (to check that none went elsewhere). */
    allContextRequests: () => contextRequests.map((r) => r.url),
    /** What the server itself saw after the load: the ground truth of "nothing left". */
    serverRequestsAfterLoad: () => server.requests.slice(serverSeenAtLoad),
    problems: async () => [
      ...consoleErrors.map((e) => `console: ${e}`),
      ...pageErrors.map((e) => `pageerror: ${e}`),
      ...(await page.evaluate(() => window.__cspViolations)).map((v) => `csp: ${v}`),
    ],
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/**
 * For tests that make the page start a new worker (a crash, "Avbryt"): the only requests after
 * load may be the page's own worker script and wasm-bindgen glue, from its own server, which a
 * new worker reads again (the compiled WebAssembly is handed over, not fetched). They carry no
 * data. Anything else fails the test.
 */
export function onlyRestartedWorker(app) {
  const origin = new URL(app.server.url).origin;
  const other = app
    .requestsAfterLoad()
    .filter((url) => !(url.startsWith(origin + "/") && /\/(worker\.js|engine-[0-9a-f]+\.js)$/.test(url)));
  if (other.length > 0) throw new Error(`requests after load besides the restarted worker: ${other.join(", ")}`);
}

/**
 * Waits until the page's service worker (public/sw.js, registered by boot.js right after the
 * start) has installed and activated, so the app-shell fetches of its install belong to the
 * load. Gives up after 15 s (a page without a service worker: file://, or none registered).
 */
export async function serviceWorkerReady(page) {
  return page.evaluate(async () => {
    if (!navigator.serviceWorker) return false;
    const sleep = (ms) => new Promise((done) => setTimeout(() => done(false), ms));
    // boot.js registers right after the app has mounted; give it a moment to do so.
    for (let i = 0; i < 50 && !(await navigator.serviceWorker.getRegistration()); i++) await sleep(100);
    if (!(await navigator.serviceWorker.getRegistration())) return false;
    return Promise.race([navigator.serviceWorker.ready.then(() => true), sleep(15000)]);
  });
}

/** The view names in the navigation, in order (without the current view's marker). */
export async function viewNames(page) {
  const links = page.getByRole("navigation", { name: "Vyer" }).getByRole("link");
  return (await links.allInnerTexts()).map((n) => n.replace(/\s*●$/, "").trim());
}

/** Opens a view by its link in the navigation and waits for its heading. */
export async function openView(page, name) {
  // By exact accessible name: decoration (the current view's dot) must not be part of it.
  await page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name, exact: true }).click();
  await page.locator("#vy-rubrik", { hasText: name }).waitFor();
}
