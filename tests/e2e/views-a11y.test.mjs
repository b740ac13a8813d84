// Accessibility of the analyzer's views (axe-core, WCAG 2.1 A and AA): every view with data,
// the cells dialog, the open Kommun combobox, and the Översikt at 360 px. Keyboard only: a
// figure opens and closes with Enter and Escape.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, openApp, repo, violations } from "./support.mjs";

const EXEMPEL = process.env.OJ_EXEMPEL ?? join(repo, "public/exempel");
const VIEWS = ["Översikt", "Kvalitetsområden", "Indikatorer", "Jämförelse", "Gruppöversikt", "Över tid", "Tvärs över områden", "Rapport", "Tolkning", "Inställningar"];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("every view, the cells dialog and the open combobox have no WCAG 2.1 A/AA violations", async () => {
  const files = readdirSync(EXEMPEL)
    .filter((f) => /-(2019|2020)-.*\.xlsx$/.test(f))
    .map((f) => join(EXEMPEL, f));
  assert.ok(files.length >= 4, `example workbooks in ${EXEMPEL}`);
  const app = await openApp(browser, { path: "?kommun=0138" });
  try {
    const { page } = app;
    assert.deepEqual(await violations(page), [], "the empty page");
    await page.getByLabel("Välj en eller flera filer från Öppna jämförelser").setInputFiles(files);
    await page.getByTestId("oversikt").waitFor({ timeout: 120000 });
    const nav = page.getByRole("navigation", { name: "Vyer" });
    for (const view of VIEWS) {
      await nav.getByRole("link", { name: view, exact: true }).click();
      await page.locator("#vy-rubrik").getByText(view).waitFor();
      assert.deepEqual(await violations(page), [], view);
    }
    // Keyboard only: focus a figure, open its cells with Enter, close with Escape.
    await nav.getByRole("link", { name: "Översikt", exact: true }).click();
    const figure = page.getByTestId("oversikt-rad").first().getByRole("button");
    await figure.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    assert.deepEqual(await violations(page), [], "the cells dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    assert.equal(await figure.evaluate((el) => el === document.activeElement), true, "focus returns to the figure");

    const box = page.getByRole("combobox", { name: "Kommun", exact: true });
    await box.fill("sto");
    assert.deepEqual(await violations(page), [], "the open combobox");
    await box.press("Escape");

    await page.setViewportSize({ width: 360, height: 740 });
    assert.deepEqual(await violations(page), [], "Översikt at 360 px");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 360 px`);
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
