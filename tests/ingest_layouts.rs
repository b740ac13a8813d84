//! ÖJ workbooks of every layout read back to exactly the table they were written from: units
//! (kind, code, name, parent, attributes), indicators (name, code, kind, hierarchy) and every
//! value with the text it was written as.
//!
//! Two sources of files: the generator in `src/exempel` (every [`Shape`] written as xlsx here, the
//! committed LibreOffice conversions to xls and ods and the csv files in
//! `tests/fixtures/generated/`, each beside the spec it was written from), and a few hand-written
//! tables below for forms the generator does not use (Region Gotland, Falu kommun, "33 %",
//! decimal commas, unknown texts, user overrides and corrections).

use std::collections::BTreeMap;
use std::path::Path;

use oj_analys::exempel::{self, CellSpec, Encoding, Shape, TableSpec};
use oj_analys::ingest::grid::normalise_text;
use oj_analys::ingest::reading::{NonDataKind, SheetRole, UnitAxis};
use oj_analys::ingest::{read_workbook, ReadOptions, SheetOverride, Workbook};
use oj_analys::model::{
    Absence, Area, Dataset, IndicatorKind, Layout, Outcome, QualityArea, UnitKind, Value,
};
use rust_xlsxwriter::{Format, Workbook as XlsxWorkbook, Worksheet};

/// What a file of `shape` carries of each indicator beyond its name and kind.
struct Carries {
    quality: bool,
    indicator_area: bool,
    code: bool,
    direction: bool,
    attributes: bool,
}

fn carries(shape: Shape) -> Carries {
    match shape {
        Shape::Wide { header_rows } => Carries {
            quality: header_rows >= 2,
            indicator_area: header_rows >= 3,
            code: false,
            direction: false,
            attributes: true,
        },
        Shape::WideWithDescriptions => Carries {
            quality: true,
            indicator_area: true,
            code: true,
            direction: true,
            attributes: true,
        },
        Shape::Transposed => Carries {
            quality: true,
            indicator_area: true,
            code: false,
            direction: false,
            attributes: false,
        },
        Shape::Long => Carries {
            quality: true,
            indicator_area: true,
            code: true,
            direction: false,
            attributes: false,
        },
        Shape::Template => Carries {
            quality: false,
            indicator_area: false,
            code: false,
            direction: false,
            attributes: true,
        },
    }
}

fn expected_layout(shape: Shape) -> Layout {
    match shape {
        Shape::Transposed => Layout::Transposed,
        Shape::Long => Layout::Long,
        _ => Layout::Wide,
    }
}

/// The one dataset of a generated workbook equals its spec, cell for cell.
fn assert_matches_spec(what: &str, wb: &Workbook, spec: &TableSpec, shape: Shape) {
    assert_eq!(
        wb.datasets.len(),
        1,
        "{what}: {}",
        wb.reading.to_swedish_text()
    );
    let d = &wb.datasets[0];
    let carry = carries(shape);
    assert_eq!(d.layout, expected_layout(shape), "{what}");
    assert_eq!(d.area(), Some(spec.area), "{what}");
    assert_eq!(d.year(), Some(spec.year), "{what}");
    // Units, in the spec's order.
    let missing: Vec<&str> = spec
        .rows
        .iter()
        .filter(|r| !d.units.iter().any(|u| u.label == normalise_text(&r.label)))
        .map(|r| r.label.as_str())
        .collect();
    assert!(missing.is_empty(), "{what}: units not read: {missing:?}");
    assert_eq!(d.units.len(), spec.rows.len(), "{what}");
    for (u, row) in d.units.iter().zip(&spec.rows) {
        let ctx = format!("{what}: {}", row.label);
        assert_eq!(u.label, normalise_text(&row.label), "{ctx}");
        assert_eq!(u.kind, row.kind, "{ctx}");
        assert_eq!(u.code, row.code, "{ctx}");
        assert_eq!(u.name, row.name, "{ctx}");
        assert_eq!(u.parent, row.parent, "{ctx}");
        let want: BTreeMap<String, String> = if carry.attributes {
            row.attributes.iter().cloned().collect()
        } else {
            BTreeMap::new()
        };
        assert_eq!(u.attributes, want, "{ctx}");
    }
    // Indicators, in the spec's order.
    assert_eq!(d.indicators.len(), spec.indicators.len(), "{what}");
    for (ind, want) in d.indicators.iter().zip(&spec.indicators) {
        let ctx = format!("{what}: {}", want.name);
        assert_eq!(ind.name, want.name, "{ctx}");
        assert_eq!(ind.code, want.code.clone().filter(|_| carry.code), "{ctx}");
        let quality = ind.quality.as_ref().map(|q| (q.label.as_str(), q.area));
        let want_quality = carry
            .quality
            .then(|| (want.quality.as_str(), want.quality_area()));
        assert_eq!(quality, want_quality, "{ctx}");
        assert_eq!(
            ind.indicator_area,
            want.indicator_area.clone().filter(|_| carry.indicator_area),
            "{ctx}"
        );
        match (&ind.kind, &want.kind) {
            (IndicatorKind::Categorical, IndicatorKind::Categorical) => {}
            (
                IndicatorKind::Numeric { direction, measure },
                IndicatorKind::Numeric {
                    direction: want_direction,
                    measure: want_measure,
                },
            ) => {
                assert_eq!(measure, want_measure, "{ctx}");
                let want_direction = want_direction.filter(|_| carry.direction);
                assert_eq!(direction, &want_direction, "{ctx}");
            }
            (got, want) => panic!("{ctx}: {got:?}, expected {want:?}"),
        }
    }
    // Every value, with the text as written where it prints differently.
    let mut n = 0usize;
    for (ui, row) in spec.rows.iter().enumerate() {
        for (ii, cell) in row.cells.iter().enumerate() {
            let ctx = format!("{what}: {} / {}", row.label, spec.indicators[ii].name);
            let obs = d
                .observations
                .iter()
                .find(|o| o.unit == ui as u32 && o.indicator == ii as u32)
                .unwrap_or_else(|| panic!("{ctx}: no value"));
            assert_eq!(obs.value, cell.expected_value(), "{ctx}");
            let want_raw = match cell {
                CellSpec::Text(t) => {
                    let written = normalise_text(t);
                    let printed = oj_analys::ingest::values::print(&cell.expected_value());
                    (written != printed).then_some(written)
                }
                _ => None,
            };
            assert_eq!(obs.raw, want_raw, "{ctx}");
            n += 1;
        }
    }
    assert_eq!(d.observations.len(), n, "{what}");
}

