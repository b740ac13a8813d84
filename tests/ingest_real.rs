//! The real Socialstyrelsen workbooks in `../shared/fixtures/real/` read without error: table
//! sheets found with their titles, län units where a table has them, numeric indicators, the
//! Statistikdatabasen export as long data, and the non-data sheets listed as such. Expectations
//! were taken from the files with openpyxl.

use std::path::Path;

use oj_analys::ingest::reading::{NonDataKind, SheetRole, UnitAxis, WarningKind};
use oj_analys::ingest::{read_workbook, ReadOptions, Workbook};
use oj_analys::model::{Dataset, Layout, UnitKind, Value};

fn real(name: &str) -> Workbook {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_workbook(name, &bytes, &ReadOptions::default()).expect("reads")
}

fn dataset<'a>(wb: &'a Workbook, sheet: &str) -> Vec<&'a Dataset> {
    wb.datasets.iter().filter(|d| d.sheet == sheet).collect()
}

/// The value of the unit named `unit` with these dimension values.
fn value_at(d: &Dataset, unit: &str, dims: &[&str]) -> Value {
    let u = d.units.iter().position(|u| u.name == unit).expect("unit") as u32;
    let want: Vec<u32> = dims
        .iter()
        .zip(&d.dimensions)
        .map(|(v, dim)| {
            dim.values
                .iter()
                .position(|x| x == v)
                .expect("dimension value") as u32
        })
        .collect();
    d.observations
        .iter()
        .find(|o| o.unit == u && o.dims == want)
        .map(|o| o.value.clone())
        .expect("observation")
}

const NON_DATA: [(&str, NonDataKind); 5] = [
    ("Innehållsförteckning", NonDataKind::Innehallsforteckning),
    ("Mer information", NonDataKind::MerInformation),
    ("Om statistiken", NonDataKind::OmStatistiken),
    ("Definitioner och mått", NonDataKind::DefinitionerOchMatt),
    ("Ordlista - List of terms", NonDataKind::Ordlista),
];

