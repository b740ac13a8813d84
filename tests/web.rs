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

#[wasm_bindgen_test]
fn a_real_workbook_reads_into_datasets_inside_wasm() {
    use oj_analys::ingest::reading::SheetRole;
    use oj_analys::model::UnitKind;
    let wb = oj_analys::ingest::read_workbook(
        "2024-11-9295-tables.xlsx",
        STROKE,
        &oj_analys::ingest::ReadOptions::default(),
    )
    .expect("the stroke workbook reads in wasm");
    assert_eq!(wb.datasets.len(), 25);
    assert_eq!(
        wb.reading.sheets[0].role,
        SheetRole::NonData {
            kind: oj_analys::ingest::reading::NonDataKind::Innehallsforteckning
        }
    );
    let t2 = wb
        .datasets
        .iter()
        .find(|d| d.sheet == "Tabell 2")
        .expect("Tabell 2");
    assert_eq!(
        t2.units.iter().filter(|u| u.kind == UnitKind::Lan).count(),
        21
    );
    assert!(t2
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("Tabell 2. Personer med minst ett fall av stroke")));
    // The same layout key as natively (tests/ingest_real.rs): keys are platform-independent.
    assert_eq!(wb.reading.datasets[1].layout_key, "7d8093638da974e4");
}