fn generated_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generated")
}

fn committed_spec(stem: &str) -> TableSpec {
    let path = generated_dir().join(format!("{stem}.spec.json"));
    serde_json::from_slice(&std::fs::read(&path).expect("spec")).expect("spec json")
}

fn read_file(name: &str) -> Workbook {
    let bytes = std::fs::read(generated_dir().join(name)).expect("fixture");
    read_workbook(name, &bytes, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.message()))
}

#[test]
fn every_generated_shape_in_xlsx_reads_back_to_its_spec() {
    for (area, seed) in [
        (Area::EkonomisktBistand, 1),
        (Area::Missbruk, 7),
        (Area::Aldreomsorg, 3),
    ] {
        let spec = exempel::fixture_table(area, 2021, seed);
        for shape in Shape::ALL {
            let bytes = exempel::to_xlsx(&spec, shape).expect("xlsx");
            let name = exempel::example_file_name(&spec, shape, "xlsx");
            let wb = read_workbook(&name, &bytes, &ReadOptions::default()).expect("reads");
            assert_matches_spec(&name, &wb, &spec, shape);
        }
    }
}

#[test]
fn a_full_table_of_all_kommuner_reads_back_to_its_spec() {
    let spec = exempel::oj_table(Area::BarnOchUnga, 2019, 11);
    assert!(spec.rows.len() > 300);
    let shape = Shape::Wide { header_rows: 3 };
    let bytes = exempel::to_xlsx(&spec, shape).expect("xlsx");
    let wb =
        read_workbook("barn-och-unga-2019.xlsx", &bytes, &ReadOptions::default()).expect("reads");
    assert_matches_spec("hela riket", &wb, &spec, shape);
    let r = &wb.reading.datasets[0];
    assert_eq!(r.units.kommuner + r.units.storstader, 290);
    assert_eq!(r.units.lan, 21);
    assert_eq!(r.units.riket, 1);
    assert_eq!(r.units.okanda, 0);
}

#[test]
fn libreoffice_xls_and_ods_of_every_shape_read_back_to_their_spec() {
    let spec = committed_spec("ekonomiskt-bistand-2020");
    for shape in Shape::ALL {
        for ext in ["xlsx", "xls", "ods"] {
            let name = format!("ekonomiskt-bistand-2020.{}.{ext}", shape.key());
            let wb = read_file(&name);
            assert_matches_spec(&name, &wb, &spec, shape);
        }
    }
    let spec = committed_spec("ekonomiskt-bistand-2019");
    for ext in ["xlsx", "xls", "ods"] {
        let name = format!("ekonomiskt-bistand-2019.wide3.{ext}");
        assert_matches_spec(
            &name,
            &read_file(&name),
            &spec,
            Shape::Wide { header_rows: 3 },
        );
    }
}