#[test]
fn stroke_tables_by_lan_and_by_age() {
    let wb = real("2024-11-9295-tables.xlsx");
    assert_eq!(wb.reading.sheets.len(), 30);
    for (sheet, (name, kind)) in wb.reading.sheets.iter().zip(NON_DATA) {
        assert_eq!(sheet.name, name);
        assert_eq!(sheet.role, SheetRole::NonData { kind });
    }
    // 22 tables and 3 figures with their data, one table each.
    assert_eq!(wb.datasets.len(), 25);
    assert!(wb.reading.sheets[5..]
        .iter()
        .all(|s| s.role == SheetRole::Table && s.datasets.len() == 1));
    for n in 1..=22 {
        let sheet = format!("Tabell {n}");
        let d = dataset(&wb, &sheet);
        assert_eq!(d.len(), 1, "{sheet}");
        let d = d[0];
        let title = d.title.as_deref().unwrap_or("");
        assert!(
            title.starts_with(&format!("Tabell {n}. ")),
            "{sheet}: {title}"
        );
        assert_eq!(d.layout, Layout::Wide);
        assert_eq!(d.indicators.len(), 1);
        assert!(!d.indicators[0].is_categorical());
        let years = d.dimensions.iter().find(|x| x.name == "År").expect("År");
        assert_eq!(years.values.first().map(String::as_str), Some("1987"));
        assert_eq!(years.values.last().map(String::as_str), Some("2023"));
        let r = &wb.reading.datasets[d_index(&wb, d)];
        assert!(r.template);
        if n % 2 == 0 {
            // By län: the 21 län and riket, plus "Okänt" where the counts have it.
            let lan = d.units.iter().filter(|u| u.kind == UnitKind::Lan).count();
            let riket = d.units.iter().filter(|u| u.kind == UnitKind::Riket).count();
            assert_eq!((lan, riket), (21, 1), "{sheet}");
            assert!(matches!(r.unit_axis, UnitAxis::Column { col: 0, .. }));
            let okand: Vec<_> = d
                .units
                .iter()
                .filter(|u| u.kind == UnitKind::Okand)
                .map(|u| u.label.as_str())
                .collect();
            assert!(okand.is_empty() || okand == ["Okänt"], "{sheet}: {okand:?}");
            assert_eq!(d.dimensions[0].name, "Kön");
            assert_eq!(d.dimensions[0].values, ["Män", "Kvinnor", "Totalt"]);
        } else {
            // By age: no units named; read as riket.
            assert!(matches!(
                r.unit_axis,
                UnitAxis::Implicit {
                    kind: UnitKind::Riket
                }
            ));
            assert!(r
                .warnings
                .iter()
                .any(|w| w.kind == WarningKind::ImplicitUnit));
            assert_eq!(d.dimensions[0].name, "Ålder");
        }
    }
    let t2 = dataset(&wb, "Tabell 2")[0];
    // Layout keys are stable across runs and platforms (tests/web.rs checks the same key in wasm).
    assert_eq!(
        wb.reading.datasets[d_index(&wb, t2)].layout_key,
        "7d8093638da974e4"
    );
    assert_eq!(
        value_at(t2, "Stockholms län", &["Män", "1987"]),
        Value::Number(2423.0)
    );
    assert_eq!(
        value_at(t2, "Riket", &["Totalt", "2023"]),
        Value::Number(24829.0)
    );
    // Gotland is the län here, not the kommun: the column holds län.
    assert!(t2.units.iter().any(|u| u.label == "Gotland"
        && u.kind == UnitKind::Lan
        && u.code.as_deref() == Some("09")));
    let t22 = dataset(&wb, "Tabell 22")[0];
    assert_eq!(
        value_at(t22, "Stockholms län", &["Män", "1987"]),
        Value::Number(46.5)
    );
    assert_eq!(
        value_at(t22, "Riket", &["Totalt", "2023"]),
        Value::Number(32.9)
    );
    // "Andel i procent" above the years is the measure, not a level of the hierarchy.
    assert_eq!(
        t22.indicators[0].kind,
        oj_analys::model::IndicatorKind::Numeric {
            direction: None,
            measure: Some("Andel i procent".into())
        }
    );
    assert_eq!(t22.indicators[0].quality, None);
    let fig3 = dataset(&wb, "Figur 3")[0];
    let names: Vec<_> = fig3.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Incidens - män",
            "Incidens - kvinnor",
            "Mortalitet - män",
            "Mortalitet - kvinnor"
        ]
    );
    assert_eq!(fig3.year(), Some(2023));
}

fn d_index(wb: &Workbook, d: &Dataset) -> usize {
    wb.datasets
        .iter()
        .position(|x| std::ptr::eq(x, d))
        .expect("in workbook")
}

#[test]
fn inpatient_tables_two_per_sheet_and_a_chart_sheet() {
    let wb = real("2024-9-9230-tables.xlsx");
    assert_eq!(wb.reading.sheets.len(), 26);
    for (sheet, (name, kind)) in wb.reading.sheets.iter().zip(NON_DATA) {
        assert_eq!(sheet.name, name);
        assert_eq!(sheet.role, SheetRole::NonData { kind });
    }
    // 19 chapter sheets with counts and rates, the chart sheet with three tables.
    assert_eq!(wb.datasets.len(), 19 * 2 + 3);
    let first = dataset(&wb, "Tabell 1 ");
    assert_eq!(first.len(), 2);
    assert_eq!(
        first[0].title.as_deref(),
        Some("Kapitel I Vissa infektions- och parasitsjukdomar (A00–B99)")
    );
    assert_eq!(
        first[0].dimensions[0].values,
        ["Män", "Kvinnor", "Män+Kvinnor"]
    );
    assert!(first
        .iter()
        .all(|d| d.indicators.len() == 1 && !d.indicators[0].is_categorical()));
    let diagram = dataset(&wb, "Diagram");
    let titles: Vec<_> = diagram
        .iter()
        .map(|d| d.title.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        titles,
        [
            "Tabell 1. Största diagnoskapitlen med avseende på antal patienter för kvinnor 1988–2023",
            "Tabell 2. Största diagnoskapitlen med avseende på antal patienter för män 1988–2023",
            "Tabell 3. Åldersfördelning antal sjukdomsvårdtillfällen* per 1 000 invånare i befolkningen 2023",
        ]
    );
    let last = wb.reading.sheets.last().expect("sheet");
    assert_eq!(last.name, "Konverteringstabell");
    assert_eq!(last.role, SheetRole::Unrecognised);
}

