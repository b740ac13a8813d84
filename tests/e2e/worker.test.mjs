// The Web Worker: files are read off the main thread; the same file twice is recognised; a file
// that crashes the worker fails alone; "Avbryt" stops reading and the page keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appStarted, dist, launch, openApp, realFixture, onlyRestartedWorker } from "./support.mjs";
import { serve } from "./serve.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PICKER = "Välj en eller flera filer från Öppna jämförelser";
const file = (name, path) => ({ name, mimeType: "application/octet-stream", buffer: readFileSync(path) });

/** Makes the page's worker behave badly for one file name (what a wasm trap or a hang looks like). */
async function sabotage(page, name, how) {
  const [worker] = page.workers();
  assert.ok(worker, "the page runs a worker");
  await worker.evaluate(
    ([name, how]) => {
      const original = self.onmessage;
      self.onmessage = (event) => {
        if (event.data.kind === "job" && JSON.parse(event.data.request).Read?.name === name) {
          if (how === "trap") throw new WebAssembly.RuntimeError("unreachable");
          const until = Date.now() + 20000;
          while (Date.now() < until) {
            // A file that takes far too long.
          }
        }
        original(event);
      };
    },
    [name, how],
  );
}

test("the page is usable before the worker's module has arrived; a file chosen then waits for it, and says so", async () => {
  const server = await serve({ root: dist });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (err) => problems.push(String(err)));
    // Hold the worker's module back until the test lets it through.
    let release;
    const held = new Promise((done) => (release = done));
    let asked = false;
    await page.route(/\/engine-[0-9a-f]+_bg\.wasm$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(server.url);
    await appStarted(page);
    const input = page.getByLabel(PICKER);
    await input.waitFor();
    assert.equal(await input.isEnabled(), true, "the file picker works before the worker's module is there");
    await page.waitForFunction(() => document.querySelector("meta[name=oj-engine]"));
    await input.setInputFiles(realFixture("Statistikdatabasen_2025-allergy.xlsx"));
    const card = page.getByTestId("fil").first();
    await card.getByTestId("vantar").filter({ hasText: "läsaren laddas" }).waitFor();
    for (let i = 0; i < 50 && !asked; i++) await page.waitForTimeout(100);
    assert.ok(asked, "the page asked for the worker's module once it was usable");
    release();
    await card.getByTestId("last-som").waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("the same file loaded twice is read once and said so", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const stroke = realFixture("2024-11-9295-tables.xlsx");
    await page.getByLabel(PICKER).setInputFiles([file("a.xlsx", stroke), file("kopia-av-a.xlsx", stroke)]);
    const cards = page.getByTestId("fil");
    await cards.nth(1).getByText(/Samma fil som a\.xlsx/).waitFor();
    assert.equal(await cards.nth(0).getByTestId("last-som").count(), 1);
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("a file that crashes the worker fails alone; the others are read and kept", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const input = page.getByLabel(PICKER);
    await input.setInputFiles(realFixture("Statistikdatabasen_2025-allergy.xlsx"));
    await page.getByTestId("last-som").waitFor();
    await sabotage(page, "krasch.xlsx", "trap");
    await input.setInputFiles([]);
    await input.setInputFiles([
      { name: "krasch.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\u0003\u0004 trasig") },
      file("stroke.xlsx", realFixture("2024-11-9295-tables.xlsx")),
    ]);
    const cards = page.getByTestId("fil");
    await cards.filter({ hasText: "stroke.xlsx" }).getByTestId("last-som").waitFor();
    const crashed = cards.filter({ hasText: "krasch.xlsx" });
    assert.match(await crashed.getByRole("alert").innerText(), /krascha.*De andra filerna påverkas inte/s);
    assert.equal(await cards.filter({ hasText: "Statistikdatabasen" }).getByTestId("last-som").count(), 1);
    assert.match(await page.locator(".notices").innerText(), /startades om/);
    // The restarted worker works: one more file is read.
    await input.setInputFiles([]);
    await input.setInputFiles(realFixture("2024-9-9230-tables.xlsx"));
    await cards.filter({ hasText: "2024-9-9230" }).getByTestId("last-som").waitFor();
    onlyRestartedWorker(app);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("Avbryt stops a file that takes too long, keeps the files read, and the page goes on", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const input = page.getByLabel(PICKER);
    await input.setInputFiles(realFixture("Statistikdatabasen_2025-allergy.xlsx"));
    await page.getByTestId("last-som").waitFor();
    await sabotage(page, "seg.xlsx", "hang");
    await input.setInputFiles([]);
    await input.setInputFiles([
      file("seg.xlsx", realFixture("2024-9-9230-tables.xlsx")),
      file("sedan.xlsx", realFixture("2024-11-9295-tables.xlsx")),
    ]);
    const cancel = page.getByRole("button", { name: "Avbryt" });
    await cancel.waitFor();
    // The page stays responsive while the worker is busy.
    const started = Date.now();
    await page.getByRole("combobox", { name: "Kommun", exact: true }).fill("tyr");
    assert.ok(Date.now() - started < 2000, "typing is not blocked by reading");
    await cancel.click();
    const cards = page.getByTestId("fil");
    assert.match(await cards.filter({ hasText: "seg.xlsx" }).getByRole("alert").innerText(), /Avbruten/);
    assert.match(await cards.filter({ hasText: "sedan.xlsx" }).getByRole("alert").innerText(), /Avbruten/);
    assert.equal(await cards.filter({ hasText: "Statistikdatabasen" }).getByTestId("last-som").count(), 1);
    await input.setInputFiles([]);
    await input.setInputFiles(realFixture("2024-11-9295-tables.xlsx"));
    await cards.filter({ hasText: "2024-11-9295-tables.xlsx" }).getByTestId("last-som").waitFor();
    onlyRestartedWorker(app);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("files dropped anywhere on the page are read, and a loaded file can be replaced and removed", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const bytes = [...readFileSync(realFixture("Statistikdatabasen_2025-allergy.xlsx"))];
    // A drop on the page's footer, far from the file picker.
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "slappt.xlsx"));
      const target = document.querySelector("footer");
      for (const type of ["dragover", "drop"]) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    }, bytes);
    const cards = page.getByTestId("fil");
    await cards.filter({ hasText: "slappt.xlsx" }).getByTestId("last-som").waitFor();

    // Replace it with another file, then remove that.
    await page.getByLabel("Byt ut slappt.xlsx mot en annan fil").setInputFiles(realFixture("2024-11-9295-tables.xlsx"));
    await cards.filter({ hasText: "2024-11-9295-tables.xlsx" }).getByTestId("last-som").waitFor();
    assert.equal(await cards.filter({ hasText: "slappt.xlsx" }).count(), 0);
    await page.getByRole("button", { name: "Ta bort 2024-11-9295-tables.xlsx" }).click();
    await page.getByText("Inga filer inlästa ännu.").waitFor();
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
