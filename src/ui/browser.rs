//! Browser glue: reading the user's files into bytes. The one place that uses web-sys for I/O.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The files of a `FileList` (from an `<input type=file>` or a drop), in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a file's bytes into memory. The bytes stay in this browser tab.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
        "Filen kunde inte läsas från datorn. Försök igen, eller spara en kopia och välj den."
            .to_owned()
    })?;
    let buffer: js_sys::ArrayBuffer = buffer
        .dyn_into()
        .map_err(|_| "Filen gav inga data.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