#[test]
fn csv_in_windows_1252_and_utf8_reads_back_to_its_spec() {
    let shape = Shape::Wide { header_rows: 1 };
    for stem in ["ekonomiskt-bistand-2020", "ekonomiskt-bistand-2019"] {
        let spec = committed_spec(stem);
        for variant in ["cp1252-semikolon", "utf8bom-komma"] {
            let name = format!("{stem}.wide1.{variant}.csv");
            let wb = read_file(&name);
            assert_matches_spec(&name, &wb, &spec, shape);
            let text = wb.reading.text.expect("text info");
            assert_eq!(
                text.delimiter,
                if variant.ends_with("semikolon") {
                    ';'
                } else {
                    ','
                }
            );
        }
    }
    // And written afresh, for another table.
    let spec = exempel::fixture_table(Area::Hemloshet, 2022, 5);
    for (encoding, delimiter) in [(Encoding::Windows1252, b';'), (Encoding::Utf8Bom, b',')] {
        let bytes = exempel::to_csv(&spec, shape, encoding, delimiter);
        let wb =
            read_workbook("hemloshet-2022.csv", &bytes, &ReadOptions::default()).expect("reads");
        assert_matches_spec("hemloshet-2022.csv", &wb, &spec, shape);
    }
}

#[test]
fn template_and_description_sheets_are_named_for_what_they_are() {
    let spec = committed_spec("ekonomiskt-bistand-2020");
    let wb = read_file("ekonomiskt-bistand-2020.mall.xlsx");
    let roles: Vec<_> = wb
        .reading
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.role.clone()))
        .collect();
    assert_eq!(
        roles,
        [
            (
                "Innehållsförteckning",
                SheetRole::NonData {
                    kind: NonDataKind::Innehallsforteckning
                }
            ),
            (
                "Om statistiken",
                SheetRole::NonData {
                    kind: NonDataKind::OmStatistiken
                }
            ),
            ("Tabell 1", SheetRole::Table),
        ]
    );
    let r = &wb.reading.datasets[0];
    assert!(r.template);
    assert!(r
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("Tabell 1. Öppna jämförelser 2020")));
    assert!(r
        .title_en
        .as_deref()
        .is_some_and(|t| t.starts_with("Table 1. ")));
    assert_eq!(r.footnotes.len(), 2);
    assert!(r.footnotes[0].starts_with("Källa:"));
    assert!(r.footnotes[1].starts_with("Anm."));
    let wb = read_file("ekonomiskt-bistand-2020.wide-beskrivningar.xlsx");
    assert_eq!(
        wb.reading.sheets[1].role,
        SheetRole::Descriptions {
            n_indicators: spec.indicators.len() as u32
        }
    );
}

/// One unit row of the example table.
struct UnitRow {
    label: &'static str,
    kod: &'static str,
    lan: &'static str,
    grupp: &'static str,
    kind: UnitKind,
    code: &'static str,
}

/// One indicator column.
struct Ind {
    quality: &'static str,
    area: &'static str,
    name: &'static str,
    categorical: bool,
}

const UNITS: &[UnitRow] = &[
    UnitRow {
        label: "Upplands Väsby",
        kod: "0114",
        lan: "Stockholms län",
        grupp: "A2",
        kind: UnitKind::Kommun,
        code: "0114",
    },
    UnitRow {
        label: "Tyresö",
        kod: "0138",
        lan: "Stockholms län",
        grupp: "A2",
        kind: UnitKind::Kommun,
        code: "0138",
    },
    UnitRow {
        label: "Stockholm",
        kod: "0180",
        lan: "Stockholms län",
        grupp: "A1",
        kind: UnitKind::Storstad,
        code: "0180",
    },
    UnitRow {
        label: "Stockholm - Rinkeby-Kista",
        kod: "",
        lan: "Stockholms län",
        grupp: "",
        kind: UnitKind::Stadsdel,
        code: "0180:Rinkeby-Kista",
    },
    UnitRow {
        label: "Stockholm - Bromma",
        kod: "",
        lan: "Stockholms län",
        grupp: "",
        kind: UnitKind::Stadsdel,
        code: "0180:Bromma",
    },
    UnitRow {
        label: "Region Gotland",
        kod: "0980",
        lan: "Gotlands län",
        grupp: "B5",
        kind: UnitKind::Kommun,
        code: "0980",
    },
    UnitRow {
        label: "Falu kommun",
        kod: "2080",
        lan: "Dalarnas län",
        grupp: "B4",
        kind: UnitKind::Kommun,
        code: "2080",
    },
    UnitRow {
        label: "Stockholms län",
        kod: "",
        lan: "",
        grupp: "",
        kind: UnitKind::Lan,
        code: "01",
    },
    UnitRow {
        label: "Riket",
        kod: "",
        lan: "",
        grupp: "",
        kind: UnitKind::Riket,
        code: "00",
    },
];

const INDICATORS: &[Ind] = &[
    Ind {
        quality: "Kunskapsbaserad verksamhet",
        area: "Systematisk uppföljning",
        name: "Systematisk uppföljning av insatser",
        categorical: true,
    },
    Ind {
        quality: "Kunskapsbaserad verksamhet",
        area: "Systematisk uppföljning",
        name: "Brukarundersökning",
        categorical: true,
    },
    Ind {
        quality: "Helhetssyn och samordning",
        area: "Samverkan",
        name: "Rutin för SIP",
        categorical: true,
    },
    Ind {
        quality: "Tillgänglighet",
        area: "Väntetid",
        name: "Väntetid för nybesök (dagar)",
        categorical: false,
    },
];

