// The Web Worker of ÖJ-analys: reads workbooks, computes reports and writes exports off the
// page's main thread, in the worker's own WebAssembly module (binary `engine`: ingest, engine,
// exports; no UI code).
//
// The page sends {kind: "init", glue, module?}: the URL of that module's wasm-bindgen glue (a
// file of this site), imported at once, and the module, already compiled by the page, so the
// .wasm is neither downloaded nor compiled here. The first worker starts while the page is still
// compiling the module: it comes later, as {kind: "module", module}. Once it runs, the worker
// says {kind: "ready"}, and the page sends one job at a time, {kind: "job", job, request,
// bytes?} (request: a JSON `Request` of src/protocol.rs; bytes: a file, transferred), and waits
// for {kind: "reply", job, reply, bytes?, files} (reply: a JSON `Reply`; the file goes back, an
// export's or the examples' bytes come with it, all transferred). If the WebAssembly traps (a
// panic, memory exhausted) the page knows exactly which job did it: the worker says so and
// closes, and the page starts a new one.
let glue = null;
let loading = null;
const waiting = [];

self.onmessage = (event) => {
  const message = event.data;
  if (message.kind === "init") {
    loading = import(message.glue);
    loading.catch(() => {}); // a failure is reported by start(), once the module is there
    if (message.module) start(message.module);
  } else if (message.kind === "module") {
    start(message.module);
  } else if (glue === null) {
    waiting.push(message);
  } else {
    handle(message);
  }
};

async function start(module) {
  try {
    const loaded = await loading;
    await loaded.default({ module_or_path: module });
    glue = loaded;
  } catch (error) {
    fail(`start: ${error}`);
    return;
  }
  self.postMessage({ kind: "ready" });
  while (waiting.length > 0) handle(waiting.shift());
}

function fail(error) {
  self.postMessage({ kind: "crash", job: null, error });
  self.close();
}

function handle(message) {
  try {
    const file = message.bytes ? new Uint8Array(message.bytes) : new Uint8Array(0);
    const [reply, ...made] = glue.oj_handle(message.request, file);
    const files = made.map((bytes) => bytes.buffer);
    const transfer = message.bytes ? [message.bytes, ...files] : files;
    self.postMessage({ kind: "reply", job: message.job, reply, bytes: message.bytes, files }, transfer);
  } catch (error) {
    // A trap leaves the WebAssembly instance unusable: report and stop; the page starts anew.
    self.postMessage({ kind: "crash", job: message.job, error: String(error) });
    self.close();
  }
}
