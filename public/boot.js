// Starts ÖJ-analys in two steps, so that the page is usable before the engine has arrived.
//
// 1. The page's WebAssembly (the UI), named by Trunk in this script tag's data attributes. Once
//    it runs, the app takes over the static first screen (index.html), whose file picker has
//    worked since the first paint (public/early.js keeps what was chosen until then).
// 2. Off that critical path, right after the first paint: the worker's WebAssembly (ingest,
//    engine, exports), named in <meta name="oj-engine"> (tools/name-engine.mjs writes its hashed
//    names there; nothing in the page loads it before this). It is fetched and compiled here,
//    once, and handed to the page, which gives the compiled module to every worker it starts (a
//    restarted worker downloads and compiles nothing). A file chosen before then waits for it.
//
// An external file, so the page's CSP needs no inline script.
const tag = document.querySelector("script[data-oj-js]");
const engineTag = document.querySelector("meta[name=oj-engine][data-oj-wasm]");

async function start() {
  // The static first screen (index.html, early.js) is painted first: it is usable without the
  // module, and the module's download and compilation would hold that paint back. Then the
  // module and its glue, fetched side by side (nothing preloads them).
  await afterFirstPaint();
  const wasm = fetch(tag.dataset.ojWasm);
  const glue = await import(tag.dataset.ojJs);
  await glue.default({ module_or_path: wasm });
  await afterFirstPaint();
  const response = fetchEngine();
  glue.oj_engine(compileEngine(response), engineTag ? new URL(engineTag.dataset.ojJs, document.baseURI).href : "");
  // The browser checks a fetch against the policy when it sends it, not when fetch() is called:
  // connections are forbidden once the worker's module has answered (its body still streams).
  await response.catch(() => null);
  forbidConnections();
  await keepForOffline();
}

// Resolves once the page has painted (a frame, then a task), or after 200 ms in a tab that
// paints nothing because it is hidden.
function afterFirstPaint() {
  return new Promise((done) => {
    requestAnimationFrame(() => setTimeout(done, 0));
    setTimeout(done, 200);
  });
}

function fetchEngine() {
  if (!engineTag) return Promise.reject(new Error("index.html names no worker module (oj-engine)"));
  return fetch(engineTag.dataset.ojWasm);
}

// The worker's module, compiled while it streams in; a server that sends .wasm with another
// type than application/wasm gets the slower path (the same response, read whole).
function compileEngine(response) {
  return WebAssembly.compileStreaming(response).catch(async (error) => {
    const r = await response;
    if (!r.ok || r.bodyUsed) throw error;
    console.warn("Läsarens WebAssembly skickas inte som application/wasm; den läses in långsammare.");
    return WebAssembly.compile(await r.arrayBuffer());
  });
}

// Once the app runs it needs no connection at all: add a second policy, which the browser
// enforces together with index.html's, so from here on no fetch, XHR, WebSocket, EventSource
// or beacon can leave the page, not even to its own server. (Workers and the service worker
// have their own policies and load only the page's own files.)
function forbidConnections() {
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "connect-src 'none'";
  document.head.append(meta);
}

// Registers public/sw.js, which keeps this version's files for use without a network. The
// script URL carries the hashed glue names of both modules, so each new build (of either)
// installs afresh and replaces the old version's cache. Service workers exist only on https
// (and http://localhost); elsewhere the page simply works online only. Registered right after the start, so the worker's install
// (which fetches this version's files once, mostly from the HTTP cache) is part of the load.
async function keepForOffline() {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const name = (t) => (t ? t.dataset.ojJs.replace(/^.*\//, "") : "");
  const version = [name(tag), name(engineTag)].filter(Boolean).join(",");
  try {
    await navigator.serviceWorker.register(`sw.js?v=${encodeURIComponent(version)}`);
  } catch (error) {
    console.warn("Sidan kan inte sparas för användning utan nätverk:", error);
  }
}

start().catch((error) => {
  // The static first screen stays; its picker and button can do nothing now, so they go off.
  const status = document.getElementById("starting");
  if (status) {
    status.textContent =
      "Sidan kunde inte starta i den här webbläsaren. Använd en aktuell version av Edge, Chrome, Firefox eller Safari.";
  }
  for (const id of ["filval", "exempeldata"]) document.getElementById(id)?.setAttribute("disabled", "");
  console.error(error);
});
