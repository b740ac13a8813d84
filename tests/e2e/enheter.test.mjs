// The Enheter view on the example enhetsundersökning (hemtjänst 2025): offered in the
// navigation only once such a file is read, Tyresö's eight units with their fractions worked by
// hand (exempel::enheter::TYRESO_UNITS), the regi filter, a fraction opening its cells, the
// answers beside the kommun's and riket's rows, Översikt's pointer to it, and no WCAG 2.1 A/AA
// violation (axe) at 1366 and 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, openApp, openView, repo, viewNames, violations } from "./support.mjs";

const EXEMPEL = process.env.OJ_EXEMPEL ?? join(repo, "public/exempel");
const PICKER = "Välj en eller flera filer från Öppna jämförelser";
const SURVEY = join(EXEMPEL, "oppna-jamforelser-2025-aldreomsorg-hemtjanst-enheter-fiktiva-exempeldata.xlsx");
const AREA = join(EXEMPEL, "oppna-jamforelser-2020-ekonomiskt-bistand-fiktiva-exempeldata.xlsx");

/** WCAG 2.1 A/AA violations on the page, as "rule: target" lines. */

/** The units table's rows: [name, regi, fraction]. */
async function unitRows(page) {
  const rows = [];
  for (const row of await page.getByTestId("enhet-rad").all()) {
    const cells = await row.locator("th, td").allInnerTexts();
    rows.push(cells.slice(0, 3).map((c) => c.trim()));
  }
  return rows;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("Enheter: Tyresö's units with their fractions, filtered by regi, beside the kommun and riket", async () => {
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    assert.ok(!(await viewNames(page)).includes("Enheter"), "not offered before a survey is read");
    await page.getByLabel(PICKER).setInputFiles([AREA]);
    await page.getByTestId("oversikt").waitFor({ timeout: 60000 });
    assert.ok(!(await viewNames(page)).includes("Enheter"), "not offered for an ordinary ÖJ file");
    await page.getByLabel(PICKER).setInputFiles([]);
    await page.getByLabel(PICKER).setInputFiles([SURVEY]);
    // Översikt points to the units.
    const note = page.getByTestId("oversikt-enheter");
    await note.waitFor({ timeout: 60000 });
    assert.match(await note.innerText(), /Hemtjänst 2025 \(äldreomsorg\): 8 enheter, sammanlagt 82\/108 \(76 %\) uppfyllda indikatorer\./);
    assert.ok((await viewNames(page)).includes("Enheter"));
    await note.getByRole("button", { name: "Visa enheterna" }).click();
    await page.locator("#vy-rubrik", { hasText: "Enheter" }).waitFor();

    assert.deepEqual(await unitRows(page), [
      ["Hemtjänst Tyresö centrum", "Offentlig", "13/14 (93 %)"],
      ["Hemtjänst Trollbäcken", "Offentlig", "11/14 (79 %)"],
      ["Hemtjänst Bollmora", "Offentlig", "9/13 (69 %)"],
      ["Tyresö nattpatrull", "Offentlig", "11/12 (92 %)"],
      ["Omsorgsbolaget AB", "Enskild", "8/14 (57 %)"],
      ["Vardagshjälpen AB", "Enskild", "14/14 (100 %)"],
      ["Trygga händer AB", "Enskild", "4/13 (31 %)"],
      ["Solrosen Omsorg AB", "Enskild", "12/14 (86 %)"],
    ]);
    const sums = page.getByTestId("enheter-summa");
    assert.match(await sums.first().innerText(), /Tyresös enheter sammanlagt\s+8 enheter\s+82\/108 \(76 %\)/);
    assert.equal(await page.getByTestId("enheter-antal").innerText(), "Visar 8 av 8 enheter.");

    // A unit's fraction opens its 14 cells, the empty one among them.
    await page.getByRole("button", { name: /^11\/12 \(92 %\), Tyresö nattpatrull/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Brukaren kan välja tid för sina insatser/);
    assert.deepEqual(await violations(page), [], "the cells dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    // Answers per indicator: the kommun's units recomputed beside the file's kommun row.
    const kontakt = page.getByTestId("enhet-indikator").filter({ hasText: "Kontaktperson utses inom två veckor" });
    const cells = await kontakt.locator("td").allInnerTexts();
    assert.equal(cells.length, 8 + 4);
    assert.deepEqual(cells.slice(8, 10).map((c) => c.trim()), ["4 av 7 (57 %)", "57"]);

    // Enskild regi only: four units, their pooled figure, the columns follow.
    await page.getByRole("radio", { name: "Enskild" }).check();
    await page.getByTestId("enheter-antal").filter({ hasText: "Visar 4 av 8 enheter." }).waitFor();
    assert.deepEqual(
      (await unitRows(page)).map((r) => r[0]),
      ["Omsorgsbolaget AB", "Vardagshjälpen AB", "Trygga händer AB", "Solrosen Omsorg AB"],
    );
    assert.match(await sums.first().innerText(), /38\/55 \(69 %\)/);
    const enskild = await kontakt.locator("td").allInnerTexts();
    assert.equal(enskild.length, 4 + 4);
    assert.equal(enskild[4].trim(), "2 av 4 (50 %)");
    assert.deepEqual(await violations(page), [], "Enheter, enskild regi");

    // Keyboard: the regi filter is one radio group.
    await page.getByRole("radio", { name: "Alla enheter" }).focus();
    await page.keyboard.press("ArrowDown");
    await page.getByTestId("enheter-antal").filter({ hasText: "Visar 4 av 8 enheter." }).waitFor();
    assert.equal(await page.getByRole("radio", { name: "Offentlig" }).isChecked(), true);

    await page.setViewportSize({ width: 360, height: 740 });
    assert.deepEqual(await violations(page), [], "Enheter at 360 px");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 360 px`);

    // The report names the units too.
    await page.setViewportSize({ width: 1366, height: 768 });
    await openView(page, "Rapport");
    const text = await page.getByTestId("rapport-text").innerText();
    assert.ok(text.includes("Enheter i Tyresö, hemtjänst 2025 (äldreomsorg, enhetsundersökning):"), text);
    assert.ok(text.includes("Trygga händer AB (enskild): 4/13 uppfyllda indikatorer: 31 %"), text);
    await page.getByTestId("rapport-enheter").waitFor();

    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
