//! Entry points for `./bench` only: one step of the pipeline at a time, timed from JavaScript.
//!
//! The page never calls these. They live in the app's WebAssembly so the benchmark measures the
//! exact module users download, beside SheetJS in the same page.

use wasm_bindgen::prelude::*;

use crate::ingest::{self, Limits};

/// Reads every sheet of a file to cell grids (sniff + container + cells): the step comparable to
/// SheetJS's `XLSX.read`. Returns the number of cells read, or -1 when the file was refused.
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
