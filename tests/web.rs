//! In-browser tests (wasm-bindgen-test in headless Chromium): the core runs inside WebAssembly
//! exactly as natively, on a real Socialstyrelsen workbook's bytes.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const STROKE: &[u8] = include_bytes!("../../shared/fixtures/real/2024-11-9295-tables.xlsx");

#[wasm_bindgen_test]
fn a_real_workbook_lists_its_sheets_inside_wasm() {
    let sheets = oj_analys::ingest::list_sheets(STROKE).expect("the stroke workbook opens in wasm");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 30);
    assert_eq!(names[0], "Innehållsförteckning");
    assert_eq!(names[5], "Tabell 1");
    assert_eq!(names[29], "Figur 3");
    let tabell_2 = sheets
        .iter()
        .find(|s| s.name == "Tabell 2")
        .expect("Tabell 2");
    assert_eq!((tabell_2.rows, tabell_2.cols), (74, 39));
}

#[wasm_bindgen_test]
fn garbage_is_refused_with_a_message_not_a_panic() {
    let error = oj_analys::ingest::list_sheets(b"not a workbook at all").expect_err("refused");
    assert!(error.message().contains("kunde inte läsas"));
}