/// The cells as written, per unit row and indicator.
const VALUES: &[[&str; 4]] = &[
    ["Ja", "Nej", "Delvis", "12"],
    ["JA", "Ej aktuellt", "Kan inte svara", "7,5"],
    ["50", "33 %", "100", "10"],
    ["Nej", "-", "ja ", ".."],
    ["Ja", "", "Nej", "14"],
    ["Delvis", "x", "Ja", "."],
    ["Uppfyllt", "Ja", "Ja", "21"],
    ["40", "60", "80", "11"],
    ["45", "55", "62,5", "12,3"],
];

/// What a written cell must read back as.
fn expected_value(text: &str) -> Value {
    match text.trim() {
        "Ja" | "JA" | "ja" => Value::Outcome(Outcome::Ja),
        "Nej" => Value::Outcome(Outcome::Nej),
        "Delvis" => Value::Outcome(Outcome::Delvis),
        "Ej aktuellt" => Value::Outcome(Outcome::EjAktuellt),
        "Kan inte svara" => Value::Outcome(Outcome::KanInteSvara),
        "" | "-" | "x" => Value::Absent(Absence::Bortfall),
        ".." => Value::Absent(Absence::Sekretess),
        "." => Value::Absent(Absence::EjTillampligt),
        "33 %" => Value::Number(33.0),
        "Uppfyllt" => Value::Text("Uppfyllt".into()),
        t => Value::Number(t.replace(',', ".").parse().unwrap()),
    }
}

/// Writes a cell: numbers as numbers (as ÖJ files do), everything else as text.
fn put(sheet: &mut Worksheet, row: u32, col: u16, text: &str) {
    if text.is_empty() {
        return;
    }
    let numeric = !text.contains(',') && !text.starts_with('0') && text.parse::<f64>().is_ok();
    if numeric {
        sheet
            .write_number(row, col, text.parse::<f64>().unwrap())
            .unwrap();
    } else {
        sheet.write_string(row, col, text).unwrap();
    }
}

/// A wide ÖJ table: title row, `levels` header rows (1–3) with merged group cells, grouping
/// columns Kommunkod, Kommun, Län, Kommungrupp, then the indicators; a footnote below.
fn write_wide(sheet: &mut Worksheet, levels: u8, template: bool) -> u32 {
    let mut row;
    if template {
        sheet
            .write_string(
                0,
                0,
                "Sidan innehåller en tabell om resultat per kommun för ekonomiskt bistånd.",
            )
            .unwrap();
        sheet
            .write_string(1, 0, "Tabell 1. Öppna jämförelser 2020 – Ekonomiskt bistånd, resultat per kommun (FIKTIVA DATA)")
            .unwrap();
        sheet
            .write_string(
                2,
                0,
                "Table 1. Open comparisons 2020 – Financial assistance (FICTITIOUS DATA)",
            )
            .unwrap();
        row = 3;
    } else {
        sheet
            .write_string(
                0,
                0,
                "Öppna jämförelser 2020 – Ekonomiskt bistånd (FIKTIVA EXEMPELDATA)",
            )
            .unwrap();
        row = 2;
    }
    let first_ind: u16 = 4;
    let merge = Format::new();
    if levels >= 3 {
        // Quality areas merged over their indicators.
        let mut c = 0usize;
        while c < INDICATORS.len() {
            let q = INDICATORS[c].quality;
            let mut end = c;
            while end + 1 < INDICATORS.len() && INDICATORS[end + 1].quality == q {
                end += 1;
            }
            let (a, b) = (first_ind + c as u16, first_ind + end as u16);
            if a == b {
                sheet.write_string(row, a, q).unwrap();
            } else {
                sheet.merge_range(row, a, row, b, q, &merge).unwrap();
            }
            c = end + 1;
        }
        row += 1;
    }
    if levels >= 2 {
        // Indicator areas written once in their first column (no merge: "centre across").
        let upper_is_quality = levels == 2;
        let mut last = "";
        for (i, ind) in INDICATORS.iter().enumerate() {
            let text = if upper_is_quality {
                ind.quality
            } else {
                ind.area
            };
            if text != last {
                sheet.write_string(row, first_ind + i as u16, text).unwrap();
                last = text;
            }
        }
        row += 1;
    }
    for (c, h) in ["Kommunkod", "Kommun", "Län", "Kommungrupp"]
        .iter()
        .enumerate()
    {
        sheet.write_string(row, c as u16, *h).unwrap();
    }
    for (i, ind) in INDICATORS.iter().enumerate() {
        sheet
            .write_string(row, first_ind + i as u16, ind.name)
            .unwrap();
    }
    row += 1;
    let first_data = row;
    for (u, values) in UNITS.iter().zip(VALUES) {
        if !u.kod.is_empty() {
            sheet.write_string(row, 0, u.kod).unwrap();
        }
        sheet.write_string(row, 1, u.label).unwrap();
        if !u.lan.is_empty() {
            sheet.write_string(row, 2, u.lan).unwrap();
        }
        if !u.grupp.is_empty() {
            sheet.write_string(row, 3, u.grupp).unwrap();
        }
        for (i, v) in values.iter().enumerate() {
            put(sheet, row, first_ind + i as u16, v);
        }
        row += 1;
    }
    sheet
        .write_string(
            row + 1,
            0,
            "Källa: Öppna jämförelser, Socialstyrelsen (fiktiva data)",
        )
        .unwrap();
    first_data
}

