// Accessibility, checked by axe-core (WCAG 2.0/2.1 A and AA rules) on every view and every
// dialog of the app, in embed mode, at 360 px, and on the static pages; plus what axe cannot
// see by itself: reduced motion, focus on view change, text alternatives for charts.
//
// How axe gets in: the app's CSP allows scripts only from its own origin, so the test server
// serves axe.min.js from the same origin (serve.mjs extraRoutes) and the app keeps its real
// CSP during the check. The static pages allow no script at all; they are checked in a
// separate context with Playwright's bypassCSP (they have no script of their own, so
// bypassing changes nothing but letting axe in).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dist, launch, openApp, openView, viewNames } from "./support.mjs";
import { serve } from "./serve.mjs";

const require = createRequire(import.meta.url);
const AXE_FILE = require.resolve("axe-core/axe.min.js");
const AXE_VERSION = require("axe-core/package.json").version;
const AXE_ROUTE = "/__axe__/axe.min.js";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let browser;
let axeSource;
before(async () => {
  browser = await launch();
  axeSource = await readFile(AXE_FILE, "utf8");
});
after(async () => {
  await browser?.close();
});

const axeRoutes = () => ({ [AXE_ROUTE]: { type: "text/javascript; charset=utf-8", body: axeSource } });

/** Runs axe on the page as it is now; returns readable violations (empty when clean). */
async function axe(page, label, { inject = "url" } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    if (inject === "url") await page.addScriptTag({ url: AXE_ROUTE });
    else await page.addScriptTag({ content: axeSource });
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}\n        ${n.failureSummary.replaceAll("\n", "\n        ")}`),
    }));
  }, TAGS);
  return violations.map((v) => `[${label}] ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.join("\n      ")}`);
}

/** Fails with every violation printed, one block each. */
function assertClean(found) {
  assert.equal(found.length, 0, `axe ${AXE_VERSION} found ${found.length} violation(s):\n${found.join("\n")}`);
}

/** The app with the example data read and Tyresö chosen. */
async function appWithData(options = {}) {
  const app = await openApp(browser, { extraRoutes: axeRoutes(), ...options });
  const { page } = app;
  await page.getByRole("button", { name: "Prova med exempeldata" }).click();
  const kommun = page.getByRole("combobox", { name: "Kommun" });
  await kommun.fill("Tyresö");
  await page.getByRole("option", { name: /Tyresö/ }).first().click();
  await page.getByTestId("rapportstatus").filter({ hasText: "Tyresö" }).waitFor();
  return app;
}

test("axe: the first page before any file, and every view and dialog with data", async () => {
  const found = [];
  const app = await openApp(browser, { extraRoutes: axeRoutes() });
  try {
    found.push(...(await axe(app.page, "start")));
  } finally {
    await app.close();
  }

  const withData = await appWithData();
  try {
    const { page } = withData;
    const names = await viewNames(page);
    assert.ok(names.length >= 8, `views: ${names}`);
    for (const name of names) {
      await openView(page, name);
      found.push(...(await axe(page, `vy ${name}`)));
      // Every kind of dialog this view opens: the cells behind its first figure.
      const figure = page.locator("[data-testid=vy] button.figure").first();
      if (await figure.count()) {
        await figure.click();
        const dialog = page.getByRole("dialog");
        await dialog.waitFor();
        found.push(...(await axe(page, `vy ${name}, dialogen med celler`)));
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "hidden" });
      }
    }
    assert.deepEqual(await withData.problems(), []);
  } finally {
    await withData.close();
  }
  assertClean(found);
});

test("axe: embed mode and a 360 px wide screen", async () => {
  const found = [];
  const embedded = await openApp(browser, {
    extraRoutes: axeRoutes(),
    path: "?inbaddad=1&kommun=0138&grupp=liknande",
  });
  try {
    const { page } = embedded;
    await page.getByRole("button", { name: "Prova med exempeldata" }).click();
    await page.getByTestId("rapportstatus").filter({ hasText: "Tyresö" }).waitFor();
    found.push(...(await axe(page, "inbäddad")));
  } finally {
    await embedded.close();
  }
  const narrow = await appWithData({ viewport: { width: 360, height: 740 } });
  try {
    for (const name of await viewNames(narrow.page)) {
      await openView(narrow.page, name);
      found.push(...(await axe(narrow.page, `360 px, vy ${name}`)));
    }
  } finally {
    await narrow.close();
  }
  assertClean(found);
});

test("axe: the static pages (Om integritet, Tillgänglighetsredogörelse)", async () => {
  const server = await serve({ root: dist });
  const context = await browser.newContext({ bypassCSP: true });
  const found = [];
  try {
    const page = await context.newPage();
    for (const [file, heading] of [
      ["om-integritet.html", "Om integritet"],
      ["tillganglighet.html", "Tillgänglighetsredogörelse för ÖJ-analys"],
    ]) {
      await page.goto(`${server.url}${file}`);
      assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), heading);
      assert.equal(await page.getAttribute("html", "lang"), "sv");
      assert.equal(await page.locator("script").count(), 0, "no script on a static page");
      assert.equal(await page.getByRole("link", { name: "Till ÖJ-analys" }).getAttribute("href"), "./");
      found.push(...(await axe(page, file, { inject: "content" })));
    }
  } finally {
    await context.close();
    await server.close();
  }
  assertClean(found);
});

test("reduced motion, focus on view change, and text alternatives for charts", async () => {
  const app = await appWithData({ contextOptions: { reducedMotion: "reduce" } });
  try {
    const { page } = app;
    // Under prefers-reduced-motion, nothing animates or transitions.
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll("*")]
        .map((el) => getComputedStyle(el))
        .filter((s) => (s.animationName !== "none" && parseFloat(s.animationDuration) > 0.01) || parseFloat(s.transitionDuration) > 0.01)
        .length,
    );
    assert.equal(moving, 0, "no animation or transition when the user asks for reduced motion");
    const css = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join("\n"),
    );
    assert.match(css, /prefers-reduced-motion: reduce/);

    for (const name of await viewNames(page)) {
      await openView(page, name);
      // Focus lands on the new view's heading, which names the view.
      await page.waitForFunction(() => document.activeElement?.id === "vy-rubrik");
      assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), name);
      // Every chart (an inline SVG) has a name, or is hidden beside a table or text with the
      // same figures.
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll("[data-testid=vy] svg")]
          .filter((svg) => svg.getAttribute("aria-hidden") !== "true")
          .filter((svg) => !(svg.getAttribute("role") === "img" && (svg.getAttribute("aria-label") || svg.getAttribute("aria-labelledby") || svg.querySelector("title"))))
          .map((svg) => svg.outerHTML.slice(0, 120)),
      );
      assert.deepEqual(unnamed, [], `${name}: every chart has a text alternative`);
      // And the figures of every chart are also in a table of the same view.
      const charts = await page.locator("[data-testid=vy] svg").count();
      if (charts > 0) assert.ok((await page.locator("[data-testid=vy] table").count()) > 0, `${name}: a table beside the charts`);
    }
  } finally {
    await app.close();
  }
});
