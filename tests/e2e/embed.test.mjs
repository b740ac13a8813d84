// Embedding on an intranet page: the README's iframe snippet and server headers, served as a
// deployer would, hide the page chrome, preselect kommun and peer set, and load data in the
// frame; frame-ancestors decides which hosts may embed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { appStarted, dist, launch, repo } from "./support.mjs";
import { serve } from "./serve.mjs";

const APP_PATH = "/verktyg/oj/";
const HOST_PATH = "/intranat/oj.html";

/** The deploy section of the README: the nginx header lines and the iframe snippet. */
async function readme() {
  const text = await readFile(join(repo, "README.md"), "utf8");
  const nginx = text.match(/```nginx\n([\s\S]*?)```/)[1];
  const header = (name) => nginx.match(new RegExp(`add_header ${name} "([^"]+)" always;`))[1];
  const iframe = text.match(/<iframe [\s\S]*?<\/iframe>/)[0];
  return {
    csp: header("Content-Security-Policy"),
    headers: {
      "content-security-policy": header("Content-Security-Policy"),
      "x-content-type-options": header("X-Content-Type-Options"),
      "referrer-policy": header("Referrer-Policy"),
    },
    iframe,
  };
}

/** A host page holding the README's iframe, pointed at `appUrl` instead of the example host. */
function hostPage(iframe, appUrl) {
  const html = iframe.replace(/src="[^"?]*/, `src="${appUrl}`);
  return {
    type: "text/html; charset=utf-8",
    body: `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Intranätet</title></head>
<body><h1>Kvalitetsarbete</h1>${html}</body></html>`,
  };
}

/** A context whose every frame records CSP violations, console errors and page errors. */
async function watchedContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  const problems = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err}`));
  return { context, page, problems };
}

/** The app inside the host page's iframe, once it has started. */
async function appFrame(page) {
  const frame = page.frameLocator('iframe[title^="ÖJ-analys"]');
  await appStarted(frame);
  return frame;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the README's header policy is index.html's policy plus frame-ancestors", async () => {
  const { csp } = await readme();
  const html = await readFile(join(dist, "index.html"), "utf8");
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.equal(csp, `${meta}; frame-ancestors 'self'`);
  for (const server of ["```apache", "```xml"]) {
    const readmeText = await readFile(join(repo, "README.md"), "utf8");
    const block = readmeText.slice(readmeText.indexOf(server));
    assert.ok(block.slice(0, 2000).includes(csp), `${server} block carries the same policy`);
  }
});

test("the README's iframe on a page of the same host: no chrome, kommun and peer set preselected, data loads", async () => {
  const { headers, iframe } = await readme();
  const server = await serve({
    root: dist,
    base: APP_PATH,
    headers,
    extraRoutes: { [HOST_PATH]: hostPage(iframe, APP_PATH) },
  });
  const { context, page, problems } = await watchedContext(browser);
  try {
    await page.goto(`${server.url.replace(APP_PATH, "")}${HOST_PATH}`);
    const frame = await appFrame(page);

    // The chrome is hidden: no visible site header or footer, but the page keeps its h1 for
    // screen readers.
    assert.equal(await frame.locator(".site-header:visible, .site-footer:visible").count(), 0);
    assert.equal(await frame.locator("h1").count(), 1);

    // Kommun and peer set from the URL.
    const kommun = frame.getByRole("combobox", { name: "Kommun" });
    await kommun.waitFor();
    assert.match(await kommun.inputValue(), /Tyresö/);
    const grupp = frame.getByLabel("Jämförelsegrupp", { exact: true });
    assert.match(await grupp.locator("option:checked").innerText(), /[Ll]iknande/);

    // Example data in the frame gives Tyresö's figures.
    await frame.getByRole("button", { name: "Prova med exempeldata" }).click();
    await frame.getByTestId("oversikt").waitFor();
    assert.match(await frame.getByTestId("oversikt").innerText(), /Tyresö/);
    assert.match(await kommun.inputValue(), /Tyresö/, "the preselection survives loading");
    // The frame's address keeps embed mode (a reload in the frame stays embedded) and the choices.
    const inner = page.frames().find((f) => f !== page.mainFrame());
    assert.match(inner.url(), /[?&]inbaddad=1&kommun=0138&grupp=liknande/);
    await frame.getByRole("navigation", { name: "Vyer" }).getByRole("link", { name: "Indikatorer" }).click();
    assert.match(inner.url(), /inbaddad=1.*vy=indikatorer/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("frame-ancestors: another host may embed only when the header names it", async () => {
  const { headers, iframe } = await readme();
  // The intranet page on one origin, the tool on another (two ports of 127.0.0.1). The host's
  // route is filled in once the tool's address is known.
  const hostRoutes = {};
  const host = await serve({ root: join(repo, "tests/e2e"), base: "/inget/", extraRoutes: hostRoutes });
  const hostOrigin = new URL(host.url).origin;
  try {
    for (const [ancestors, allowed] of [
      ["'self'", false],
      [`'self' ${hostOrigin}`, true],
    ]) {
      const csp = headers["content-security-policy"].replace("frame-ancestors 'self'", `frame-ancestors ${ancestors}`);
      const app = await serve({ root: dist, base: APP_PATH, headers: { ...headers, "content-security-policy": csp } });
      hostRoutes[HOST_PATH] = hostPage(iframe, app.url);
      const { context, page, problems } = await watchedContext(browser);
      try {
        await page.goto(`${hostOrigin}${HOST_PATH}`);
        if (allowed) {
          const frame = await appFrame(page);
          assert.match(await frame.getByRole("combobox", { name: "Kommun" }).inputValue(), /Tyresö/);
          await frame.getByRole("button", { name: "Prova med exempeldata" }).click();
          await frame.getByTestId("oversikt").waitFor();
          assert.deepEqual(problems, []);
        } else {
          // Chromium shows its error page in a refused frame; the app never starts there.
          const frameElement = await page.waitForSelector("iframe");
          await page.waitForTimeout(1500);
          const content = await frameElement.contentFrame();
          assert.ok(content, "the frame exists");
          assert.notEqual(new URL(content.url()).origin, new URL(app.url).origin, `refused: ${content.url()}`);
          assert.doesNotMatch(await content.locator("body").innerText(), /ÖJ-analys/);
          assert.ok(!app.requests.some((path) => path.endsWith(".wasm")), "the app's code was never fetched");
        }
      } finally {
        await context.close();
        await app.close();
      }
    }
  } finally {
    await host.close();
  }
});
