// Layout with data: every view fits a 360 px phone and a 1366×768 laptop without the page
// scrolling sideways (wide tables scroll in their own focusable box; Översikt and
// Kvalitetsområden become stacked cards below 800 px), no chart label is cut (each inside its
// SVG's viewport at 360 px, 1280 px and 1366 px; a long one shortened at its end, its full name
// its <title>), and reading the example data moves nothing that is already on screen (the
// browser's own layout-shift measure).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openApp, openView, viewNames } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Starts recording layout shifts not caused by the user's own input (as Web Vitals' CLS). */
const recordShifts = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) {
        window.__shifts.push({
          value: entry.value,
          nodes: entry.sources.map((s) => s.node?.nodeName + (s.node?.className ? `.${s.node.className}` : "")),
        });
      }
    }
  }).observe({ type: "layout-shift", buffered: true });
};

/**
 * The labels of the view's charts that are cut: any text whose box runs outside its SVG's
 * viewBox, and any shortened one ("…") without its full name as the title of its group.
 */
const cutLabels = () =>
  [...document.querySelectorAll("[data-testid=vy] svg.chart")].flatMap((svg) => {
    const vb = svg.viewBox.baseVal;
    return [...svg.querySelectorAll("text")].flatMap((text) => {
      const box = text.getBBox();
      const problems = [];
      if (box.x < vb.x - 0.5 || box.x + box.width > vb.x + vb.width + 0.5 || box.y < vb.y - 0.5 || box.y + box.height > vb.y + vb.height + 0.5) {
        problems.push(`${text.textContent}: ${box.x.toFixed(1)}+${box.width.toFixed(1)} (${box.y.toFixed(1)}) outside 0–${vb.width}×${vb.height}`);
      }
      if (text.textContent.endsWith("…")) {
        const full = text.closest("g.chart-label")?.querySelector("title")?.textContent ?? "";
        if (!(full.length > text.textContent.length - 1 && full.startsWith(text.textContent.slice(0, -1)))) {
          problems.push(`${text.textContent}: shortened without its full name (${full})`);
        }
      }
      return problems;
    });
  });

/** Every view's charts, none with a label cut; returns how many labels were looked at. */
async function noCutLabels(page, width) {
  let labels = 0;
  for (const name of await viewNames(page)) {
    await openView(page, name);
    assert.deepEqual(await page.evaluate(cutLabels), [], `${name} at ${width} px: chart labels cut`);
    labels += await page.locator("[data-testid=vy] svg.chart text").count();
  }
  return labels;
}

for (const viewport of [
  { width: 360, height: 740 },
  { width: 1366, height: 768 },
]) {
  test(`${viewport.width}×${viewport.height}: loading data shifts nothing, and no view scrolls sideways`, async () => {
    const app = await openApp(browser, { viewport, path: "?kommun=0138" });
    try {
      const { page } = app;
      await page.evaluate(recordShifts);
      await page.getByRole("button", { name: "Prova med exempeldata" }).click();
      await page.getByTestId("rapportstatus").filter({ hasText: "Tyresö" }).waitFor({ timeout: 120000 });
      await page.waitForTimeout(500);
      const shifts = await page.evaluate(() => window.__shifts);
      const total = shifts.reduce((sum, s) => sum + s.value, 0);
      // 0.1 is the "good" limit of Cumulative Layout Shift.
      assert.ok(total < 0.1, `layout shift ${total.toFixed(3)} while loading: ${JSON.stringify(shifts)}`);

      for (const name of await viewNames(page)) {
        await openView(page, name);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow} px at ${viewport.width} px`);
        // A figure is never broken from its unit: "(53 % 2019)" in a narrow column stays on one line.
        const broken = await page.evaluate(() =>
          [...document.querySelectorAll("main .nowrap")].filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent),
        );
        assert.deepEqual(broken, [], `${name}: figures broken over two lines`);
      }
      await openView(page, "Översikt");
      const earlier = page.getByTestId("forandring").first().locator(".nowrap");
      assert.match(await earlier.innerText(), /^\(\d+ % \d{4}\)$/);
      // Översikt and Kvalitetsområden: on a phone one card per area, each figure under its
      // column's name, and their boxes do not scroll sideways either; on a laptop, tables.
      for (const [view, table, row, label] of [
        ["Översikt", "oversikt", "oversikt-rad", "Uppfyllda"],
        ["Kvalitetsområden och -dimensioner", "kvalitetstabell", "kvalitet-rad", "Totalt"],
      ]) {
        await openView(page, view);
        const card = page.getByTestId(table).getByTestId(row).first();
        await card.waitFor();
        const shape = await card.evaluate((tr) => ({
          display: getComputedStyle(tr).display,
          label: getComputedStyle(tr.querySelector("td.strong, td[data-testid=uppfyllda]"), "::before").content,
          sideways: tr.closest(".table-scroll").scrollWidth - tr.closest(".table-scroll").clientWidth,
        }));
        if (viewport.width === 360) {
          assert.deepEqual(shape, { display: "block", label: `"${label}"`, sideways: 0 }, view);
        } else {
          assert.equal(shape.display, "table-row", view);
        }
      }
      // Charts: no label cut, here and (on the laptop) at 1280 px; Översikt's bars carry every
      // area's full name, also the longest ("Hemlöshet och utestängning från bostadsmarknaden").
      assert.ok((await noCutLabels(page, viewport.width)) > 50);
      if (viewport.width > 800) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await noCutLabels(page, 1280);
      }
      await openView(page, "Översikt");
      const names = await page.getByTestId("oversikt-rad").locator("th").allInnerTexts();
      const full = await page.locator("[data-testid=vy] svg.chart.bars g.chart-label title").allTextContents();
      assert.ok(names.some((n) => n.startsWith("Hemlöshet")), `${names}`);
      for (const name of names) assert.ok(full.includes(name.trim()), `${name} not among the bars' names: ${full}`);
      assert.deepEqual(app.requestsAfterLoad(), []);
      assert.deepEqual(await app.problems(), []);
    } finally {
      await app.close();
    }
  });
}