fn xlsx(build: impl FnOnce(&mut XlsxWorkbook)) -> Vec<u8> {
    let mut wb = XlsxWorkbook::new();
    build(&mut wb);
    wb.save_to_buffer().unwrap()
}

fn read(name: &str, bytes: &[u8]) -> Workbook {
    read_workbook(name, bytes, &ReadOptions::default()).unwrap()
}

/// Every unit, indicator and value of the dataset is exactly the example table.
fn check_exact(d: &Dataset, with_hierarchy: bool, with_attributes: bool) {
    assert_eq!(d.units.len(), UNITS.len(), "{:#?}", d.units);
    for (u, want) in d.units.iter().zip(UNITS) {
        assert_eq!(u.label, want.label);
        assert_eq!(u.kind, want.kind, "{}", want.label);
        assert_eq!(u.code.as_deref(), Some(want.code), "{}", want.label);
        if with_attributes {
            let mut attrs = BTreeMap::new();
            // The code column identifies the unit; it is not repeated among the attributes.
            for (k, v) in [("Län", want.lan), ("Kommungrupp", want.grupp)] {
                if !v.is_empty() {
                    attrs.insert(k.to_owned(), v.to_owned());
                }
            }
            assert_eq!(u.attributes, attrs, "{}", want.label);
        }
    }
    assert_eq!(d.indicators.len(), INDICATORS.len());
    for (ind, want) in d.indicators.iter().zip(INDICATORS) {
        assert_eq!(ind.name, want.name);
        assert_eq!(ind.is_categorical(), want.categorical, "{}", want.name);
        if !want.categorical {
            assert_eq!(
                ind.kind,
                IndicatorKind::Numeric {
                    direction: None,
                    measure: Some("dagar".into())
                }
            );
        }
        if with_hierarchy {
            let q = ind.quality.as_ref().expect("quality");
            assert_eq!(q.label, want.quality);
            assert!(q.area.is_some());
            assert_eq!(
                ind.indicator_area.as_deref(),
                Some(want.area),
                "{}",
                want.name
            );
        }
    }
    let mut n = 0;
    for (ui, values) in VALUES.iter().enumerate() {
        for (ii, text) in values.iter().enumerate() {
            let obs = d
                .observation(ui, ii)
                .unwrap_or_else(|| panic!("no value for {ui},{ii}"));
            assert_eq!(
                obs.value,
                expected_value(text),
                "unit {} indicator {ii} ({text:?})",
                UNITS[ui].label
            );
            let prints_as_written = matches!(
                *text,
                "" | "Ja"
                    | "Nej"
                    | "Delvis"
                    | "Ej aktuellt"
                    | "Kan inte svara"
                    | "-"
                    | ".."
                    | "."
                    | "Uppfyllt"
            ) || text.parse::<f64>().is_ok() && !text.contains(',');
            if prints_as_written {
                assert_eq!(obs.raw, None, "{text:?}");
            } else {
                assert_eq!(obs.raw.as_deref(), Some(text.trim_end()), "{text:?}");
            }
            n += 1;
        }
    }
    assert_eq!(d.observations.len(), n);
}

#[test]
fn wide_with_three_header_rows_merged_groups() {
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        s.set_name("Kommun, län och riket").unwrap();
        write_wide(s, 3, false);
    });
    let wb = read("oj-2020.xlsx", &bytes);
    assert_eq!(wb.datasets.len(), 1);
    let d = &wb.datasets[0];
    assert_eq!(d.layout, Layout::Wide);
    check_exact(d, true, true);
    assert_eq!(d.area(), Some(Area::EkonomisktBistand));
    assert_eq!(d.year(), Some(2020));
    let r = &wb.reading.datasets[0];
    assert_eq!(r.header_rows, [2, 3, 4]);
    assert_eq!(
        r.unit_axis,
        UnitAxis::Column {
            col: 1,
            header: "Kommun".into()
        }
    );
    assert_eq!(r.units.kommuner, 4);
    assert_eq!(r.units.stadsdelar, 2);
    assert_eq!(r.units.storstader, 1);
    assert_eq!(r.units.lan, 1);
    assert_eq!(r.units.riket, 1);
    assert_eq!(r.indicators.categorical, 3);
    assert_eq!(r.indicators.numeric, 1);
    assert_eq!(r.area.as_ref().unwrap().evidence.source, "rubrik A1");
    // "Uppfyllt" is kept as text and warned about.
    assert!(
        r.warnings.iter().any(|w| w.message.contains("Uppfyllt")),
        "{:#?}",
        r.warnings
    );
}

