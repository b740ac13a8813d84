// The first page: it loads in Swedish, lists a real workbook's sheets, and stays private.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openApp, realFixture } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the page loads with its Swedish heading and privacy promise", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    assert.equal(await page.getAttribute("html", "lang"), "sv");
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "ÖJ-analys");
    assert.match(
      await page.getByTestId("integritet").innerText(),
      /Filerna läses bara i din webbläsare – inget skickas någonstans/,
    );
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("a real Socialstyrelsen workbook is read in the worker, with no request after load", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(realFixture("2024-11-9295-tables.xlsx"));
    const card = page.getByTestId("fil");
    await card.getByTestId("last-som").waitFor();
    assert.match(await card.locator("h3").innerText(), /2024-11-9295-tables\.xlsx \(567 kB\)/);
    assert.deepEqual(app.requestsAfterLoad(), [], "no request may leave after load");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("the example data loads without any request", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Prova med exempeldata" }).click();
    await page.getByTestId("last-som").first().waitFor();
    assert.ok((await page.getByTestId("fil").count()) >= 1);
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("a file that is no workbook gets a Swedish message and the page keeps working", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const input = page.getByLabel("Välj en eller flera filer från Öppna jämförelser");
    await input.setInputFiles({ name: "anteckningar.txt", mimeType: "text/plain", buffer: Buffer.from("") });
    const alert = page.getByRole("alert").first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /tom/);
    await input.setInputFiles([]);
    await input.setInputFiles(realFixture("Statistikdatabasen_2025-allergy.xlsx"));
    await page.getByTestId("last-som").waitFor();
    assert.equal(await page.getByTestId("fil").count(), 2);
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
