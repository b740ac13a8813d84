//! The page's WebAssembly entry Trunk builds (binary `app`): start the app, and take the
//! worker's module when `public/boot.js` hands it over. Nothing else lives here.

use wasm_bindgen::prelude::*;

fn main() {
    oj_analys::ui::start();
}

/// Called by `public/boot.js` once the page is usable: `module` is a promise of the worker's
/// compiled `WebAssembly.Module`, `glue` the absolute URL of its wasm-bindgen glue.
#[wasm_bindgen]
pub fn oj_engine(module: js_sys::Promise, glue: String) {
    oj_analys::ui::engine_arrives(module, glue);
}
