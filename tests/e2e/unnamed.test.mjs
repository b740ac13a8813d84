// A table that names no verksamhetsområde (issue 15 §4): the Ja/Nej answers of the generator's
// ekonomiskt bistånd 2020 as a csv without its title row, under a name that says no area either.
// The page says so on the file card and in Översikt, with a button that opens Tolkning at the
// table's Verksamhetsområde select; chosen with the keyboard, the table scores as the CLI scores
// it with --omrade, and the choice is kept for the same layout after a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appStarted, launch, openApp, repo, violations } from "./support.mjs";

const PICKER = "Välj en eller flera filer från Öppna jämförelser";
const CLI = process.env.OJ_CLI ?? join(repo, "target/release/oj-analys");
const NAMED = join(repo, "tests/fixtures/generated/ekonomiskt-bistand-2020.wide1.utf8bom-komma.csv");
const NAME = "svar-2020.csv";
const squash = (text) => text.replace(/\s+/g, " ").trim();

/** The fixture without its title row (and the empty row under it): answers and nothing else. */
function unnamedCsv() {
  const text = readFileSync(NAMED, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith("Kod,"));
  assert.ok(header > 0, "the fixture has a title row above its header");
  assert.match(lines.slice(0, header).join(" "), /Ekonomiskt bistånd/);
  const body = lines.slice(header).join("\r\n");
  return Buffer.from(`\uFEFF${body}`, "utf8");
}

/** "22/37 (59 %)" as the page writes a score. */
function scoreText(score) {
  const uppfyllda = String(score.uppfyllda).replace(".", ",");
  return `${uppfyllda}/${score.denominator} (${score.percent} %)`;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a table naming no area: said, named in Tolkning with the keyboard, scored as the CLI with --omrade, kept", async () => {
  const bytes = unnamedCsv();
  const dir = mkdtempSync(join(tmpdir(), "oj-utan-omrade-"));
  const path = join(dir, NAME);
  writeFileSync(path, bytes);
  assert.ok(existsSync(CLI), `${CLI} is missing (./run --build builds it)`);
  const cli = JSON.parse(
    execFileSync(CLI, ["report", "--json", "--kommun", "0138", "--omrade", "ekonomiskt-bistand", path], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString("utf8"),
  );
  const eb = cli.areas.find((a) => a.area === "EkonomisktBistand");
  assert.ok(eb, JSON.stringify(cli.areas.map((a) => a.area)));
  const expected = scoreText(eb.total.score);

  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    const file = { name: NAME, mimeType: "text/csv", buffer: bytes };
    await page.getByLabel(PICKER).setInputFiles(file);

    // The file card and Översikt say it, in Swedish; no figure is shown.
    const card = page.getByTestId("fil").getByTestId("fil-utan-omrade");
    await card.waitFor({ timeout: 60000 });
    assert.match(squash(await card.innerText()), /Tabellen på bladet .+ i svar-2020\.csv namnger inget verksamhetsområde/);
    const note = page.getByTestId("vy").getByTestId("utan-omrade");
    await note.waitFor();
    assert.match(squash(await note.innerText()), /namnger inget verksamhetsområde, så den räknas inte än\. Välj området i Tolkning/);
    await page.getByTestId("tom-vy").filter({ hasText: "Ingen av de inlästa tabellerna har ett känt verksamhetsområde." }).waitFor();
    assert.equal(await page.getByTestId("oversikt-rad").count(), 0);
    assert.deepEqual(await violations(page), [], "Översikt with an unnamed table");

    // Keyboard only: the button opens Tolkning with focus on the table's area select.
    const button = note.getByRole("button", { name: /^Välj område i Tolkning: svar-2020\.csv, bladet / });
    await button.focus();
    await page.keyboard.press("Enter");
    await page.locator("#vy-rubrik", { hasText: "Tolkning" }).waitFor();
    const select = page.getByTestId("tolkning-tabell").getByLabel("Verksamhetsområde");
    await page.waitForFunction(() => document.activeElement?.id?.endsWith("-omrade"));
    assert.equal(await select.evaluate((s) => s === document.activeElement), true, "focus is on the table's select");
    assert.match(await page.getByTestId("tolkat-omrade").innerText(), /^okänt/);
    await page.keyboard.press("ArrowDown");
    assert.equal(await select.inputValue(), "ekonomiskt-bistand");
    await page.getByTestId("tolkat-omrade").getByText(/Ekonomiskt bistånd.*användarens rättelse/).waitFor({ timeout: 60000 });
    assert.equal(await page.getByTestId("utan-omrade").count(), 0, "the note is gone");

    // Översikt: the table counts like any other, as the CLI counts it with --omrade.
    await page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name: "Översikt", exact: true }).click();
    const row = page.locator('[data-testid=oversikt-rad][data-omrade="ekonomiskt-bistand"]');
    await row.waitFor({ timeout: 60000 });
    assert.equal(squash(await row.getByTestId("uppfyllda").innerText()), expected);
    assert.match(expected, /^\d+\/\d+ \(\d+ %\)$/);
    assert.equal(await page.getByTestId("fil-utan-omrade").count(), 0);

    // Reload: the same file again is read with the choice (kept for its layout), untouched.
    await page.reload();
    await appStarted(page);
    assert.equal(await page.getByTestId("fil").count(), 0, "no file survives a reload");
    await page.getByLabel(PICKER).setInputFiles(file);
    await row.waitFor({ timeout: 60000 });
    assert.equal(squash(await row.getByTestId("uppfyllda").innerText()), expected);
    assert.equal(await page.getByTestId("utan-omrade").count(), 0);
    assert.deepEqual(app.requestsAfterLoad().filter((u) => !u.startsWith(app.server.url)), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
