// Regenerates the screenshots of every view into docs/screenshots/ from the release build in
// dist/ and the example workbooks in public/exempel/ (both written by ./run --build):
//
//   ./run --build && (cd tests && node e2e/screenshots.mjs)
//
// Tyresö, the default peer set, 1366×768, plus the Översikt at 360 px wide. The example data
// include the hemtjänst enhetsundersökning, so Enheter is shown too. Then the workbook of ÖJ's
// model of 2023– alone (ekonomiskt bistånd 2022–2024 in one sheet): Kvalitetsdimensioner,
// Indikatorer with categories and the numbers beside, and Över tid from one file
// (dimensioner-*.png).
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, openApp, repo } from "./support.mjs";

const out = join(repo, "docs/screenshots");
const exempel = process.env.OJ_EXEMPEL ?? join(repo, "public/exempel");
const VIEWS = [
  ["oversikt", "Översikt"],
  ["kvalitetsomraden", "Kvalitetsområden"],
  ["indikatorer", "Indikatorer"],
  ["enheter", "Enheter"],
  ["jamforelse", "Jämförelse"],
  ["grupp", "Gruppöversikt"],
  ["over-tid", "Över tid"],
  ["tvars", "Tvärs över områden"],
  ["rapport", "Rapport"],
  ["tolkning", "Tolkning"],
  ["installningar", "Inställningar"],
];

mkdirSync(out, { recursive: true });
const files = readdirSync(exempel)
  .filter((f) => f.endsWith(".xlsx"))
  .map((f) => join(exempel, f));
const browser = await launch();
try {
  const app = await openApp(browser, { path: "?kommun=0138" });
  const { page } = app;
  await page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(files);
  await page.getByTestId("oversikt").waitFor({ timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector("[data-testid=lasstatus] progress"));
  for (const [key, name] of VIEWS) {
    // By the view's key: a view's name follows the data (Kvalitetsdimensioner for files of the
    // model of 2023–).
    await page.getByRole("navigation", { name: "Vyer" }).locator(`a[href*="vy=${key}&"], a[href$="vy=${key}"]`).click();
    await page.locator("#vy-rubrik").scrollIntoViewIfNeeded();
    if (key === "grupp") await page.getByTestId("grupptabell").waitFor({ timeout: 60000 });
    await page.evaluate(() => document.querySelector("nav.view-nav")?.scrollIntoView());
    await page.screenshot({ path: join(out, `${key}.png`) });
    console.log(join(out, `${key}.png`));
  }
  await page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name: "Översikt", exact: true }).click();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.evaluate(() => document.querySelector("nav.view-nav")?.scrollIntoView());
  await page.screenshot({ path: join(out, "oversikt-360.png") });
  console.log(join(out, "oversikt-360.png"));
  await app.close();

  const years = files.filter((f) => /ekonomiskt-bistand-2022-2024/.test(f));
  if (years.length !== 1) throw new Error(`the 2022–2024 example workbook is missing in ${exempel}`);
  const model = await openApp(browser, { path: "?kommun=0138" });
  await model.page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(years);
  await model.page.getByTestId("oversikt").waitFor({ timeout: 120000 });
  await model.page.waitForFunction(() => !document.querySelector("[data-testid=lasstatus] progress"));
  for (const key of ["kvalitetsomraden", "indikatorer", "over-tid"]) {
    await model.page.getByRole("navigation", { name: "Vyer" }).locator(`a[href*="vy=${key}&"], a[href$="vy=${key}"]`).click();
    await model.page.locator("#vy-rubrik").waitFor();
    await model.page.evaluate(() => document.querySelector("nav.view-nav")?.scrollIntoView());
    const name = key === "kvalitetsomraden" ? "dimensioner.png" : `dimensioner-${key}.png`;
    await model.page.screenshot({ path: join(out, name) });
    console.log(join(out, name));
  }
  await model.close();
} finally {
  await browser.close();
}
