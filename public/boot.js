// Starts ÖJ-analys: loads the wasm-bindgen glue and the WebAssembly named by Trunk in the
// <script> tag's data attributes. An external file, so the page's CSP needs no inline script.
const tag = document.querySelector("script[data-oj-js]");

async function start() {
  const glue = await import(tag.dataset.ojJs);
  await glue.default({ module_or_path: tag.dataset.ojWasm });
}

start().catch((error) => {
  const main = document.getElementById("starting");
  if (main) {
    main.textContent =
      "Sidan kunde inte starta i den här webbläsaren. Använd en aktuell version av Edge, Chrome, Firefox eller Safari.";
  }
  console.error(error);
});
