// The first screen is static HTML (index.html), usable from the first paint, before the page's
// WebAssembly has arrived: what the user does then — files chosen or dropped, the example data
// asked for — is kept (public/early.js) and taken over when the app starts, with the focus where
// it was and nothing on the screen moving. Each test holds the page's module back until it has
// acted on the static screen, so the path is taken every time, not by chance of timing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { appStarted, dist, launch, realFixture, violations } from "./support.mjs";
import { serve } from "./serve.mjs";

const PICKER = "Välj en eller flera filer från Öppna jämförelser";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * A page whose own WebAssembly module is held back until `release()` (or refused: `refuse`),
 * and the worker's until `releaseEngine()`: no file is read (which makes the loading panel
 * compact) before the test has looked at the screen the app took over.
 */
async function heldPage({ path = "", refuse = false, viewport = { width: 1366, height: 768 } } = {}) {
  const server = await serve({ root: dist });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
  let release;
  const held = new Promise((done) => (release = done));
  await page.route(/\/app-[0-9a-f]+_bg\.wasm$/, async (route) => {
    if (refuse) return route.abort();
    await held;
    await route.continue();
  });
  let releaseEngine;
  const engineHeld = new Promise((done) => (releaseEngine = done));
  await page.route(/\/engine-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await engineHeld;
    await route.continue();
  });
  await page.goto(server.url + path);
  return {
    page,
    problems,
    release,
    releaseEngine,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/** Where the first screen's landmarks are, and what it says (the status line aside). */
async function firstScreen(page) {
  return page.evaluate(() => {
    const box = (selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const r = element.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10);
    };
    const text = (selector) => document.querySelector(selector)?.innerText.trim() ?? null;
    return {
      boxes: {
        h1: box("#app h1"),
        header: box("#app header"),
        privacy: box("#app .privacy"),
        heading: box("#las-in-rubrik"),
        button: box("label.file-button"),
        examples: box("#exempeldata"),
      },
      texts: {
        skip: document.querySelector("#app .skip-link")?.textContent.trim() ?? null,
        header: text("#app header"),
        heading: text("#las-in-rubrik"),
        privacy: text("#app .privacy"),
        dropzone: text("#app .dropzone"),
      },
    };
  });
}

/** Drops files on the page as a user would drag them there (a DataTransfer with Files). */
async function dropFiles(page, paths) {
  const files = paths.map((p) => ({ name: basename(p), base64: readFileSync(p).toString("base64") }));
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name));
    }
    document.body.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

test("the file picker works before the app's module has arrived: files chosen and dropped then are read once it starts, focus kept, nothing moves", async () => {
  const held = await heldPage();
  try {
    const { page } = held;
    const picker = page.getByLabel(PICKER);
    await picker.waitFor({ state: "attached" });
    assert.equal(await picker.isEnabled(), true, "the static picker is enabled at once");
    assert.equal(await page.locator("#app .choices").count(), 0, "the app has not started");
    const before = await firstScreen(page);

    await picker.focus();
    await picker.setInputFiles(realFixture("Statistikdatabasen_2025-allergy.xlsx"));
    const status = page.locator("#starting");
    assert.equal(await status.getAttribute("role"), "status");
    assert.equal(await status.innerText(), "Sidan startar … 1 fil läses in så snart den har startat.");
    await dropFiles(page, [realFixture("2024-11-9295-tables.xlsx")]);
    assert.equal(await status.innerText(), "Sidan startar … 2 filer läses in så snart den har startat.");
    assert.equal(page.url().startsWith("http"), true, "the dropped file did not replace the page");

    held.release();
    await appStarted(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "filval", "the focus stayed on the picker");
    const afterStart = await firstScreen(page);
    assert.deepEqual(afterStart.texts, before.texts, "the static first screen says what the app says");
    assert.deepEqual(afterStart.boxes, before.boxes, "nothing on the first screen moved when the app took over");

    held.releaseEngine();
    const cards = page.getByTestId("fil");
    await cards.filter({ hasText: "Statistikdatabasen_2025-allergy.xlsx" }).getByTestId("last-som").waitFor();
    await cards.filter({ hasText: "2024-11-9295-tables.xlsx" }).getByTestId("last-som").waitFor();
    assert.equal(await cards.count(), 2, "each file once, in the order chosen");
    assert.match(await cards.first().innerText(), /Statistikdatabasen/);

    // From now on the app answers: a file chosen again is read once, not also by early.js.
    await page.getByLabel(PICKER).setInputFiles(realFixture("2024-9-9230-tables.xlsx"));
    await cards.filter({ hasText: "2024-9-9230-tables.xlsx" }).getByTestId("last-som").waitFor();
    assert.equal(await cards.count(), 3);
    assert.deepEqual(held.problems, []);
  } finally {
    await held.close();
  }
});

test("embedded, the static first screen shows no header, as the app; the example data asked for then is made once it starts", async () => {
  const held = await heldPage({ path: "?inbaddad=1&kommun=0138" });
  try {
    const { page } = held;
    await page.getByRole("button", { name: "Prova med exempeldata" }).waitFor();
    const header = await page.locator("#app header").boundingBox();
    assert.ok(header.height <= 1 && header.width <= 1, `no header to see inside the host's page: ${JSON.stringify(header)}`);
    assert.equal(await page.getByRole("heading", { level: 1, name: "ÖJ-analys" }).count(), 1, "the h1 is kept for screen readers");
    const { privacy, heading, button, examples } = (await firstScreen(page)).boxes;
    const before = { privacy, heading, button, examples };
    await page.getByRole("button", { name: "Prova med exempeldata" }).click();
    assert.equal(await page.locator("#starting").innerText(), "Sidan startar … exempeldata läses in så snart den har startat.");

    held.release();
    await appStarted(page);
    const after = (await firstScreen(page)).boxes;
    assert.deepEqual({ privacy: after.privacy, heading: after.heading, button: after.button, examples: after.examples }, before, "nothing moved");
    held.releaseEngine();
    await page.getByTestId("fil").first().getByTestId("last-som").waitFor({ state: "attached", timeout: 60000 });
    assert.ok((await page.getByTestId("fil").count()) > 1, "the example workbooks are read");
    assert.deepEqual(held.problems, []);
  } finally {
    await held.close();
  }
});

test("on a phone (360 px) too, the static first screen is where the app puts it, and meets WCAG 2.1 AA", async () => {
  const held = await heldPage({ viewport: { width: 360, height: 740 } });
  try {
    const { page } = held;
    await page.getByLabel(PICKER).waitFor({ state: "attached" });
    const before = await firstScreen(page);
    assert.deepEqual(await violations(page), [], "the static first screen, as axe-core sees it");
    held.release();
    await appStarted(page);
    assert.deepEqual(await firstScreen(page), before);
    assert.deepEqual(held.problems, []);
  } finally {
    held.releaseEngine();
    await held.close();
  }
});

test("when the app cannot start, the first screen says so and its picker and button are turned off", async () => {
  const held = await heldPage({ refuse: true });
  try {
    const { page } = held;
    await page.locator("#starting").filter({ hasText: "Sidan kunde inte starta" }).waitFor();
    assert.equal(await page.getByLabel(PICKER).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "Prova med exempeldata" }).isDisabled(), true);
  } finally {
    await held.close();
  }
});
