// The Web Worker of ÖJ-analys: reads workbooks and computes reports off the page's main thread.
//
// It runs the SAME WebAssembly as the page. The page sends {kind: "init", glue, module}: the URL
// of the wasm-bindgen glue (a file of this site) and the already compiled WebAssembly.Module, so
// the .wasm is neither downloaded nor compiled a second time. Then it sends one job at a time and
// waits for the answer, so that if the WebAssembly traps (a panic, memory exhausted) the page
// knows exactly which job did it; the worker then says so and closes, and the page starts a new
// one. File bytes arrive as transferred ArrayBuffers and go back the same way (no copies kept).
let glue = null;
const waiting = [];

self.onmessage = (event) => {
  const message = event.data;
  if (message.kind === "init") {
    init(message);
  } else if (glue === null) {
    waiting.push(message);
  } else {
    handle(message);
  }
};

async function init({ glue: glueUrl, module }) {
  try {
    const loaded = await import(glueUrl);
    await loaded.default({ module_or_path: module });
    glue = loaded;
  } catch (error) {
    self.postMessage({ kind: "crash", job: null, error: `start: ${error}` });
    self.close();
    return;
  }
  self.postMessage({ kind: "ready" });
  while (waiting.length > 0) handle(waiting.shift());
}

function handle(message) {
  try {
    switch (message.kind) {
      case "read": {
        const result = glue.oj_worker_read(message.id, message.name, new Uint8Array(message.bytes), message.options);
        self.postMessage({ kind: "read", job: message.job, id: message.id, result, bytes: message.bytes }, [message.bytes]);
        break;
      }
      case "remove":
        glue.oj_worker_remove(message.id);
        self.postMessage({ kind: "done", job: message.job });
        break;
      case "report": {
        const result = glue.oj_worker_report(message.options);
        self.postMessage({ kind: "report", job: message.job, result });
        break;
      }
      case "examples": {
        const files = glue.oj_worker_examples();
        const buffers = files.map((file) => file.bytes.buffer);
        self.postMessage({ kind: "examples", job: message.job, files }, buffers);
        break;
      }
      default:
        self.postMessage({ kind: "done", job: message.job });
    }
  } catch (error) {
    // A trap leaves the WebAssembly instance unusable: report and stop; the page starts anew.
    self.postMessage({ kind: "crash", job: message.job, error: String(error) });
    self.close();
  }
}