#[test]
fn statistikdatabasen_export_is_long_data() {
    let wb = real("Statistikdatabasen_2025-allergy.xlsx");
    assert_eq!(wb.datasets.len(), 1);
    let d = &wb.datasets[0];
    assert_eq!(d.layout, Layout::Long);
    assert_eq!(d.units.len(), 22);
    assert_eq!(
        d.units.iter().filter(|u| u.kind == UnitKind::Lan).count(),
        21
    );
    assert_eq!(d.units[0].kind, UnitKind::Riket);
    let r = &wb.reading.datasets[0];
    assert_eq!(
        r.unit_axis,
        UnitAxis::Column {
            col: 2,
            header: "Region".into()
        }
    );
    let indicator_column = r.columns.iter().find(|c| c.col == 1).expect("B");
    assert_eq!(indicator_column.header, "Läkemedel");
    assert_eq!(
        indicator_column.role,
        oj_analys::ingest::reading::LabelRole::Indicator
    );
    let names: Vec<_> = d.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "A07EB Antiallergika, exkl. kortikosteroider",
            "R01AC Antiallergika, exkl. kortikosteroider",
            "R03BC Antiallergika, exkl. kortikosteroider",
            "S01G Avsvällande medel och antiallergika",
        ]
    );
    assert!(d.indicators.iter().all(|i| i.kind
        == oj_analys::model::IndicatorKind::Numeric {
            direction: None,
            measure: Some("Expedieringar/1000 invånare".into())
        }));
    let dims: Vec<_> = d
        .dimensions
        .iter()
        .map(|x| (x.name.as_str(), x.values.len()))
        .collect();
    assert_eq!(dims, [("Månad", 12), ("Kön", 1), ("Ålder", 1)]);
    assert_eq!(d.observations.len(), 22 * 4 * 12);
    assert_eq!(d.title.as_deref(), Some("Läkemedelsstatistik"));
    assert_eq!(
        r.footnotes,
        ["Socialstyrelsens statistikdatabas 2025-04-06"]
    );
    // First data row: September 2024, A07EB, Riket: 0.01.
    let first = d
        .observations
        .iter()
        .find(|o| o.cell.row == 2)
        .expect("row 3");
    assert_eq!(first.value, Value::Number(0.01));
    assert_eq!(d.units[first.unit as usize].name, "Riket");
    assert_eq!(
        d.dimensions[0].values[first.dims[0] as usize],
        "September 2024"
    );
    // A monthly table names no single year.
    assert_eq!(d.year(), None);
}

#[test]
fn reading_reports_serialise_and_print_in_swedish() {
    for name in [
        "2024-11-9295-tables.xlsx",
        "2024-9-9230-tables.xlsx",
        "Statistikdatabasen_2025-allergy.xlsx",
    ] {
        let wb = real(name);
        let json = serde_json::to_string(&wb).expect("json");
        let back: Workbook = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back.reading, wb.reading);
        let text = wb.reading.to_swedish_text();
        assert!(text.starts_with(&format!("Fil: {name}\n")));
        assert!(text.contains("Layoutnyckel: "));
        // Reading the same bytes again gives the same layout keys.
        assert_eq!(real(name).reading.layout_key, wb.reading.layout_key);
    }
}
