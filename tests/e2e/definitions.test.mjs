// Indikatorer with the example data for Tyresö (ekonomiskt bistånd 2024, whose file carries an
// Indikatorbeskrivningar sheet): every row opens its indicator's definition from the keyboard —
// the description, the sheet's other columns and where it was read — and a table from a file
// without descriptions says so; each förbättringsområde names who to learn from, worded as the
// report text words it (report::text::learn_line), in Indikatorer and in Rapport. The cells
// dialog of one indicator's cells shows the same definition (a fraction's cells show none).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, openApp, openView, repo } from "./support.mjs";

const PICKER = "Välj en eller flera filer från Öppna jämförelser";
const NO_DESCRIPTIONS = join(repo, "tests/fixtures/generated/ekonomiskt-bistand-2020.wide1.xlsx");
const squash = (text) => text.replace(/\s+/g, " ").trim();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function exampleIndikatorer(page) {
  await page.getByRole("button", { name: "Prova med exempeldata" }).click();
  await page.getByTestId("oversikt-rad").first().waitFor({ timeout: 120000 });
  await openView(page, "Indikatorer");
  await page.getByLabel("Verksamhetsområde").selectOption({ value: "ekonomiskt-bistand" });
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=indikator] th")].some((th) => th.textContent.startsWith("EB8 ")),
  );
}

test("Indikatorer: each row opens its definition with the keyboard", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await exampleIndikatorer(page);
    const row = page.getByTestId("indikator").filter({ hasText: "EB1 Rutin för systematisk uppföljning" });
    const definition = row.getByTestId("definition");
    const summary = definition.locator("summary");
    // Closed at first: the description is not shown until asked for.
    assert.equal(await definition.evaluate((d) => d.open), false);
    assert.equal(await definition.locator(".definition-text").isVisible(), false);
    // Named for its indicator, and opened from the keyboard.
    assert.equal(squash(await summary.textContent()), "Definition av EB1 Rutin för systematisk uppföljning av beviljat ekonomiskt bistånd");
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.equal(await definition.evaluate((d) => d.open), true);
    const text = squash(await definition.locator(".definition-text").innerText());
    assert.match(text, /^Visar om kommunen uppger att den har eller gör följande: rutin för systematisk uppföljning av beviljat ekonomiskt bistånd\./);
    const fields = await definition.locator("dt").allInnerTexts();
    assert.ok(fields.includes("Indikatorkod"), `${fields}`);
    assert.match(await definition.innerText(), /Ur oppna-jamforelser-2024-ekonomiskt-bistand-2022-2024-fiktiva-exempeldata\.xlsx, bladet /);
    // Every row of the table has one, and the numeric indicators too.
    const rows = await page.getByTestId("indikator").count();
    assert.equal(await page.getByTestId("indikator").getByTestId("definition").count(), rows);
    assert.ok((await page.getByTestId("tal").getByTestId("definition").count()) > 0);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("the cells dialog of an indicator shows its definition; a fraction's shows none", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await exampleIndikatorer(page);
    const row = page.getByTestId("indikator").filter({ hasText: "EB1 Rutin för systematisk uppföljning" });
    const inRow = squash(await row.getByTestId("definition").locator(".definition-text").textContent());
    await row.getByRole("button", { name: /visa cellen$/ }).click();
    const dialog = page.getByTestId("celler");
    await dialog.getByRole("heading", { name: /^EB1 Rutin för systematisk uppföljning.*: eget utfall$/ }).waitFor();
    const definition = dialog.getByTestId("celler-definition");
    // The same text, columns and source as the row's own, under a heading of its own.
    assert.equal(await definition.getByRole("heading", { name: "Definition" }).count(), 1);
    assert.equal(squash(await definition.locator(".definition-text").innerText()), inRow);
    assert.match(inRow, /^Visar om kommunen uppger att den har eller gör följande: rutin för systematisk uppföljning/);
    assert.ok((await definition.locator("dt").allInnerTexts()).includes("Indikatorkod"));
    assert.match(await definition.innerText(), /Ur oppna-jamforelser-2024-ekonomiskt-bistand-2022-2024-fiktiva-exempeldata\.xlsx, bladet /);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    // A fraction (many indicators' cells): the dialog has no definition.
    await openView(page, "Översikt");
    await page.getByTestId("oversikt-rad").first().getByRole("button", { name: /visa cellerna bakom siffran$/ }).click();
    await dialog.getByRole("heading").first().waitFor();
    assert.ok((await dialog.locator("tbody tr").count()) > 1);
    assert.equal(await dialog.getByTestId("celler-definition").count(), 0);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("Indikatorer: a file without descriptions says so", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await page.getByLabel(PICKER).setInputFiles([NO_DESCRIPTIONS]);
    await page.getByTestId("oversikt-rad").first().waitFor({ timeout: 60000 });
    await openView(page, "Indikatorer");
    const definition = page.getByTestId("indikator").first().getByTestId("definition");
    await definition.locator("summary").click();
    assert.equal(squash(await definition.locator(".definition-text").innerText()), "Ingen beskrivning i de inlästa filerna");
    assert.equal(await definition.locator("dt").count(), 0);
    // So does the cells dialog of its outcome.
    await page.getByTestId("indikator").first().getByRole("button", { name: /visa cellen$/ }).click();
    const inDialog = page.getByTestId("celler").getByTestId("celler-definition");
    await inDialog.waitFor();
    assert.equal(squash(await inDialog.locator(".definition-text").innerText()), "Ingen beskrivning i de inlästa filerna");
    assert.equal(await inDialog.locator("dt").count(), 0);
  } finally {
    await app.close();
  }
});

test("Att lära av: who fulfils each förbättringsområde, in Indikatorer and Rapport", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await exampleIndikatorer(page);
    const improve = page.getByTestId("forbattringsomraden");
    const item = improve.locator("li").filter({ hasText: "Samverkan med Arbetsförmedlingen i enskilda ärenden" });
    assert.equal(
      squash(await item.getByTestId("att-lara-av").innerText()),
      "Att lära av: Bjurholm, Essunga, Håbo, Norrtälje och Torsby.",
    );
    // One line per förbättringsområde, none under styrkor.
    assert.equal(await improve.getByTestId("att-lara-av").count(), await improve.locator("li").count());
    assert.equal(await page.getByTestId("styrkor").getByTestId("att-lara-av").count(), 0);

    await openView(page, "Rapport");
    const section = page.getByTestId("rapport-omrade").and(page.locator("[data-omrade=ekonomiskt-bistand]"));
    const line = section.locator("li").filter({ hasText: "Barnets situation beaktas i utredningen" });
    assert.equal(squash(await line.getByTestId("att-lara-av").innerText()), "Att lära av: Essunga, Håbo, Sjöbo och Värnamo.");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
