// The README's deploy recipe, proven on a real server: Debian's nginx (installed by ./test) runs
// the README's own nginx configuration, copied from the README by this test, with dist/ under
// the README's sub-path. Both WebAssembly modules arrive as application/wasm, every response
// carries the CSP and the other headers, every hashed file (the worker's too) is cached as
// immutable and everything else revalidated, and the app works there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appStarted, dist, launch, repo } from "./support.mjs";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The README's fenced block of a language (```nginx), and the header policy it quotes. */
function readme() {
  const text = readFileSync(join(repo, "README.md"), "utf8");
  const nginx = /```nginx\n([\s\S]*?)```/.exec(text)?.[1];
  const policy = /```\n(default-src [^\n]*)\n```/.exec(text)?.[1];
  assert.ok(nginx && policy, "the README has its nginx block and its header policy");
  return { nginx, policy };
}

/** A port nothing listens on (asked from the system, then freed for nginx). */
async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

let nginx;
let base;
let work;
let browser;
let policy;
let subPath;

before(async () => {
  assert.ok(NGINX, "nginx is installed (./test installs Debian's nginx)");
  const recipe = readme();
  policy = recipe.policy;
  subPath = /location (\/\S*\/) \{/.exec(recipe.nginx)?.[1];
  assert.ok(subPath, "the README's location is a sub-path");
  work = mkdtempSync(join(tmpdir(), "oj-nginx-"));
  const port = await freePort();
  // The README's block as a deployer pastes it: `map` in the http block, the server with its
  // "# ..." filled in by a listen line and the alias pointing at this build.
  const site = recipe.nginx
    .replace("# ...", `listen 127.0.0.1:${port};\n    server_name localhost;`)
    .replace(/alias \S+;/, `alias ${dist}/;`);
  assert.notEqual(site, recipe.nginx);
  const conf = join(work, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
master_process off;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${work}/access.log;
    client_body_temp_path ${work}/body;
    proxy_temp_path ${work}/proxy;
    fastcgi_temp_path ${work}/fastcgi;
    uwsgi_temp_path ${work}/uwsgi;
    scgi_temp_path ${work}/scgi;
${site}
}
`,
  );
  nginx = spawn(NGINX, ["-c", conf, "-p", work], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  nginx.stderr.on("data", (d) => (stderr += d));
  base = `http://127.0.0.1:${port}${subPath}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      // not listening yet
    }
    if (nginx.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  nginx?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("every file of dist/ comes with the README's headers: its type, the CSP, and the cache rule", async () => {
  const files = readdirSync(dist).filter((f) => /\.(html|js|css|wasm|svg)$/.test(f));
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.deepEqual(
    wasm.map((f) => f.replace(/-[0-9a-f]+_bg/, "-<hash>_bg")).sort(),
    ["app-<hash>_bg.wasm", "engine-<hash>_bg.wasm"],
    "both modules, hashed",
  );
  for (const file of ["", ...files]) {
    const response = await fetch(base + file);
    assert.equal(response.status, 200, file);
    const h = (name) => response.headers.get(name);
    assert.equal(h("content-security-policy"), policy, `${file}: the CSP header`);
    assert.equal(h("x-content-type-options"), "nosniff", file);
    assert.equal(h("referrer-policy"), "no-referrer", file);
    assert.equal(h("x-frame-options"), null, `${file}: no X-Frame-Options`);
    assert.equal(h("cache-control"), HASHED.test(file) ? IMMUTABLE : "no-cache", `${file}: the cache rule`);
    if (file.endsWith(".wasm")) assert.equal(h("content-type"), "application/wasm", file);
    if (file.endsWith(".js")) assert.match(h("content-type"), /javascript/, file);
    await response.arrayBuffer();
  }
});

test("the app works from nginx under the sub-path: both modules load, the example data is read and scored", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const wasm = [];
  page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  page.on("pageerror", (err) => problems.push(String(err)));
  page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push([r.url().replace(/^.*\//, ""), r.headers()["content-type"]]));
  try {
    await page.goto(`${base}?kommun=0138`);
    await appStarted(page);
    await page.getByRole("button", { name: "Prova med exempeldata" }).click();
    await page.getByTestId("oversikt-rad").first().waitFor({ timeout: 60000 });
    assert.deepEqual(
      wasm.map(([name, type]) => `${name.replace(/-[0-9a-f]+_bg/, "-<hash>_bg")} ${type}`).sort(),
      ["app-<hash>_bg.wasm application/wasm", "engine-<hash>_bg.wasm application/wasm"],
    );
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
