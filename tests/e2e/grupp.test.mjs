// Gruppöversikt (issue 15 §3): with the example data, the chosen kommun's peer group and
// Stockholms län — Tyresö's figures as `oj-analys report --lan 01` prints them, sorting by a
// column with the keyboard, Excel and CSV downloads byte-identical to `report --ut`, axe clean,
// the group and the order kept in the address bar, and no sideways scrolling at 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appStarted, launch, openApp, openView, repo, viewNames, violations } from "./support.mjs";

const EXEMPEL = process.env.OJ_EXEMPEL ?? join(repo, "public/exempel");
const CLI = join(repo, "target/release/oj-analys");

/** Clicks `button` and returns the download: its suggested name and bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

const squash = (text) => text.replace(/\s+/g, " ").trim();

/** Tyresö's lines of `oj-analys report --lan 01 --kommun Tyresö`: "Ekonomiskt bistånd 2020" → "9/11 (82 %), plats …". */
function cliTyreso(files) {
  const text = execFileSync(CLI, ["report", "--lan", "01", "--kommun", "Tyresö", ...files], { encoding: "utf8" });
  const block = text.split("\n\n").find((b) => b.startsWith("Tyresö (0138)"));
  assert.ok(block, text.slice(0, 400));
  return Object.fromEntries(
    block
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(": ")),
  );
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("Gruppöversikt: the peer group and Stockholms län, as the CLI counts them, sorted by keyboard, downloaded, accessible", async () => {
  assert.ok(existsSync(CLI), "the release CLI (./run --build) is needed");
  const files = readdirSync(EXEMPEL)
    .filter((f) => /-2020-(ekonomiskt-bistand|missbruk|hemloshet)-.*\.xlsx$/.test(f))
    .map((f) => join(EXEMPEL, f));
  assert.equal(files.length, 3, `example workbooks in ${EXEMPEL}`);
  const app = await openApp(browser, { path: "?kommun=0138", acceptDownloads: true });
  try {
    const { page } = app;
    // Offered from the start, empty until files are read: a link appearing while the files are
    // read would make the navigation wrap anew (layout.test.mjs measures the shift).
    await openView(page, "Gruppöversikt");
    await page.getByTestId("tom-vy").waitFor();
    await openView(page, "Översikt");
    await page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(files);
    await page.getByTestId("oversikt").waitFor({ timeout: 120000 });
    const names = await viewNames(page);
    assert.equal(names[names.indexOf("Jämförelse") + 1], "Gruppöversikt", `${names}`);
    await openView(page, "Gruppöversikt");

    // The chosen kommun's peer group first: Tyresö marked, in text and for screen readers.
    const table = page.getByTestId("grupptabell");
    await table.waitFor({ timeout: 60000 });
    assert.match(await table.locator("caption").innerText(), /^Tyresö med jämförelsegrupp/);
    const own = table.locator("tr[aria-current=true]");
    assert.equal(await own.count(), 1);
    assert.equal(squash(await own.locator("th").innerText()), "Tyresö (vald)");
    assert.deepEqual(await violations(page), [], "the peer group");

    // Stockholms län: Tyresö's figures are the CLI's.
    await page.getByLabel("Kommuner i tabellen").selectOption("lan:01");
    await page.waitForFunction(() => /^Stockholms län/.test(document.querySelector("[data-testid=grupptabell] caption")?.textContent ?? ""));
    assert.match(page.url(), /gruppvy=lan:01/);
    const cli = cliTyreso(files);
    const headers = (await table.locator("thead th").allInnerTexts()).map((h) => squash(h).replace(/ [↕▲▼]$/, ""));
    assert.equal(headers[0], "Kommun");
    assert.equal(headers.at(-1), "Totalt");
    assert.equal(headers.length, 5, `${headers}`);
    const cells = await table.locator("tr[aria-current=true] td").allInnerTexts();
    headers.slice(1).forEach((header, k) => {
      // CLI "9/11 (82 %), plats 3 av 39 med uppgift, bästa 25 %" → page "9 av 11 82 % plats 3 av 39 ▲ bästa 25 %".
      const m = cli[header].match(/^(\S+)\/(\d+) \((\d+ %)\), plats (\d+ av \d+) med uppgift, (.+)$/);
      assert.ok(m, `${header}: ${cli[header]}`);
      const cell = squash(cells[k]);
      assert.ok(cell.startsWith(`${m[1]} av ${m[2]} ${m[3]} plats ${m[4]}`), `${header}: page "${cell}", CLI "${cli[header]}"`);
      assert.ok(cell.endsWith(m[5]), `${header}: ${cell} has the quartile words ${m[5]}`);
    });
    // Each figure opens the cells behind it (counted in the worker), by keyboard.
    const first = table.locator("tr[aria-current=true] td").first().getByRole("button");
    const firstHeader = headers[1];
    assert.equal(await first.getAttribute("aria-label"), `${squash(await first.innerText())}, Tyresö – ${firstHeader}: visa cellerna bakom siffran`);
    await first.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    assert.equal(await dialog.getByRole("heading").innerText(), `Tyresö – ${firstHeader}`);
    const fraction = cli[firstHeader].split(",")[0];
    assert.ok((await dialog.innerText()).includes(fraction), `the dialog says ${fraction}`);
    assert.ok((await dialog.locator("tbody tr").count()) >= Number(fraction.split("/")[1].split(" ")[0]));
    assert.deepEqual(await violations(page), [], "the cells dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    const rows = table.getByTestId("grupp-rad");
    assert.equal(await rows.count(), 39, "25 kommuner and Stockholm's 14 stadsdelar");
    assert.deepEqual(await violations(page), [], "Stockholms län");

    // Sorting with the keyboard: Totalt highest first, then lowest first; missing figures last.
    const totalt = table.locator("thead th").last();
    await totalt.getByRole("button").focus();
    await page.keyboard.press("Enter");
    assert.equal(await totalt.getAttribute("aria-sort"), "descending");
    assert.equal(await table.locator("thead th").first().getAttribute("aria-sort"), "none");
    const shares = async () =>
      (await table.locator("tbody tr td:last-child .group-percent").allInnerTexts()).map((t) => parseInt(t, 10));
    const down = await shares();
    assert.ok(down.length > 20);
    assert.deepEqual(down, [...down].sort((a, b) => b - a), "highest first");
    await page.keyboard.press("Space");
    assert.equal(await totalt.getAttribute("aria-sort"), "ascending");
    const up = await shares();
    assert.deepEqual(up, [...up].sort((a, b) => a - b), "lowest first");
    assert.match(page.url(), /&gruppsort=totalt:stigande$/, "the order in the address bar");
    const byName = table.locator("thead th").first();
    await byName.getByRole("button").press("Enter");
    assert.equal(await byName.getAttribute("aria-sort"), "ascending");
    const kommuner = (await table.locator("tbody th").allInnerTexts()).map((n) => n.replace(" (vald)", ""));
    assert.ok(kommuner.indexOf("Tyresö") < kommuner.indexOf("Täby") && kommuner.at(-1) === "Österåker", `${kommuner}`);
    assert.doesNotMatch(page.url(), /gruppsort/, "by name A–Ö, the default, is not written");

    // Downloads: the bytes `oj-analys report --lan 01 --kommun Tyresö --ut` writes.
    const ut = mkdtempSync(join(tmpdir(), "oj-grupp-"));
    execFileSync(CLI, ["report", "--lan", "01", "--kommun", "Tyresö", "--ut", ut, ...files], { stdio: "pipe" });
    const xlsx = await download(page, page.getByRole("button", { name: "Ladda ned Excel" }));
    assert.equal(xlsx.name, "gruppoversikt-stockholms-lan.xlsx");
    assert.ok(xlsx.bytes.equals(readFileSync(join(ut, "gruppoversikt.xlsx"))), "Excel as the CLI writes it");
    const csv = await download(page, page.getByRole("button", { name: "Ladda ned CSV" }));
    assert.equal(csv.name, "gruppoversikt-stockholms-lan.csv");
    assert.ok(csv.bytes.equals(readFileSync(join(ut, "gruppoversikt.csv"))), "CSV as the CLI writes it");
    assert.match(await page.getByTestId("grupp-meddelande").innerText(), /CSV-filen gruppoversikt-stockholms-lan\.csv är skapad/);

    // A deep link reopens the same group in the same order; at 360 px nothing scrolls sideways
    // but the table's box.
    await totalt.getByRole("button").press("Enter");
    assert.match(page.url(), /&gruppsort=totalt:fallande$/);
    await page.reload();
    await appStarted(page);
    await page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(files);
    await page.waitForFunction(() => /^Stockholms län/.test(document.querySelector("[data-testid=grupptabell] caption")?.textContent ?? ""), null, { timeout: 120000 });
    assert.equal(await page.getByLabel("Kommuner i tabellen").inputValue(), "lan:01");
    assert.equal(await table.locator("thead th").last().getAttribute("aria-sort"), "descending");
    assert.deepEqual(await shares(), down, "highest first again after the reload");
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 360 px`);
    assert.equal(await page.getByRole("group", { name: "Tabell som kan rullas i sidled" }).count(), 1);
    // The caption wraps inside the table's box, whole, also after scrolling the table sideways:
    // as wide as the table, it ran past the box's edge and was cut.
    const edges = () =>
      page.getByTestId("grupptabell").evaluate((table) => {
        const box = table.closest(".table-scroll");
        const rect = (e) => e.getBoundingClientRect();
        return { table: rect(table).right, box: [rect(box).left, rect(box).right], caption: [rect(table.caption).left, rect(table.caption).right] };
      });
    let at = await edges();
    assert.ok(at.table > at.box[1] + 100, `the table is wider than its box at 360 px: ${JSON.stringify(at)}`);
    assert.ok(at.caption[0] >= at.box[0] - 0.5 && at.caption[1] <= at.box[1] + 0.5, `the caption inside its box: ${JSON.stringify(at)}`);
    await page.locator(".table-scroll").evaluate((box) => box.scrollBy(300, 0));
    at = await edges();
    assert.ok(at.caption[0] >= at.box[0] - 0.5 && at.caption[1] <= at.box[1] + 0.5, `the caption inside its box, scrolled: ${JSON.stringify(at)}`);
    assert.deepEqual(await violations(page), [], "Stockholms län at 360 px");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("Gruppöversikt without a kommun or without an area says so in Swedish", async () => {
  const files = readdirSync(EXEMPEL)
    .filter((f) => /-2020-ekonomiskt-bistand-.*\.xlsx$/.test(f))
    .map((f) => join(EXEMPEL, f));
  const app = await openApp(browser, { path: "?vy=grupp" });
  try {
    const { page } = app;
    assert.match(await page.getByTestId("tom-vy").innerText(), /Läs in en eller flera filer/);
    await page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(files);
    await page.getByText("Välj kommun för att se dess jämförelsegrupp.").waitFor({ timeout: 120000 });
    // A län, or all kommuner, needs no kommun.
    await page.getByLabel("Kommuner i tabellen").selectOption("alla");
    const table = page.getByTestId("grupptabell");
    await table.waitFor({ timeout: 60000 });
    assert.equal(await table.locator("tr[aria-current=true]").count(), 0);
    assert.ok((await table.getByTestId("grupp-rad").count()) >= 290);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
