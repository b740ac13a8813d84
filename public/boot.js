// Starts ÖJ-analys: loads the wasm-bindgen glue and the WebAssembly named by Trunk in the
// <script> tag's data attributes. An external file, so the page's CSP needs no inline script.
const tag = document.querySelector("script[data-oj-js]");

async function start() {
  const glue = await import(tag.dataset.ojJs);
  await glue.default({ module_or_path: tag.dataset.ojWasm });
  await keepForOffline();
  forbidConnections();
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
// script URL carries the hashed glue name, so each new build installs afresh and replaces the
// old version's cache. Service workers exist only on https (and http://localhost); elsewhere the
// page simply works online only. Registered right after the start, so the worker's install
// (which fetches this version's files once, mostly from the HTTP cache) is part of the load.
async function keepForOffline() {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const version = tag.dataset.ojJs.replace(/^.*\//, "");
  try {
    await navigator.serviceWorker.register(`sw.js?v=${encodeURIComponent(version)}`);
  } catch (error) {
    console.warn("Sidan kan inte sparas för användning utan nätverk:", error);
  }
}

start().catch((error) => {
  const main = document.getElementById("starting");
  if (main) {
    main.textContent =
      "Sidan kunde inte starta i den här webbläsaren. Använd en aktuell version av Edge, Chrome, Firefox eller Safari.";
  }
  console.error(error);
});
