// Keyboard only: the whole flow with Tab, Shift+Tab, Enter, Space, arrows, typing and Escape —
// no click, no fill, no focus() from the test. Where focus goes is checked at each step.
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

/** What has focus: its tag, id, role, accessible-ish name, and whether focus is visible. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", name: "" };
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    const name = (el.getAttribute("aria-label") || label || el.textContent || el.value || "").replace(/\s+/g, " ").trim();
    // A visually hidden input (the file picker) shows its focus on the label drawn around it.
    const shown = el.getBoundingClientRect().width <= 1 ? (el.closest("label") ?? el) : el;
    const style = getComputedStyle(shown);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      role: el.getAttribute("role") ?? "",
      name,
      visible: el.matches(":focus-visible") && (style.outlineStyle !== "none" || style.boxShadow !== "none"),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `wanted(focused)` holds; fails after `max` presses. Every
 * stop on the way must show visible focus.
 */
async function tabTo(page, wanted, { max = 250, back = false, what = "target" } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const now = await focused(page);
    if (now.tag !== "body") assert.ok(now.visible, `focus is visible on ${JSON.stringify(now)}`);
    if (wanted(now)) return now;
  }
  throw new Error(`Tab never reached ${what}`);
}

test("the whole flow with the keyboard only", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;

    // 1. The skip link comes first and leads into the main content.
    const skip = await tabTo(page, () => true, { max: 1 });
    assert.equal(skip.name, "Hoppa till innehållet");

    // 2. A file through the picker: Tab to it (its Swedish button shows the focus), Space opens
    //    the browser's file chooser, which takes several files.
    // Listening for the chooser before Tab reaches the picker: Playwright turns on its file
    // chooser interception when the first listener is added, and a Space pressed at the same
    // moment could open the dialog before that took effect (it failed once in a full run).
    const chosen = page.waitForEvent("filechooser");
    const picker = await tabTo(page, (f) => f.tag === "input" && f.id === "filval", { what: "the file picker" });
    assert.equal(picker.name, "Välj en eller flera filer från Öppna jämförelser");
    assert.equal(await page.locator("label.file-button", { has: page.locator("#filval") }).innerText(), "Välj filer");
    const [chooser] = await Promise.all([chosen, page.keyboard.press("Space")]);
    assert.equal(chooser.isMultiple(), true);
    await chooser.setFiles(realFixture("Statistikdatabasen_2025-allergy.xlsx"));
    await page.getByTestId("fil").filter({ hasText: "Statistikdatabasen_2025-allergy.xlsx" }).waitFor();

    // 3. Example data.
    await tabTo(page, (f) => f.tag === "button" && f.name === "Prova med exempeldata", { what: "Prova med exempeldata" });
    await page.keyboard.press("Enter");
    await page.getByTestId("fil").filter({ hasText: "exempeldata" }).first().waitFor();

    // 4. The kommun: type, move with the arrows, choose with Enter.
    await tabTo(page, (f) => f.role === "combobox" && f.id === "kommun", { what: "Kommun" });
    await page.keyboard.type("tyr");
    const listbox = page.getByRole("listbox", { name: "Kommun" });
    await listbox.getByRole("option", { name: /Tyresö/ }).first().waitFor();
    await page.keyboard.press("ArrowDown");
    const active = await page.evaluate(() => {
      const input = document.activeElement;
      const id = input.getAttribute("aria-activedescendant");
      return { expanded: input.getAttribute("aria-expanded"), option: id ? document.getElementById(id)?.textContent : null };
    });
    assert.equal(active.expanded, "true");
    assert.match(active.option ?? "", /Tyresö/, "ArrowDown marks the first match");
    await page.keyboard.press("Enter");
    assert.match(await page.getByRole("combobox", { name: "Kommun" }).inputValue(), /Tyresö/);
    assert.equal((await focused(page)).id, "kommun", "focus stays in the combobox after choosing");
    await page.getByTestId("rapportstatus").filter({ hasText: "Tyresö" }).waitFor();

    // 5. The peer set: a native select, changed with the arrow keys.
    const grupp = page.getByLabel("Jämförelsegrupp", { exact: true });
    const before = await grupp.inputValue();
    await tabTo(page, (f) => f.tag === "select", { what: "Jämförelsegrupp" });
    await page.keyboard.press("ArrowDown");
    assert.notEqual(await grupp.inputValue(), before, "the arrow key changed the peer set");
    await page.getByTestId("rapportstatus").filter({ hasText: "Tyresö" }).waitFor();

    // 6. Every view: Tab to its link in the navigation, Enter; focus goes to the view's heading.
    const names = await page.getByRole("navigation", { name: "Vyer" }).getByRole("link").allInnerTexts();
    assert.ok(names.length >= 8);
    for (const name of [...names.slice(1), names[0]]) {
      // Back up to the navigation from the heading of the current view.
      const link = page.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name, exact: true });
      const wanted = (f) => f.tag === "a" && f.name === name;
      await tabTo(page, wanted, { back: true, what: `the link ${name}` });
      assert.equal(await link.evaluate((el) => el === document.activeElement), true);
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "vy-rubrik");
      assert.equal((await focused(page)).name, name, `focus on the heading of ${name}`);
      assert.match(page.url(), /vy=/);
    }

    // 7. A figure's cells: Tab to the first figure of Översikt, Enter opens the dialog with focus
    //    inside it, Escape closes it and focus returns to the figure.
    const figure = await tabTo(page, (f) => f.tag === "button" && /\d+\s*\/\s*\d+/.test(f.name), { what: "a figure" });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true, "focus moved into the dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    const back = await focused(page);
    assert.equal(back.name, figure.name, "focus returned to the figure that opened the dialog");

    // 8. Inställningar: the Delvis rule with the arrow keys in its radio group, then "Glöm allt"
    //    with Space.
    await tabTo(page, (f) => f.tag === "a" && f.name === "Inställningar", { back: true, what: "Inställningar" });
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "vy-rubrik");
    await tabTo(page, (f) => f.tag === "input" && f.id.startsWith("delvis-"), { what: "the Delvis rule" });
    await page.keyboard.press("ArrowDown");
    assert.equal((await focused(page)).id, "delvis-halv", "ArrowDown moves to the next rule");
    await page.waitForFunction(() => /delvis=halv/.test(location.search));
    await tabTo(page, (f) => f.tag === "button" && f.name === "Glöm allt", { what: "Glöm allt" });
    await page.keyboard.press("Space");
    await page.getByTestId("glomt").filter({ hasText: /borttagna/ }).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);

    assert.deepEqual(await app.problems(), []);
  } finally {
    await app.close();
  }
});
