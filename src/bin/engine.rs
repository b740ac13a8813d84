//! The worker's WebAssembly entry Trunk builds (binary `engine`): one [`Engine`] behind
//! `public/worker.js`, and the steps `./bench` times. No Leptos: the page is the other module.

use std::cell::RefCell;

use oj_analys::engine::Engine;
use oj_analys::ingest::{self, Limits};
use wasm_bindgen::prelude::*;

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

fn main() {}

/// Answers one request (JSON, [`oj_analys::protocol::Request`]; `bytes` the file of a read,
/// else empty). Returns `[reply, file…]`: the JSON [`oj_analys::protocol::Reply`], then the
/// bytes that travel beside it (an export's file, the example workbooks).
#[wasm_bindgen]
pub fn oj_handle(request: &str, bytes: &[u8]) -> js_sys::Array {
    let (reply, files) = ENGINE.with_borrow_mut(|engine| engine.handle_message(request, bytes));
    let out = js_sys::Array::new();
    out.push(&reply.into());
    for file in files {
        out.push(&js_sys::Uint8Array::from(file.as_slice()));
    }
    out
}

/// For `./bench` only: reads every sheet of a file to cell grids (sniff + container + cells),
/// the step comparable to SheetJS's `XLSX.read`. The number of cells read, or -1 when refused.
#[wasm_bindgen]
pub fn oj_bench_grids(bytes: &[u8]) -> f64 {
    let limits = Limits::default();
    let cells =
        ingest::sniff(bytes).and_then(|format| ingest::sheets::read_grids(bytes, format, &limits));
    match cells {
        Ok(grids) => grids.iter().map(|g| g.n_cells() as f64).sum(),
        Err(_) => -1.0,
    }
}
