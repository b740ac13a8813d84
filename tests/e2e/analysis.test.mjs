// The analyzer on generated ÖJ workbooks (three years, several areas): the Översikt figures equal
// the CLI's for the same files, peer sets change ranks, every figure opens its cells, a
// correction in Tolkning carries through the views and is kept, a deep link reopens its view,
// and hostile files beside good ones leave the page working. No request after load, no CSP
// violation, in every test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { appStarted, launch, openApp, repo } from "./support.mjs";
import { decompressionBomb, sparseHugeRange } from "./hostile.mjs";

const PICKER = "Välj en eller flera filer från Öppna jämförelser";
// The example workbooks ./run --build writes (OJ_EXEMPEL: another directory while iterating).
const EXEMPEL = process.env.OJ_EXEMPEL ?? join(repo, "public/exempel");
const CLI = process.env.OJ_CLI ?? join(repo, "target/release/oj-analys");

function examples(filter = () => true) {
  const files = readdirSync(EXEMPEL)
    .filter((f) => f.endsWith(".xlsx"))
    .filter(filter)
    .sort()
    .map((f) => join(EXEMPEL, f));
  assert.ok(files.length > 0, `no example workbooks in ${EXEMPEL} (./run --build writes them)`);
  return files;
}

/** The CLI's report for the same files, as JSON. */
function cliReport(files, { kommun = "0138", jamfor = "liknande", delvis = "ej" } = {}) {
  assert.ok(existsSync(CLI), `${CLI} is missing (./run --build builds it)`);
  const out = execFileSync(CLI, ["report", "--json", "--kommun", kommun, "--jamfor", jamfor, "--delvis", delvis, ...files], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return JSON.parse(out.toString("utf8"));
}

/** "22/37 (59 %)" as the report writes a score; uppfyllda may be a half ("3.5" → "3,5"). */
function scoreText(score) {
  if (score.denominator === 0) return "inga besvarade indikatorer";
  const uppfyllda = String(score.uppfyllda).replace(".", ",");
  const percent = score.percent === null || score.percent === undefined ? "–" : `${score.percent} %`;
  return `${uppfyllda}/${score.denominator} (${percent})`;
}

function rankText(placement) {
  return placement.rank ? `${placement.rank} av ${placement.with_data}` : "–";
}

/** The Översikt rows: area key → {fraction text, rank text}. */
async function overview(page) {
  const table = page.getByTestId("oversikt");
  await table.waitFor();
  const rows = {};
  for (const row of await table.getByTestId("oversikt-rad").all()) {
    const key = await row.getAttribute("data-omrade");
    rows[key] = {
      score: (await row.getByTestId("uppfyllda").innerText()).trim(),
      rank: (await row.getByTestId("plats").innerText()).split("\n")[0].trim(),
    };
  }
  rows.totalt = { score: (await table.getByTestId("oversikt-totalt").getByTestId("uppfyllda").innerText()).trim() };
  return rows;
}

const AREA_KEYS = {
  EkonomisktBistand: "ekonomiskt-bistand",
  Missbruk: "missbruk",
  BarnOchUnga: "barn-och-unga",
  ValdINaraRelationer: "vald-i-nara-relationer",
  Hemloshet: "hemloshet",
  Lss: "lss",
  Socialpsykiatri: "socialpsykiatri",
  Aldreomsorg: "aldreomsorg",
  Krisberedskap: "krisberedskap",
  Familjeratt: "familjeratt",
};

function expectedOverview(report) {
  const rows = {};
  for (const area of report.areas) {
    rows[AREA_KEYS[area.area]] = {
      score: scoreText(area.total.score),
      rank: area.peers ? rankText(area.peers.placement) : "–",
    };
  }
  rows.totalt = { score: scoreText(report.total.score) };
  return rows;
}

async function chooseKommun(page, typed, name) {
  const box = page.getByRole("combobox", { name: "Kommun", exact: true });
  await box.fill(typed);
  await page.getByRole("option", { name: new RegExp(`^${name} `) }).first().waitFor();
  await box.press("Enter");
  assert.equal(await box.inputValue(), name);
}

async function loadFiles(page, files) {
  const input = page.getByLabel(PICKER);
  await input.setInputFiles([]);
  await input.setInputFiles(files);
}

/** Waits until `n` files are read and the report over them is shown. */
async function waitForFiguresOf(page, n) {
  await page.getByTestId("filsammanfattning").getByText(new RegExp(`${n} lästa`)).waitFor({ timeout: 120000 });
  await settled(page);
}

/** Waits until nothing is being read or computed. */
async function settled(page) {
  await page.waitForFunction(
    () =>
      !document.querySelector("[data-testid=lasstatus] progress") &&
      !document.querySelector("[data-testid=rapportstatus]")?.innerText.includes("Räknar"),
    null,
    { timeout: 120000 },
  );
}

async function goTo(page, view) {
  await page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name: view, exact: true }).click();
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("Översikt equals the CLI for the same files; another peer set changes the ranks; figures open their cells", async () => {
  const files = examples();
  const app = await openApp(browser);
  try {
    const { page } = app;
    await loadFiles(page, files);
    await chooseKommun(page, "tyr", "Tyresö");
    await waitForFiguresOf(page, files.length);
    await page.getByTestId("oversikt").waitFor();

    const cli = cliReport(files);
    const expected = expectedOverview(cli);
    assert.ok(Object.keys(expected).length >= 4, "several areas");
    assert.deepEqual(await overview(page), expected);

    // Another peer set: ranks follow the CLI's for that set, and at least one changes.
    await page.getByLabel("Jämförelsegrupp").selectOption({ label: "Samma län" });
    await settled(page);
    const lan = expectedOverview(cliReport(files, { jamfor: "lan" }));
    assert.deepEqual(await overview(page), lan);
    assert.notDeepEqual(
      Object.values(lan).map((r) => r.rank),
      Object.values(expected).map((r) => r.rank),
      "ranks change with the peer set",
    );

    // A figure's cells: as many as the CLI's figure has, with sheet, cell and raw value.
    const firstArea = cli.areas[0];
    const button = page.getByTestId("oversikt-rad").first().getByRole("button");
    await button.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const rows = dialog.locator("tbody tr");
    assert.equal(await rows.count(), firstArea.total.cells.length);
    const firstCell = firstArea.total.cells[0];
    const text = await rows.first().innerText();
    assert.ok(text.includes(firstCell.sheet), text);
    assert.ok(text.includes(firstCell.cell), text);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), await button.getAttribute("aria-label"));

    // Every view renders with the data. The examples hold both models (ekonomiskt bistånd's
    // newest year, 2024, by kvalitetsdimensioner; the other areas by kvalitetsområden), and the
    // quality view is named for both.
    for (const view of ["Kvalitetsområden och -dimensioner", "Indikatorer", "Jämförelse", "Över tid", "Tvärs över områden", "Tolkning", "Inställningar", "Rapport"]) {
      await goTo(page, view);
      assert.equal(await page.locator("#vy-rubrik").innerText(), view);
      assert.equal(await page.getByTestId("tom-vy").count(), 0, `${view} has content`);
    }
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("a correction in Tolkning carries through the views, is kept, and is applied again on the next load", async () => {
  const files = examples((f) => /2020-(ekonomiskt-bistand|missbruk)/.test(f));
  assert.equal(files.length, 2);
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    await loadFiles(page, files);
    await waitForFiguresOf(page, 2);
    await page.locator('[data-omrade="missbruk"]').waitFor();

    await goTo(page, "Tolkning");
    const table = page
      .getByTestId("tolkning-fil")
      .filter({ has: page.getByRole("heading", { name: /2020-missbruk/ }) })
      .getByTestId("tolkning-tabell")
      .first();
    await table.getByLabel("Verksamhetsområde").selectOption({ label: "Socialpsykiatri" });
    await table.getByTestId("tolkat-omrade").getByText(/Socialpsykiatri.*användarens rättelse/).waitFor();

    await goTo(page, "Översikt");
    await page.locator('[data-omrade="socialpsykiatri"]').waitFor();
    assert.equal(await page.locator('[data-omrade="missbruk"]').count(), 0);
    await goTo(page, "Kvalitetsområden");
    assert.match(await page.getByTestId("kvalitetstabell").innerText(), /Socialpsykiatri 2020/);

    // Reload: the settings and the correction are kept, the data is not.
    await page.reload();
    await appStarted(page);
    assert.equal(await page.getByTestId("fil").count(), 0, "no file survives a reload");
    assert.equal(await page.getByRole("combobox", { name: "Kommun", exact: true }).inputValue(), "Tyresö");
    assert.equal(await page.locator("#vy-rubrik").innerText(), "Kvalitetsområden");
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    assert.ok(!/Tyresö|Ja|Nej/.test(stored.replace(/"kommun":"0138"/, "")), "only settings are stored");

    // The same files again: the correction is applied by their layout.
    await loadFiles(page, files);
    await waitForFiguresOf(page, 2);
    await goTo(page, "Översikt");
    await page.locator('[data-omrade="socialpsykiatri"]').waitFor();
    assert.equal(await page.locator('[data-omrade="missbruk"]').count(), 0);

    // Taking the correction away brings the area back.
    await goTo(page, "Tolkning");
    await page.getByRole("button", { name: "Ta bort alla rättelser" }).click();
    await goTo(page, "Översikt");
    await page.locator('[data-omrade="missbruk"]').waitFor();
    assert.deepEqual(app.requestsAfterLoad().filter((u) => !u.startsWith(app.server.url)), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("a deep link lands on the same view, area and peer set once the same files are loaded", async () => {
  const files = examples((f) => /-(2019|2020)-(ekonomiskt-bistand|missbruk)/.test(f));
  const app = await openApp(browser, { path: "?kommun=0138&grupp=lan&vy=jamforelse&delvis=ej&omrade=missbruk" });
  try {
    const { page } = app;
    assert.equal(await page.locator("#vy-rubrik").innerText(), "Jämförelse");
    await loadFiles(page, files);
    await waitForFiguresOf(page, files.length);
    const summary = page.getByTestId("jamforelse-sammanfattning");
    await summary.waitFor();
    assert.equal(await page.locator("#omrade option:checked").innerText(), "Missbruks- och beroendevård 2020");
    const cli = cliReport(files, { jamfor: "lan" });
    const missbruk = cli.areas.find((a) => a.area === "Missbruk");
    assert.match(await summary.innerText(), new RegExp(`plats ${missbruk.peers.placement.rank} av ${missbruk.peers.placement.with_data} med uppgift i gruppen ${missbruk.peers.set.name}`));
    assert.equal(await page.getByTestId("rankning-rad").count(), missbruk.peers.ranking.length);
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("a decompression bomb and a sparse huge range beside good files: the good files are analysed", async () => {
  const good = examples((f) => /2020-(ekonomiskt-bistand|hemloshet)/.test(f));
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    const { readFileSync } = await import("node:fs");
    const hostile = [
      { name: "bomb.xlsx", mimeType: "application/octet-stream", buffer: await decompressionBomb({ megabytes: 400 }) },
      { name: "lognande-bomb.xlsx", mimeType: "application/octet-stream", buffer: await decompressionBomb({ megabytes: 400, lie: true }) },
      { name: "glest.xlsx", mimeType: "application/octet-stream", buffer: await sparseHugeRange() },
    ];
    const goodFiles = good.map((path) => ({ name: path.split("/").pop(), mimeType: "application/octet-stream", buffer: readFileSync(path) }));
    await loadFiles(page, [hostile[0], goodFiles[0], hostile[1], hostile[2], goodFiles[1]]);
    await page.getByTestId("filsammanfattning").getByText(/5 filer – \d lästa(?!, \d väntar)/).waitFor({ timeout: 120000 });
    await settled(page);
    await page.locator('[data-omrade="ekonomiskt-bistand"]').waitFor();
    await page.locator('[data-omrade="hemloshet"]').waitFor();
    const cards = page.getByTestId("fil");
    for (const name of ["bomb.xlsx", "lognande-bomb.xlsx"]) {
      const card = cards.filter({ has: page.getByRole("heading", { name: new RegExp(`^${name.replace(".", "\\.")}`) }) });
      assert.match(await card.getByRole("alert").innerText(), /\S/, `${name} is refused with a message`);
    }
    // The page still works: another view, another kommun.
    await chooseKommun(page, "0182", "Nacka");
    await page.getByTestId("oversikt").getByText("Nacka").first().waitFor();
    assert.ok(
      app.requestsAfterLoad().every((u) => /\/(worker\.js|engine-[0-9a-f]+\.js)$/.test(u)),
      `only a restarted worker's own files: ${app.requestsAfterLoad()}`,
    );
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
