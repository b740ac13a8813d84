//! ÖJ-analys: Socialstyrelsen's *Öppna jämförelser* workbooks read, scored and compared.
//!
//! bytes ─▶ [`ingest`] ─▶ [`model`] ─▶ [`score`] / [`compare`] ─▶ [`report`] ─▶ `ui` (Leptos, feature
//! `web`) | the `oj-analys` CLI (feature `cli`). The core (everything but `ui`) is plain Rust with
//! no web dependency and no I/O: it takes bytes and returns data, so it runs the same natively,
//! in the browser's main thread and in its Web Worker. See ARCHITECTURE.md.
//!
//! The library has no `#[wasm_bindgen]` export: every binary that links it would export it, and
//! so keep its code. The page's exports are in `src/main.rs`, the worker's in `src/bin/engine.rs`.

pub mod app_state;
#[cfg(feature = "cli")]
pub mod cli;
pub mod compare;
pub mod engine;
pub mod exempel;
pub mod ingest;
pub mod model;
pub mod protocol;
pub mod reference;
pub mod report;
pub mod score;
pub mod sv;

#[cfg(feature = "web")]
pub mod ui;
