//! The Leptos user interface: components and browser glue only; every number comes from the core.
//!
//! `browser` is the one module that talks to web-sys directly (files, storage); components hold
//! state in signals and call plain core functions.

mod app;
mod browser;
mod load;

pub use app::App;

/// Mounts the app into the page, replacing the static "Sidan startar …" placeholder.
///
/// Does nothing outside a window (for example when this module is instantiated in a Web Worker).
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
