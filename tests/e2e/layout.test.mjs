// Layout with data: every view fits a 360 px phone and a 1366×768 laptop without the page
// scrolling sideways (wide tables scroll in their own focusable box; Översikt and
// Kvalitetsområden become stacked cards below 800 px), and reading the example
// data moves nothing that is already on screen (the browser's own layout-shift measure).
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
      await openView(page, "Översikt");
      assert.deepEqual(app.requestsAfterLoad(), []);
      assert.deepEqual(await app.problems(), []);
    } finally {
      await app.close();
    }
  });
}
