//! The Leptos user interface: components and browser glue only; every number comes from the core.
//!
//! `browser` is the one module that talks to web-sys directly (files, storage, address bar);
//! `worker` runs the page's side of the Web Worker and `worker_entry` the worker's side (the
//! same WebAssembly runs in both). Components hold state in signals and show plain core data.

mod app;
pub mod bench;
mod browser;
mod cells;
mod charts;
mod combobox;
mod format;
pub mod kommuner;
mod load;
mod pickers;
pub mod protocol;
pub mod state;
mod table_scroll;
mod views;
mod worker;
pub mod worker_entry;

pub use app::App;

/// Mounts the app into the page, replacing the static "Sidan startar …" placeholder.
///
/// Does nothing outside a window: the same WebAssembly is instantiated in the Web Worker, where
/// only the [`worker_entry`] functions are called.
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    root.set_inner_html("");
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    leptos::mount::mount_to(root, App).forget();
}
