//! Browser glue: files, the worker's URLs, localStorage, the address bar, focus. The one place
//! that calls web-sys for I/O; everything here fails quietly (a blocked storage is no error).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The files of a `FileList` (from an `<input type=file>` or a drop), in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A file's bytes as an `ArrayBuffer` (kept in JavaScript memory, to be transferred to the
/// worker). The bytes stay in this browser tab.
pub async fn read_buffer(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
        "Filen kunde inte läsas från datorn. Försök igen, eller spara en kopia och välj den."
            .to_owned()
    })?;
    buffer
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_err(|_| "Filen gav inga data.".to_owned())
}

/// A URL of the page's own site (`worker.js`) made absolute against the document's base.
pub fn absolute_url(relative: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base(relative, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| relative.to_owned())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What the user chose on the first screen before the app had started (public/early.js keeps
/// it in `window.ojEarly`): files chosen or dropped, and whether the example data was asked for.
#[derive(Default)]
pub struct EarlyChoices {
    pub files: Vec<web_sys::File>,
    pub examples: bool,
}

/// Takes what public/early.js kept and closes it, so that from now on only the app answers.
/// Nothing when the page has no early script (a test page) or nothing was chosen.
pub fn take_early_choices() -> EarlyChoices {
    let Some(early) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("ojEarly")).ok())
        .filter(JsValue::is_object)
    else {
        return EarlyChoices::default();
    };
    let field = |name: &str| js_sys::Reflect::get(&early, &JsValue::from_str(name)).ok();
    let _ = js_sys::Reflect::set(&early, &JsValue::from_str("open"), &JsValue::FALSE);
    let files = field("files")
        .and_then(|f| f.dyn_into::<js_sys::Array>().ok())
        .map(|list| list.iter().filter_map(|f| f.dyn_into().ok()).collect())
        .unwrap_or_default();
    let examples = field("examples").and_then(|e| e.as_bool()).unwrap_or(false);
    EarlyChoices { files, examples }
}

/// A setting kept in localStorage.
pub fn load_setting(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save_setting(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Removes every localStorage key of this page that starts with `prefix`.
pub fn forget_settings(prefix: &str) {
    let Some(s) = storage() else { return };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for key in keys {
        let _ = s.remove_item(&key);
    }
}

/// The query string of the address bar, without `?`.
pub fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_owned())
        .unwrap_or_default()
}

/// Replaces the query string of the address bar (no reload, no history entry).
pub fn set_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if location
        .search()
        .ok()
        .as_deref()
        .map(|s| s.trim_start_matches('?'))
        == Some(query)
    {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Moves keyboard focus to the element with `id` (which should have `tabindex="-1"`).
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Opens a `<dialog>` modally.
pub fn show_dialog(id: &str) {
    let dialog = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(dialog) = dialog {
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
    }
}

/// Scrolls an element into view (the active option of a list box).
pub fn scroll_into_view(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Closes a `<dialog>`.
pub fn close_dialog(id: &str) {
    let dialog = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(dialog) = dialog {
        dialog.close();
    }
}

/// Offers `bytes` as a download named `name` (a Blob, an object URL and a temporary
/// `<a download>`; nothing leaves the browser). The URL is revoked a minute later.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_parts(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers bytes the worker made (an export) as a download, without copying them into the wasm.
pub fn download_buffer(name: &str, mime: &str, bytes: &js_sys::ArrayBuffer) -> Result<(), String> {
    download_parts(name, mime, bytes)
}

fn download_parts(name: &str, mime: &str, bytes: &JsValue) -> Result<(), String> {
    let failed = || "Filen kunde inte skapas i webbläsaren.".to_owned();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(failed)?;
    let parts = js_sys::Array::new();
    parts.push(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(failed)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("visually-hidden");
    let body = document.body().ok_or_else(failed)?;
    let _ = body.append_child(&anchor);
    anchor.click();
    anchor.remove();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Puts `text` on the clipboard: the Clipboard API where the page may use it (https,
/// localhost), else the older copy command on the text of the element `fallback_id`, selected.
/// `Err` when neither worked; the text is then left selected for Ctrl+C.
pub async fn copy_text(text: &str, fallback_id: &str) -> Result<(), ()> {
    if let Some(window) = web_sys::window() {
        let navigator = window.navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .map(|c| !c.is_undefined() && !c.is_null())
            .unwrap_or(false);
        if has_clipboard
            && JsFuture::from(navigator.clipboard().write_text(text))
                .await
                .is_ok()
        {
            return Ok(());
        }
    }
    if select_contents(fallback_id) {
        let copied = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.exec_command("copy").ok())
            .unwrap_or(false);
        if copied {
            return Ok(());
        }
    }
    Err(())
}

/// Selects everything inside the element `id` (so the user can copy it by hand).
pub fn select_contents(id: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let element = window.document().and_then(|d| d.get_element_by_id(id));
    match (element, window.get_selection().ok().flatten()) {
        (Some(element), Some(selection)) => {
            let _ = selection.remove_all_ranges();
            selection.select_all_children(&element).is_ok()
        }
        _ => false,
    }
}

/// The first `<svg>` inside the element `id` as a standalone SVG document: serialised with its
/// namespace, with `css` put in a `<style>` element (the page's stylesheet does not travel with
/// a downloaded file).
pub fn svg_document(id: &str, css: &str) -> Option<String> {
    let svg = web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .query_selector("svg")
        .ok()??;
    let markup = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&svg)
        .ok()?;
    let end = markup.find('>')?;
    let (open, rest) = markup.split_at(end + 1);
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}<style>{css}</style>{rest}\n"
    ))
}

/// Opens the browser's print dialog (where "Spara som PDF" is one of the printers).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Today's date in the browser's time zone: (year, month 1–12, day).
pub fn today() -> (u32, u32, u32) {
    let now = js_sys::Date::new_0();
    (now.get_full_year(), now.get_month() + 1, now.get_date())
}