#[test]
fn wide_with_two_header_rows_quality_over_names() {
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        write_wide(s, 2, false);
    });
    let wb = read("fil.xlsx", &bytes);
    let d = &wb.datasets[0];
    check_exact(d, false, true);
    for (ind, want) in d.indicators.iter().zip(INDICATORS) {
        assert_eq!(
            ind.quality.as_ref().map(|q| q.label.as_str()),
            Some(want.quality)
        );
        assert_eq!(ind.indicator_area, None);
    }
}

#[test]
fn wide_with_one_header_row_and_a_description_sheet() {
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        s.set_name("Resultat").unwrap();
        write_wide(s, 1, false);
        let d = wb.add_worksheet();
        d.set_name("Indikatorbeskrivningar").unwrap();
        for (c, h) in [
            "Verksamhetsområde",
            "Indikator",
            "Kvalitetsområde",
            "Indikatorområde",
            "Typ",
        ]
        .iter()
        .enumerate()
        {
            d.write_string(0, c as u16, *h).unwrap();
        }
        for (r, ind) in INDICATORS.iter().enumerate() {
            let r = r as u32 + 1;
            d.write_string(r, 0, "Ekonomiskt bistånd").unwrap();
            d.write_string(r, 1, ind.name).unwrap();
            d.write_string(r, 2, ind.quality).unwrap();
            d.write_string(r, 3, ind.area).unwrap();
            d.write_string(
                r,
                4,
                if ind.categorical {
                    "Struktur"
                } else {
                    "Process"
                },
            )
            .unwrap();
        }
    });
    let wb = read("fil.xlsx", &bytes);
    assert_eq!(wb.datasets.len(), 1);
    check_exact(&wb.datasets[0], true, true);
    assert_eq!(
        wb.reading.sheets[1].role,
        SheetRole::Descriptions { n_indicators: 4 }
    );
    assert!(wb.reading.datasets[0]
        .notes
        .iter()
        .any(|n| n.contains("Indikatorbeskrivningar")));
}

#[test]
fn socialstyrelsens_template_with_non_data_sheets() {
    let bytes = xlsx(|wb| {
        let toc = wb.add_worksheet();
        toc.set_name("Innehållsförteckning").unwrap();
        toc.write_string(0, 0, "Innehållsförteckning").unwrap();
        toc.write_string(1, 0, "Öppna jämförelser 2020. Ekonomiskt bistånd")
            .unwrap();
        let info = wb.add_worksheet();
        info.set_name("Mer information").unwrap();
        info.write_string(
            0,
            0,
            "Den här sidan ger information om vilken publicering det är.",
        )
        .unwrap();
        let s = wb.add_worksheet();
        s.set_name("Tabell 1").unwrap();
        write_wide(s, 3, true);
        let o = wb.add_worksheet();
        o.set_name("Ordlista").unwrap();
        o.write_string(0, 0, "Ordlista").unwrap();
        o.write_string(0, 1, "List of terms").unwrap();
        o.write_string(1, 0, "Kommun").unwrap();
        o.write_string(1, 1, "Municipality").unwrap();
    });
    let wb = read("tabeller.xlsx", &bytes);
    assert_eq!(wb.datasets.len(), 1);
    let d = &wb.datasets[0];
    check_exact(d, true, true);
    assert_eq!(
        d.title.as_deref(),
        Some("Tabell 1. Öppna jämförelser 2020 – Ekonomiskt bistånd, resultat per kommun (FIKTIVA DATA)")
    );
    let r = &wb.reading.datasets[0];
    assert!(r.template);
    assert_eq!(
        r.title_en.as_deref(),
        Some("Table 1. Open comparisons 2020 – Financial assistance (FICTITIOUS DATA)")
    );
    assert_eq!(
        r.footnotes,
        ["Källa: Öppna jämförelser, Socialstyrelsen (fiktiva data)"]
    );
    let roles: Vec<_> = wb.reading.sheets.iter().map(|s| s.role.clone()).collect();
    use oj_analys::ingest::reading::NonDataKind::*;
    assert_eq!(
        roles,
        [
            SheetRole::NonData {
                kind: Innehallsforteckning
            },
            SheetRole::NonData {
                kind: MerInformation
            },
            SheetRole::Table,
            SheetRole::NonData { kind: Ordlista },
        ]
    );
}

