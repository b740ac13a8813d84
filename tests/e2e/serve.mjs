// A small static file server for the end-to-end tests: serves dist/ on 127.0.0.1, optionally
// under a sub-path, with the headers a deployer would set. Node built-ins only.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

/**
 * Serves `root` at `http://127.0.0.1:<port><base>`.
 * `headers` are added to every file served from `root` (for example the Content-Security-Policy
 * header the README tells deployers to send).
 * @param {{root: string, base?: string, port?: number, extraRoutes?: Record<string, {type: string, body: string}>, headers?: Record<string, string>}} options
 * @returns {Promise<{url: string, close: () => Promise<void>, requests: string[]}>}
 */
export async function serve({ root, base = "/", port = 0, extraRoutes = {}, headers = {} }) {
  const rootDir = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    if (extraRoutes[path]) {
      res.writeHead(200, { "content-type": extraRoutes[path].type, "cache-control": "no-store" });
      res.end(extraRoutes[path].body);
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(404).end("not found");
      return;
    }
    let rel = path.slice(base.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = normalize(join(rootDir, rel));
    if (!file.startsWith(rootDir + sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const body = await readFile(file);
      const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "x-content-type-options": "nosniff",
        "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return {
    url,
    requests,
    // Like a server that is switched off: open keep-alive connections are cut too. A plain
    // close() waits for the browser to end them, and stops timing them out, so one connection
    // left open (a preconnect, a request the offline browser abandoned) made it wait for ever.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

// `node tests/e2e/serve.mjs DIR [PORT] [BASE]` serves a directory by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = "dist", port = "8080", base = "/"] = process.argv.slice(2);
  const { url } = await serve({ root, port: Number(port), base });
  console.log(`Serverar ${root} på ${url}`);
}
