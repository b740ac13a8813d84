// A workbook of ÖJ's model of 2023– (today's generator's committed fixture: ekonomiskt bistånd
// 2022–2024 in one sheet, years under each indicator, indicators under kvalitetsdimensioner, with
// välfärdsindikatorer and nyckeltal, 30 kommuner): the
// views are grouped and named by the file's dimensions, Tyresö's figures per dimension and year
// are the hand-worked ones of src/exempel/years.rs (50 %, 70 %, 82 %), only kvalitetsindikatorer
// are counted, the comparability note flags its indicator, and axe finds no WCAG 2.1 A/AA
// violation in any view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, openApp, openView, repo, viewNames, violations } from "./support.mjs";

const FILE = join(repo, "tests/fixtures/generated/ekonomiskt-bistand-2022-2024.indikatorblock-lkg-kategorier-beskrivningar.xlsx");
const PICKER = "Välj en eller flera filer från Öppna jämförelser";
const EXEMPEL = process.env.OJ_EXEMPEL ?? join(repo, "public/exempel");
const CLASSIC_2020 = join(EXEMPEL, "oppna-jamforelser-2020-ekonomiskt-bistand-fiktiva-exempeldata.xlsx");
const DIMENSIONS = ["Kunskapsbaserad", "Säker", "Individanpassad", "Effektiv", "Jämlik", "Tillgänglig"];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a file of the model of 2023–: grouped by its kvalitetsdimensioner, in every view", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await page.getByLabel(PICKER).setInputFiles([FILE]);
    const row = page.getByTestId("oversikt-rad").filter({ hasText: "Ekonomiskt bistånd" });
    await row.waitFor({ timeout: 60000 });
    // Översikt: the newest year of the file, and the change since the year before in it.
    assert.equal((await row.getByTestId("uppfyllda").innerText()).trim(), "9/11 (82 %)");
    assert.equal((await row.getByTestId("forandring").innerText()).replace(/\s+/g, " ").trim(), "+12 procentenheter (70 % 2023)");
    const names = await viewNames(page);
    assert.ok(names.includes("Kvalitetsdimensioner") && !names.includes("Kvalitetsområden"), `${names}`);
    assert.deepEqual(await violations(page), [], "Översikt");

    // Kvalitetsdimensioner: the dimensions as the file words them, in its order, 2024's figures.
    await openView(page, "Kvalitetsdimensioner");
    const table = page.getByTestId("kvalitetstabell");
    await table.getByTestId("kvalitet-rad").first().waitFor();
    const head = (await table.locator("thead th").allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(head, ["Verksamhetsområde", ...DIMENSIONS, "Totalt"]);
    const cells = (await table.getByTestId("kvalitet-rad").locator("td").allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(cells, ["3/3 (100 %)", "2/2 (100 %)", "1/2 (50 %)", "0/1 (0 %)", "2/2 (100 %)", "1/1 (100 %)", "9/11 (82 %)"]);
    assert.match(await table.locator("caption").innerText(), /per verksamhetsområde och kvalitetsdimension/);
    assert.deepEqual(await violations(page), [], "Kvalitetsdimensioner");

    // Indikatorer: filtered by dimension; the numbers beside, never in a fraction.
    await openView(page, "Indikatorer");
    await page.getByLabel("Kvalitetsdimension").selectOption({ label: "Jämlik" });
    // The filter applies when the page has re-rendered: wait for that state, not a time.
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=indikator]").length === 2);
    assert.deepEqual(
      (await page.getByTestId("indikator").allInnerTexts()).map((t) => t.split("\n")[0].trim()),
      ["EB10 Tolk vid behov under hela handläggningen", "EB11 Information om ekonomiskt bistånd på flera språk"],
    );
    await page.getByLabel("Kvalitetsdimension").selectOption({ label: "Kunskapsbaserad" });
    const flagged = page.getByTestId("indikator").filter({ hasText: "Aktuell rutin för handläggning" });
    assert.match(await flagged.innerText(), /inte helt jämförbar med tidigare år: 24 månader \(tidigare 12\)/);
    assert.match(await flagged.innerText(), /kvalitetsindikator · struktur · målvärde: Ja/);
    const numbers = page.getByTestId("tal-tabell");
    assert.match(await numbers.locator("caption").innerText(), /välfärdsindikatorer och nyckeltal/);
    assert.match(await numbers.innerText(), /Andel invånare med långvarigt ekonomiskt bistånd/);
    assert.deepEqual(await violations(page), [], "Indikatorer");

    // Över tid: three years from one file, each on its own dimensions.
    await openView(page, "Över tid");
    await page.getByTestId("over-tid").getByTestId("ar-rad").first().waitFor();
    const years = await page.getByTestId("over-tid").getByTestId("ar-rad").allInnerTexts();
    assert.deepEqual(
      years.map((y) => y.split(/\s+/).slice(0, 3).join(" ")),
      ["2022 5/10 (50", "2023 7/10 (70", "2024 9/11 (82"],
    );
    assert.match(await page.locator("ul.changes").innerText(), /inte helt jämförbar 2023→2024: Aktuell rutin för handläggning/);
    // The chart's legend: Totalt and the six dimensions, each with its own line and marker.
    const legend = await page.locator("svg.trend-chart").first().evaluate((svg) =>
      [...svg.querySelectorAll("path.marker")]
        .map((m) => [m.querySelector("title")?.textContent ?? "", m.getAttribute("class")])
        .filter(([name]) => !name.includes(":")),
    );
    assert.deepEqual(legend.map(([name]) => name), ["Totalt", ...DIMENSIONS]);
    assert.equal(new Set(legend.map(([, style]) => style)).size, 7, JSON.stringify(legend));
    assert.deepEqual(await violations(page), [], "Över tid");

    // Rapport: the text per dimension, the years from one file, the rule stated.
    await openView(page, "Rapport");
    const text = await page.getByTestId("rapport-text").innerText();
    for (const line of [
      "Resultat per kvalitetsdimension och totalt, ekonomiskt bistånd:",
      "Kunskapsbaserad, 3/3 uppfyllda indikatorer: 100 %",
      "Totalt 9/11 uppfyllda indikatorer: 82 % (70 % 2023, 50 % 2022)",
      "Bara kvalitetsindikatorer som besvaras med Ja, Delvis eller Nej räknas som uppfyllda eller inte.",
    ]) {
      assert.ok(text.includes(line), `${line}\n---\n${text}`);
    }
    assert.deepEqual(await violations(page), [], "Rapport");

    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("Över tid across the change of model: the totals per year, the grouping change said, no empty common set", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await page.getByLabel(PICKER).setInputFiles([CLASSIC_2020, FILE]);
    await page.getByTestId("oversikt-rad").filter({ hasText: "Ekonomiskt bistånd" }).waitFor({ timeout: 60000 });
    await page.waitForFunction(() => !document.querySelector("[data-testid=lasstatus] progress"));
    await openView(page, "Över tid");
    const table = page.getByTestId("over-tid");
    await table.getByTestId("ar-rad").first().waitFor();
    const rows = (await table.getByTestId("ar-rad").allInnerTexts()).map((r) => r.replace(/\s+/g, " ").trim());
    // 2020 from the classic file (the seed's 59 %), 2022–2024 from the workbook (50, 70, 82 %).
    assert.deepEqual(
      rows.map((r) => r.split(" ").slice(0, 3).join(" ")),
      ["2020 22/37 (59", "2022 5/10 (50", "2023 7/10 (70", "2024 9/11 (82"],
    );
    assert.match(rows[0], /per kvalitetsområde$/);
    assert.match(rows[3], /per kvalitetsdimension$/);
    const main = await page.locator("main").innerText();
    assert.ok(main.includes("Från 2022 grupperas indikatorerna efter kvalitetsdimensioner (tidigare kvalitetsområden); åren jämförs bara på totalen."), main);
    // No indicator is in every year: no choice of a common set of none.
    assert.equal(await page.getByRole("group", { name: "Indikatorer att jämföra" }).count(), 0);
    assert.match(await page.getByTestId("inga-gemensamma").innerText(), /Ingen indikator finns med alla år/);
    assert.deepEqual(await violations(page), [], "Över tid över modellbytet");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