#[test]
fn transposed_units_in_columns() {
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "Öppna jämförelser 2019 – Missbruks- och beroendevård")
            .unwrap();
        for (c, h) in ["Kvalitetsområde", "Indikatorområde", "Indikator"]
            .iter()
            .enumerate()
        {
            s.write_string(1, c as u16, *h).unwrap();
        }
        for (j, u) in UNITS.iter().enumerate() {
            s.write_string(1, 3 + j as u16, u.label).unwrap();
        }
        for (i, ind) in INDICATORS.iter().enumerate() {
            let r = 2 + i as u32;
            s.write_string(r, 0, ind.quality).unwrap();
            s.write_string(r, 1, ind.area).unwrap();
            s.write_string(r, 2, ind.name).unwrap();
            for (j, values) in VALUES.iter().enumerate() {
                put(s, r, 3 + j as u16, values[i]);
            }
        }
    });
    let wb = read("fil.xlsx", &bytes);
    let d = &wb.datasets[0];
    assert_eq!(d.layout, Layout::Transposed);
    check_exact(d, true, false);
    assert_eq!(d.area(), Some(Area::Missbruk));
    assert_eq!(d.year(), Some(2019));
    assert_eq!(
        wb.reading.datasets[0].unit_axis,
        UnitAxis::Row {
            row: 1,
            header: "Indikator".into()
        }
    );
}

#[test]
fn long_one_value_per_row() {
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        for (c, h) in ["År", "Region", "Indikator", "Värde"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        let mut r = 1;
        for (u, values) in UNITS.iter().zip(VALUES) {
            for (ind, v) in INDICATORS.iter().zip(values.iter()) {
                s.write_number(r, 0, 2021.0).unwrap();
                s.write_string(r, 1, u.label).unwrap();
                s.write_string(r, 2, ind.name).unwrap();
                put(s, r, 3, v);
                r += 1;
            }
        }
    });
    let wb = read("export.xlsx", &bytes);
    let d = &wb.datasets[0];
    assert_eq!(d.layout, Layout::Long);
    // The År column is the table's year (an ÖJ table of one or more years: one dataset per year).
    assert!(d.dimensions.is_empty());
    assert_eq!(d.year(), Some(2021));
    assert_eq!(d.units.len(), UNITS.len());
    for (u, want) in d.units.iter().zip(UNITS) {
        assert_eq!(
            (u.kind, u.code.as_deref()),
            (want.kind, Some(want.code)),
            "{}",
            want.label
        );
    }
    let names: Vec<_> = d.indicators.iter().map(|i| i.name.as_str()).collect();
    let want: Vec<_> = INDICATORS.iter().map(|i| i.name).collect();
    assert_eq!(names, want);
    for (ui, values) in VALUES.iter().enumerate() {
        for (ii, text) in values.iter().enumerate() {
            let obs = d
                .observations
                .iter()
                .find(|o| o.unit == ui as u32 && o.indicator == ii as u32)
                .unwrap();
            assert!(obs.dims.is_empty());
            assert_eq!(obs.value, expected_value(text), "{text:?}");
        }
    }
}

#[test]
fn csv_windows_1252_semicolons() {
    let mut text = String::from("Kommunkod;Kommun;Län;Kommungrupp");
    for ind in INDICATORS {
        text.push(';');
        text.push_str(ind.name);
    }
    text.push_str("\r\n");
    for (u, values) in UNITS.iter().zip(VALUES) {
        text.push_str(&format!("{};{};{};{}", u.kod, u.label, u.lan, u.grupp));
        for v in values {
            text.push(';');
            text.push_str(v);
        }
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    let wb = read("ekonomiskt-bistand-2018.csv", &bytes);
    let d = &wb.datasets[0];
    assert_eq!(d.area(), Some(Area::EkonomisktBistand));
    assert_eq!(d.year(), Some(2018));
    assert_eq!(d.units[1].label, "Tyresö");
    check_exact_csv(d);
}

/// A csv has no hierarchy, and its reader takes "7,5" for the number it is (the text is not
/// kept); otherwise the table is exact.
fn check_exact_csv(d: &Dataset) {
    let mut d = d.clone();
    for o in &mut d.observations {
        if o.raw.is_none() {
            if let Value::Number(n) = o.value {
                if n.fract() != 0.0 {
                    o.raw = Some(format!("{n}").replace('.', ","));
                }
            }
        }
    }
    check_exact(&d, false, true);
}

#[test]
fn the_users_header_rows_and_unit_column_rerun_detection() {
    // Indicator names below a code row, a unit column with unusual labels: the user says the
    // units are in column B and there are two header rows.
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        s.set_name("Data").unwrap();
        s.write_string(0, 0, "Nr").unwrap();
        s.write_string(0, 1, "Namn").unwrap();
        s.write_string(0, 2, "E1").unwrap();
        s.write_string(1, 2, "Rutin").unwrap();
        s.write_string(2, 0, "1").unwrap();
        s.write_string(2, 1, "Tyresö").unwrap();
        s.write_string(2, 2, "Ja").unwrap();
        s.write_string(3, 0, "2").unwrap();
        s.write_string(3, 1, "Nacka").unwrap();
        s.write_string(3, 2, "Nej").unwrap();
    });
    let options = ReadOptions {
        sheets: vec![SheetOverride {
            sheet: "Data".into(),
            header_rows: Some(2),
            unit_column: Some(1),
            skip: false,
        }],
        ..ReadOptions::default()
    };
    let wb = read_workbook("f.xlsx", &bytes, &options).unwrap();
    let d = &wb.datasets[0];
    assert_eq!(wb.reading.datasets[0].header_rows, [0, 1]);
    assert_eq!(d.units.len(), 2);
    assert_eq!(d.units[1].code.as_deref(), Some("0182"));
    assert_eq!(d.indicators[0].name, "Rutin");
    assert_eq!(d.indicators[0].code.as_deref(), Some("E1"));
}

