//! The Leptos user interface: components and browser glue only; every number comes from the core.
//!
//! `browser` is the one module that talks to web-sys directly (files, storage, address bar);
//! `worker` runs the page's side of the Web Worker, which runs the other WebAssembly module
//! (`src/bin/engine.rs` over [`crate::engine`]). Components hold state in signals and show plain
//! core data. Nothing here is a `#[wasm_bindgen]` export (see `src/lib.rs`).

mod app;
mod browser;
mod cells;
mod charts;
mod combobox;
mod context;
mod definition;
mod format;
mod load;
mod pickers;
mod table_scroll;
mod unnamed;
mod views;
mod worker;

pub use app::App;
pub use worker::engine_arrives;

/// Mounts the app into the page, replacing the static first screen of index.html; what the
/// user chose there is taken over (App, `browser::take_early_choices`), and so is the focus.
///
/// Does nothing outside a window.
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    // The static first screen (index.html) has the app's ids: focus stays where it was.
    let focused = document
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    root.set_inner_html("");
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    leptos::mount::mount_to(root, App).forget();
    if let Some(id) = focused {
        browser::focus(&id);
    }
}
