// The shell: the Kommun combobox (WAI-ARIA 1.2), the Jämförelsegrupp picker with an own list,
// view navigation with focus and state in the address bar, settings kept between visits and
// forgotten on request, and a page that fits 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { appStarted, launch, openApp } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("Kommun is a combobox: typing tyr offers Tyresö, codes work, stadsdelar sit under their city", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const box = page.getByRole("combobox", { name: "Kommun", exact: true });
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    const listId = await box.getAttribute("aria-controls");
    assert.equal(await page.locator(`#${listId}`).getAttribute("role"), "listbox");
    // Closed, the list holds no rows: they are built when it opens, not on the first screen.
    assert.equal(await page.locator(`#${listId} [role=option]`).count(), 0);

    await box.fill("tyr");
    assert.equal(await box.getAttribute("aria-expanded"), "true");
    const first = page.getByRole("option").first();
    assert.match(await first.innerText(), /Tyresö/);
    // The first match is the active descendant; Enter chooses it.
    assert.equal(await box.getAttribute("aria-activedescendant"), await first.getAttribute("id"));
    await box.press("Enter");
    assert.equal(await box.inputValue(), "Tyresö");
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    assert.match(page.url(), /kommun=0138/);

    // A code, arrow keys and Escape.
    await box.fill("0180");
    const options = await page.locator(`#${listId} [role=option]`).allInnerTexts();
    assert.match(options[0], /^Stockholm/);
    assert.ok(options.slice(1).every((o) => /Stockholm$/.test(o.trim())), "Stockholm's stadsdelar follow it");
    await box.press("ArrowDown");
    const active = await box.getAttribute("aria-activedescendant");
    assert.match(active, /0180-/);
    assert.equal(await page.locator(`#${active}`).getAttribute("aria-selected"), "true");
    await box.press("Escape");
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    assert.equal(await box.getAttribute("aria-activedescendant"), null);
    assert.equal(await page.locator(`#${listId} [role=option]`).count(), 0);
    await box.press("Escape");
    assert.equal(await box.inputValue(), "");

    // A stadsdel by name, chosen with the mouse.
    await box.fill("rinkeby");
    await page.getByRole("option", { name: /Rinkeby-Kista stadsdel i Stockholm/ }).click();
    assert.equal(await box.inputValue(), "Rinkeby-Kista (Stockholm)");
    assert.match(page.url(), /kommun=0180:Rinkeby-Kista/);

    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("the chosen kommun is marked (vald) in the list, and the mark follows a new choice", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const box = page.getByRole("combobox", { name: "Kommun", exact: true });
    const ale = page.locator("#kommun-val-1440");
    const alingsas = page.locator("#kommun-val-1489");
    const marked = async (option) => /\(vald\)/.test(await option.textContent());
    // The whole list (nothing typed), chosen with the mouse: the list shows the same rows
    // before and after a choice, so only a mark that follows the choice can be right.
    await box.click();
    assert.equal(await marked(ale), false);
    await ale.click();
    assert.equal(await box.inputValue(), "Ale");
    await box.click();
    assert.equal(await marked(ale), true, "the choice is marked");
    await alingsas.click();
    assert.equal(await box.inputValue(), "Alingsås");
    await box.click();
    assert.equal(await marked(alingsas), true, "the new choice is marked");
    assert.equal(await marked(ale), false, "the old choice is not");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("views: navigation moves focus to the heading, the address bar keeps the state, a deep link reopens it", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const nav = page.getByRole("navigation", { name: "Vyer" });
    const names = await nav.getByRole("link").allInnerTexts();
    assert.deepEqual(
      names.map((n) => n.replace(/\s*●$/, "")),
      ["Översikt", "Kvalitetsområden", "Indikatorer", "Jämförelse", "Gruppöversikt", "Över tid", "Tvärs över områden", "Rapport", "Tolkning", "Inställningar"],
    );
    await nav.getByRole("link", { name: "Över tid" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "vy-rubrik");
    assert.equal(await page.locator("#vy-rubrik").innerText(), "Över tid");
    assert.equal(await nav.getByRole("link", { name: "Över tid" }).getAttribute("aria-current"), "page");
    await page.getByRole("combobox", { name: "Kommun", exact: true }).fill("0138");
    await page.getByRole("combobox", { name: "Kommun", exact: true }).press("Enter");
    await page.getByLabel("Jämförelsegrupp").selectOption({ label: "Samma län" });
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("vy"), "over-tid");
    assert.equal(url.searchParams.get("grupp"), "lan");
    assert.equal(url.searchParams.get("kommun"), "0138");
    // Keyboard: the links are reachable and Enter opens a view.
    await nav.getByRole("link", { name: "Rapport" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#vy-rubrik").innerText(), "Rapport");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "vy-rubrik");

    // A deep link in a fresh browser context lands on the same view and choices.
    const other = await openApp(browser, { path: `?kommun=0138&grupp=skr2023&vy=jamforelse&delvis=halv` });
    try {
      assert.equal(await other.page.locator("#vy-rubrik").innerText(), "Jämförelse");
      assert.equal(await other.page.getByRole("combobox", { name: "Kommun", exact: true }).inputValue(), "Tyresö");
      assert.equal(await other.page.locator("#grupp option:checked").innerText(), "Samma kommungrupp, SKR 2023");
      assert.deepEqual(other.requestsAfterLoad(), []);
      assert.deepEqual(await other.problems(), []);
    } finally {
      await other.close();
    }
    assert.deepEqual(app.requestsAfterLoad(), []);
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("settings are kept between visits, the own peer list too, and Glöm allt forgets them", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const box = page.getByRole("combobox", { name: "Kommun", exact: true });
    await box.fill("tyr");
    await box.press("Enter");
    await page.getByLabel("Jämförelsegrupp").selectOption({ label: "Egen lista" });
    const add = page.getByRole("combobox", { name: "Lägg till kommun" });
    for (const name of ["Huddinge", "Haninge", "Nacka"]) {
      await add.fill(name);
      await add.press("Enter");
    }
    await page.getByRole("button", { name: "Ta bort Haninge ur listan" }).click();
    assert.deepEqual(await page.getByTestId("egen-lista").locator(".chips li").allInnerTexts().then((t) => t.map((x) => x.replace(/\s*×$/, ""))), ["Huddinge", "Nacka"]);
    await page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name: "Inställningar" }).click();
    await page.getByLabel("Räknas som en halv").check();

    // A new visit without the query: everything is remembered.
    await page.goto(app.server.url);
    await appStarted(page);
    assert.equal(await page.getByRole("combobox", { name: "Kommun", exact: true }).inputValue(), "Tyresö");
    assert.equal(await page.locator("#grupp option:checked").innerText(), "Egen lista");
    assert.deepEqual(await page.getByTestId("egen-lista").locator(".chips li").allInnerTexts().then((t) => t.map((x) => x.replace(/\s*×$/, ""))), ["Huddinge", "Nacka"]);
    assert.match(page.url(), /grupp=0126,0182/);
    assert.match(page.url(), /delvis=halv/);
    // Nothing but settings is stored.
    const stored = await page.evaluate(() => Object.keys(localStorage));
    assert.ok(stored.every((k) => k.startsWith("oj-analys:")), stored.join());

    await page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name: "Inställningar" }).click();
    await page.getByRole("button", { name: "Glöm allt" }).click();
    await page.getByTestId("glomt").getByText(/borttagna/).waitFor();
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("oj-analys:installningar") || k.startsWith("oj-analys:rattelser"))), []);
    assert.equal(await page.getByRole("combobox", { name: "Kommun", exact: true }).inputValue(), "");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});

test("the page fits 360 px without sideways scrolling, and keyboard focus is visible", async () => {
  const app = await openApp(browser, { viewport: { width: 360, height: 740 } });
  try {
    const { page } = app;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow} px`);
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