#[test]
fn corrections_are_found_again_by_layout_key() {
    let bytes = xlsx(|wb| {
        let s = wb.add_worksheet();
        s.set_name("Resultat").unwrap();
        write_wide(s, 3, false);
    });
    let first = read("a.xlsx", &bytes);
    let key = first.reading.datasets[0].layout_key.clone();
    let mut options = ReadOptions::default();
    let c = options.corrections.entry(&key);
    c.area = Some(Area::Hemloshet);
    c.year = Some(2017);
    c.quality
        .insert("rutin för sip".into(), QualityArea::Sjalvbestammande);
    // The options travel as JSON (the UI keeps them in the browser).
    let json = serde_json::to_string(&options).unwrap();
    let options: ReadOptions = serde_json::from_str(&json).unwrap();
    let minimal: ReadOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(minimal, ReadOptions::default());
    let again = read_workbook("b.xlsx", &bytes, &options).unwrap();
    let d = &again.datasets[0];
    assert_eq!(d.area(), Some(Area::Hemloshet));
    assert_eq!(
        d.year.as_ref().unwrap().evidence.source,
        "användarens rättelse"
    );
    assert_eq!(d.year(), Some(2017));
    assert_eq!(
        d.indicators[2].quality.as_ref().and_then(|q| q.area),
        Some(QualityArea::Sjalvbestammande)
    );
    let r = &again.reading.datasets[0];
    assert_eq!(r.corrections.len(), 3);
    assert_eq!(r.layout_key, key);
    // The summary follows the correction.
    assert!(r
        .indicators
        .by_quality
        .iter()
        .any(|q| q.area == Some(QualityArea::Sjalvbestammande) && q.count == 1));
}

mod random_sheets {
    //! Random grids (labels, units, outcomes, numbers, years, merges) never make layout detection
    //! panic, and whatever it reads is a well-formed dataset.

    use oj_analys::ingest::grid::{CellValue, Grid, Merge};
    use oj_analys::ingest::workbook::read_grids_as_workbook;
    use oj_analys::ingest::{Format, ReadOptions};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Ja",
        "Nej",
        "Delvis",
        "Ej aktuellt",
        "Kan inte svara",
        "-",
        "..",
        ".",
        "x",
        "63 %",
        "12,5",
        "Tyresö",
        "Stockholm",
        "Stockholms län",
        "Riket",
        "Stockholm - Bromma",
        "Kommun",
        "Län",
        "Kod",
        "0138",
        "01",
        "År",
        "Kön",
        "Män",
        "Indikator",
        "Kvalitetsområde",
        "Kunskapsbaserad verksamhet",
        "Tabell 1. Något",
        "Källa: SoS",
        "Sidan innehåller en tabell",
        "2020",
        "Okänt",
        "#N/A",
        "",
    ];

    fn cell() -> impl Strategy<Value = CellValue> {
        prop_oneof![
            (0..WORDS.len()).prop_map(|i| CellValue::Text(WORDS[i].to_owned())),
            (-5.0f64..3000.0).prop_map(CellValue::Number),
            Just(CellValue::Error("#DIV/0!".into())),
            any::<bool>().prop_map(CellValue::Bool),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_grid_reads_into_well_formed_datasets(
            cells in proptest::collection::vec((0u32..40, 0u32..12, cell()), 0..300),
            merges in proptest::collection::vec((0u32..40, 0u32..12, 0u32..3, 0u32..4), 0..6),
        ) {
            let merges = merges
                .into_iter()
                .map(|(r, c, h, w)| Merge { first_row: r, first_col: c, last_row: r + h, last_col: c + w })
                .collect();
            let grid = Grid::new("Blad1", cells, merges);
            let wb = read_grids_as_workbook("slump.xlsx", Format::Xlsx, None, &[grid], &ReadOptions::default());
            prop_assert_eq!(wb.datasets.len(), wb.reading.datasets.len());
            for d in &wb.datasets {
                prop_assert!(!d.units.is_empty());
                let mut last: Option<(u32, u32, Vec<u32>)> = None;
                for o in &d.observations {
                    prop_assert!((o.unit as usize) < d.units.len());
                    prop_assert!((o.indicator as usize) < d.indicators.len());
                    prop_assert_eq!(o.dims.len(), d.dimensions.len());
                    for (v, dim) in o.dims.iter().zip(&d.dimensions) {
                        prop_assert!((*v as usize) < dim.values.len());
                    }
                    let key = (o.unit, o.indicator, o.dims.clone());
                    if let Some(prev) = &last {
                        prop_assert!(prev < &key, "observations sorted and unique");
                    }
                    last = Some(key);
                }
            }
            let _ = wb.reading.to_swedish_text();
        }
    }
}
