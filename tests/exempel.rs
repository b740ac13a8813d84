//! The example generator: Tyresö's series reproduces seed 000, aggregates agree with the kommun
//! rows, output is deterministic, and every shape writes a workbook calamine opens as planned.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Xlsx};
use oj_analys::exempel::spec::{CellSpec, TableSpec};
use oj_analys::exempel::{
    self, example_files, fixture_table, oj_table, placement, plan_sheets, sheet_names, to_csv,
    to_xlsx, tyreso_series, Encoding, Shape,
};
use oj_analys::model::{Area, UnitKind};

/// The answer a cell's text stands for, folded the way a careful human reads it.
fn answer(cell: &CellSpec) -> Option<&'static str> {
    let CellSpec::Text(text) = cell else {
        return None;
    };
    let folded: String = text
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    match folded.as_str() {
        "ja" => Some("Ja"),
        "delvis" => Some("Delvis"),
        "nej" => Some("Nej"),
        "ej aktuellt" => Some("Ej aktuellt"),
        "kan inte svara" => Some("Kan inte svara"),
        _ => None,
    }
}

/// Tyresö's (helt/delvis) uppfyllda and denominator for one quality area label (all when None).
fn count(spec: &TableSpec, quality: Option<&str>) -> (u32, u32) {
    let row = spec
        .rows
        .iter()
        .find(|r| r.code_cell.as_deref() == Some("0138"))
        .expect("Tyresö row");
    let (mut fulfilled, mut answered) = (0, 0);
    for (indicator, cell) in spec.indicators.iter().zip(&row.cells) {
        if quality.is_some_and(|q| indicator.quality != q) {
            continue;
        }
        match answer(cell) {
            Some("Ja") | Some("Delvis") => {
                fulfilled += 1;
                answered += 1;
            }
            Some("Nej") => answered += 1,
            _ => {}
        }
    }
    (fulfilled, answered)
}

fn percent(num: u32, den: u32) -> u32 {
    (200 * num + den) / (2 * den)
}

const KB: &str = "Kunskapsbaserad verksamhet";
const SI: &str = "Självbestämmande och integritet";
const HS: &str = "Helhetssyn och samordning";
const TS: &str = "Trygghet och säkerhet";
const T: &str = "Tillgänglighet";

/// Seed 000, 2020, per area: (quality area, uppfyllda, denominator, printed %), then the
/// printed total (uppfyllda, denominator, %) and the printed 2019 and 2018 percentages.
#[allow(clippy::type_complexity)]
const SEED_000: &[(
    Area,
    &[(&str, u32, u32, u32)],
    (u32, u32, u32),
    Option<u32>,
    Option<u32>,
)] = &[
    (
        Area::EkonomisktBistand,
        &[
            (KB, 3, 10, 30),
            (SI, 5, 5, 100),
            (HS, 8, 11, 73),
            (TS, 3, 6, 50),
            (T, 5, 5, 100),
        ],
        (24, 37, 65),
        Some(53),
        Some(40),
    ),
    (
        Area::Missbruk,
        &[
            (KB, 5, 16, 31),
            (SI, 0, 4, 0),
            (HS, 3, 6, 50),
            (TS, 0, 2, 0),
            (T, 1, 1, 100),
        ],
        (9, 29, 31),
        Some(24),
        Some(25),
    ),
    (
        Area::BarnOchUnga,
        &[
            (KB, 9, 24, 38),
            (SI, 0, 4, 0),
            (HS, 3, 15, 20),
            (TS, 0, 2, 0),
            (T, 1, 1, 100),
        ],
        (13, 46, 28),
        Some(24),
        None,
    ),
    (
        Area::ValdINaraRelationer,
        &[
            (KB, 13, 30, 43),
            (SI, 0, 4, 0),
            (HS, 6, 6, 100),
            (TS, 2, 4, 50),
            (T, 1, 1, 100),
        ],
        (22, 45, 49),
        Some(29),
        None,
    ),
    // The seed prints "Totalt 22/45 … 49 %" here, copied from the area above; its own lines add
    // up to 8/19 = 42 %, which is what the series reproduces.
    (
        Area::Hemloshet,
        &[
            (KB, 2, 7, 29),
            (HS, 1, 4, 25),
            (TS, 1, 3, 33),
            (T, 4, 5, 80),
        ],
        (8, 19, 42),
        Some(31),
        None,
    ),
    (
        Area::Socialpsykiatri,
        &[
            (KB, 5, 15, 33),
            (SI, 2, 7, 29),
            (HS, 4, 9, 44),
            (TS, 0, 2, 0),
            (T, 2, 5, 40),
        ],
        (13, 38, 34),
        Some(38),
        None,
    ),
];

#[test]
fn tyreso_series_reproduces_every_seed_000_line() {
    let series = series();
    assert_eq!(series.len(), 18, "six areas × 2018–2020");
    let table = |area: Area, year: u16| {
        series
            .iter()
            .find(|s| s.area == area && s.year == year)
            .unwrap_or_else(|| panic!("{area:?} {year}"))
    };
    for (area, lines, total, p2019, p2018) in SEED_000 {
        let spec = table(*area, 2020);
        for (quality, fulfilled, den, printed) in *lines {
            let got = count(spec, Some(quality));
            assert_eq!(got, (*fulfilled, *den), "{area:?} 2020 {quality}");
            assert_eq!(percent(got.0, got.1), *printed, "{area:?} 2020 {quality} %");
        }
        let got = count(spec, None);
        assert_eq!(got, (total.0, total.1), "{area:?} 2020 totalt");
        assert_eq!(percent(got.0, got.1), total.2, "{area:?} 2020 totalt %");
        for (year, printed) in [(2019, p2019), (2018, p2018)] {
            if let Some(printed) = printed {
                let (f, d) = count(table(*area, year), None);
                assert_eq!(percent(f, d), *printed, "{area:?} {year} totalt {f}/{d}");
            }
        }
    }
    // "… en stor förbättring från förra året (36 procent)": Helhetssyn, ekonomiskt bistånd 2019.
    let (f, d) = count(table(Area::EkonomisktBistand, 2019), Some(HS));
    assert_eq!(percent(f, d), 36);
}

#[test]
fn tyreso_answers_delvis_only_on_the_helt_delvis_lines() {
    let series = series();
    let helt_delvis = [
        (Area::EkonomisktBistand, SI),
        (Area::Missbruk, KB),
        (Area::BarnOchUnga, KB),
    ];
    for spec in series {
        let row = spec.row("0138").expect("Tyresö");
        for (indicator, cell) in spec.indicators.iter().zip(&row.cells) {
            if answer(cell) == Some("Delvis") {
                assert_eq!(spec.year, 2020);
                assert!(
                    helt_delvis.contains(&(spec.area, indicator.quality.as_str())),
                    "Delvis outside a helt/delvis line: {:?} {}",
                    spec.area,
                    indicator.quality
                );
            }
        }
    }
}

/// Every aggregate cell equals the share recomputed here from the answering rows beneath it.
fn assert_aggregates_consistent(spec: &TableSpec) {
    let mut checked = 0;
    for aggregate in spec.rows.iter().filter(|r| r.kind.is_aggregate()) {
        let members: Vec<_> = spec
            .rows
            .iter()
            .filter(|r| matches!(r.kind, UnitKind::Kommun | UnitKind::Stadsdel))
            .filter(|r| match aggregate.kind {
                UnitKind::Riket => true,
                UnitKind::Lan => r.attribute("Län") == Some(aggregate.label.as_str()),
                _ => r.label.starts_with(&format!("{} - ", aggregate.label)),
            })
            .collect();
        assert!(!members.is_empty(), "{} has members", aggregate.label);
        for (col, indicator) in spec.indicators.iter().enumerate() {
            if !indicator.is_categorical() {
                continue;
            }
            let (mut ja, mut answered) = (0u32, 0u32);
            for m in &members {
                match m.cells.get(col).and_then(answer) {
                    Some("Ja") => {
                        ja += 1;
                        answered += 1;
                    }
                    Some("Delvis") | Some("Nej") => answered += 1,
                    _ => {}
                }
            }
            let total = members.len() as u32;
            let expected = if answered == 0 || (total - answered) * 5 > total {
                CellSpec::Text("..".into())
            } else {
                CellSpec::Number(f64::from(percent(ja, answered)))
            };
            assert_eq!(
                aggregate.cells.get(col),
                Some(&expected),
                "{} / {}",
                aggregate.label,
                indicator.name
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn aggregates_agree_with_the_kommun_rows() {
    assert_aggregates_consistent(&oj_table(Area::EkonomisktBistand, 2020, 7));
    assert_aggregates_consistent(&oj_table(Area::Missbruk, 2016, 7)); // Malmö by stadsområde
    assert_aggregates_consistent(&fixture_table(Area::BarnOchUnga, 2019, 3));
    for spec in series().iter().filter(|s| s.year == 2020) {
        assert_aggregates_consistent(spec);
    }
}

#[test]
fn tables_hold_all_units_and_a_realistic_mix_of_answers() {
    let spec = oj_table(Area::EkonomisktBistand, 2020, 11);
    let kommuner = spec
        .rows
        .iter()
        .filter(|r| r.kind == UnitKind::Kommun)
        .count();
    let cities = spec
        .rows
        .iter()
        .filter(|r| r.kind == UnitKind::Storstad)
        .count();
    assert_eq!(kommuner + cities, 290);
    assert_eq!(
        spec.rows.iter().filter(|r| r.kind == UnitKind::Lan).count(),
        21
    );
    let categorical = spec
        .indicators
        .iter()
        .filter(|i| i.is_categorical())
        .count();
    assert!(
        (20..=45).contains(&categorical),
        "{categorical} categorical indicators"
    );
    assert!(spec.indicators.iter().any(|i| !i.is_categorical()));
    let mut texts = std::collections::BTreeMap::<String, usize>::new();
    for row in spec.rows.iter().filter(|r| r.kind == UnitKind::Kommun) {
        for cell in &row.cells {
            if let CellSpec::Text(t) = cell {
                *texts.entry(t.clone()).or_default() += 1;
            }
        }
    }
    for expected in ["Ja", "Delvis", "Nej", "Ej aktuellt", "Kan inte svara", "-"] {
        assert!(
            texts.get(expected).copied().unwrap_or(0) > 0,
            "no {expected:?}"
        );
    }
    let odd = texts
        .keys()
        .filter(|t| answer(&CellSpec::Text((*t).clone())).is_some())
        .filter(|t| !["Ja", "Delvis", "Nej", "Ej aktuellt", "Kan inte svara"].contains(&t.as_str()))
        .count();
    assert!(odd > 0, "some odd spellings");
    for quality in [KB, SI, HS, TS, T, "Effektivitet"] {
        assert!(
            spec.indicators.iter().any(|i| i.quality == quality),
            "no {quality}"
        );
    }
}

#[test]
fn generation_and_writing_are_deterministic() {
    let a = oj_table(Area::Hemloshet, 2019, 5);
    let b = oj_table(Area::Hemloshet, 2019, 5);
    assert_eq!(a, b);
    assert_ne!(a, oj_table(Area::Hemloshet, 2019, 6), "the seed matters");
    let small = fixture_table(Area::EkonomisktBistand, 2020, 1);
    for shape in Shape::ALL {
        assert_eq!(
            to_xlsx(&small, shape).unwrap(),
            to_xlsx(&small, shape).unwrap(),
            "{shape:?}"
        );
    }
    // The example files are the same bytes as writing the series again (with its
    // description sheet).
    let files = examples();
    let (area, year, answers) = exempel::tyreso::TYRESO_ANSWERS[0];
    let spec = exempel::tyreso::tyreso_table(area, year, answers);
    let shape = Shape::Wide { header_rows: 3 };
    let name = exempel::example_file_name(&spec, shape, "xlsx");
    let file = files.iter().find(|f| f.name == name).unwrap();
    assert_eq!(
        file.bytes,
        exempel::definitions::to_xlsx_with_definitions(&spec, shape).unwrap()
    );
}

/// The Tyresö series, generated once for all tests of this file.
fn series() -> &'static [TableSpec] {
    static SERIES: std::sync::OnceLock<Vec<TableSpec>> = std::sync::OnceLock::new();
    SERIES.get_or_init(tyreso_series)
}

/// The example files, generated once for all tests of this file.
fn examples() -> &'static [exempel::ExampleFile] {
    static FILES: std::sync::OnceLock<Vec<exempel::ExampleFile>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| example_files().unwrap())
}

fn text_at(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

#[test]
fn every_shape_writes_a_workbook_calamine_reads_as_planned() {
    let spec = fixture_table(Area::EkonomisktBistand, 2020, 1);
    for shape in Shape::ALL {
        let bytes = to_xlsx(&spec, shape).unwrap();
        let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(
            workbook.sheet_names(),
            sheet_names(&spec, shape),
            "{shape:?}"
        );
        // Every planned cell reads back as planned.
        for plan in plan_sheets(&spec, shape) {
            let range = workbook.worksheet_range(&plan.name).unwrap();
            for (row, col, cell) in &plan.cells {
                let got = text_at(&range, *row, u32::from(*col));
                let want = match cell {
                    exempel::write::PlannedCell::Text(t, _) => t.clone(),
                    exempel::write::PlannedCell::Number(n, _) => n.to_string(),
                };
                assert_eq!(got, want, "{shape:?} {} ({row}, {col})", plan.name);
            }
        }
        // The table sits where `placement` says: the first data row is the first unit.
        let place = placement(&spec, shape);
        let range = workbook.worksheet_range(&place.sheet).unwrap();
        let first_label = match shape {
            Shape::Transposed => text_at(&range, 3, u32::from(place.first_value_col)),
            Shape::Long => text_at(&range, place.first_data_row, 2),
            _ => text_at(&range, place.first_data_row, 1),
        };
        assert_eq!(first_label, "Riket", "{shape:?}");
        // Merged header ranges as planned.
        let mut xlsx = Xlsx::new(Cursor::new(bytes)).unwrap();
        let mut merged = xlsx.merge_cells_by_sheet_name(&place.sheet).unwrap();
        merged.sort_by_key(|d| (d.start, d.end));
        let table_plan = plan_sheets(&spec, shape)
            .into_iter()
            .find(|p| p.is_table)
            .unwrap();
        let mut planned: Vec<_> = table_plan
            .merges
            .iter()
            .map(|m| {
                (
                    (m.first_row, u32::from(m.first_col)),
                    (m.last_row, u32::from(m.last_col)),
                )
            })
            .collect();
        planned.sort();
        let got: Vec<_> = merged.iter().map(|d| (d.start, d.end)).collect();
        assert_eq!(got, planned, "{shape:?}");
    }
}

#[test]
fn the_three_row_header_merges_quality_and_indicator_areas() {
    let spec = fixture_table(Area::EkonomisktBistand, 2020, 1);
    let bytes = to_xlsx(&spec, Shape::Wide { header_rows: 3 }).unwrap();
    let mut xlsx = Xlsx::new(Cursor::new(bytes)).unwrap();
    let merged = xlsx
        .merge_cells_by_sheet_name("Ekonomiskt bistånd")
        .unwrap();
    let spans = |row: u32| {
        merged
            .iter()
            .filter(|d| d.start.0 == row && d.end.0 == row)
            .count()
    };
    assert!(
        spans(2) >= 5,
        "quality areas merged across their indicators"
    );
    assert!(
        spans(3) >= 4,
        "indicator areas merged across their indicators"
    );
    // Kod, Kommun, Län, Kommungrupp merged down over the three header rows.
    assert_eq!(
        merged
            .iter()
            .filter(|d| d.start == (2, d.start.1) && d.end.0 == 4 && d.start.1 == d.end.1)
            .count(),
        4
    );
    let range = xlsx.worksheet_range("Ekonomiskt bistånd").unwrap();
    assert_eq!(text_at(&range, 2, 4), "Kunskapsbaserad verksamhet");
    assert!(text_at(&range, 0, 0).contains("FIKTIVA EXEMPELDATA"));
}

#[test]
fn csv_keeps_swedish_letters_in_both_encodings() {
    let spec = fixture_table(Area::EkonomisktBistand, 2020, 1);
    let shape = Shape::Wide { header_rows: 1 };
    let cp1252 = to_csv(&spec, shape, Encoding::Windows1252, b';');
    let (decoded, _, errors) = encoding_rs::WINDOWS_1252.decode(&cp1252);
    assert!(!errors);
    assert!(decoded.contains("Öppna jämförelser 2020 – Ekonomiskt bistånd"));
    assert!(decoded.contains("Tyresö;Stockholms län"));
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "really Windows-1252, not UTF-8"
    );
    let utf8 = to_csv(&spec, shape, Encoding::Utf8Bom, b',');
    assert!(utf8.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = std::str::from_utf8(&utf8[3..]).unwrap();
    assert!(text.contains("Tyresö,Stockholms län"));
    // Same table, same number of lines; the blank line under the title stays blank.
    assert_eq!(decoded.lines().count(), text.lines().count());
    assert_eq!(text.lines().nth(1), Some(""));
    // Tyresö's row reads back cell for cell, numbers with a decimal comma after `;`.
    let place = placement(&spec, shape);
    let tyreso_idx = spec
        .rows
        .iter()
        .position(|r| r.code.as_deref() == Some("0138"))
        .unwrap();
    for (bytes, delimiter, decimal) in [
        (decoded.as_bytes(), b';', ","),
        (text.as_bytes(), b',', "."),
    ] {
        // Line by line: the csv crate skips blank lines, and the row numbers must stay Excel's.
        let text = std::str::from_utf8(bytes).unwrap();
        let records: Vec<csv::StringRecord> = text
            .split("\r\n")
            .map(|line| {
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .delimiter(delimiter)
                    .from_reader(line.as_bytes())
                    .records()
                    .next()
                    .map(|r| r.unwrap())
                    .unwrap_or_default()
            })
            .collect();
        let at = place.unit_cell(tyreso_idx);
        let record = &records[at.row as usize];
        assert_eq!(&record[at.col as usize], "Tyresö");
        for (i, cell) in spec.rows[tyreso_idx].cells.iter().enumerate() {
            let at = place.value_cell(tyreso_idx, i);
            let want = match cell {
                CellSpec::Text(t) => t.clone(),
                CellSpec::Number(n) => n.to_string().replace('.', decimal),
                CellSpec::Empty => String::new(),
            };
            assert_eq!(record.get(at.col as usize).unwrap_or(""), want);
        }
    }
}

#[test]
fn example_files_are_the_tyreso_series_the_unit_survey_and_the_years_workbook_marked_fictitious() {
    let files = examples();
    assert_eq!(files.len(), 20);
    assert_eq!(
        files[18].name,
        "oppna-jamforelser-2025-aldreomsorg-hemtjanst-enheter-fiktiva-exempeldata.xlsx"
    );
    assert_eq!(
        files[19].name,
        "oppna-jamforelser-2024-ekonomiskt-bistand-2022-2024-fiktiva-exempeldata.xlsx"
    );
    for file in files {
        assert!(file.name.ends_with(".xlsx"));
        assert!(file.name.contains("fiktiva-exempeldata"));
        let mut workbook = open_workbook_auto_from_rs(Cursor::new(file.bytes.clone())).unwrap();
        let sheet = workbook.sheet_names()[0].clone();
        let range = workbook.worksheet_range(&sheet).unwrap();
        assert!(
            text_at(&range, 0, 0).contains("(FIKTIVA EXEMPELDATA)"),
            "{}",
            file.name
        );
    }
}

/// The committed fixtures (tests/fixtures/convert.sh): what LibreOffice wrote as xls and ods from
/// our xlsx holds every planned cell of the spec committed beside it.
#[test]
fn libreoffice_conversions_hold_the_committed_spec() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generated");
    let spec: TableSpec = serde_json::from_slice(
        &std::fs::read(dir.join("ekonomiskt-bistand-2020.spec.json")).unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for shape in Shape::ALL {
        for ext in ["xlsx", "xls", "ods"] {
            let name = format!("ekonomiskt-bistand-2020.{}.{ext}", shape.key());
            let bytes = std::fs::read(dir.join(&name))
                .unwrap_or_else(|e| panic!("{name}: {e} (run tests/fixtures/convert.sh)"));
            let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).unwrap();
            assert_eq!(workbook.sheet_names(), sheet_names(&spec, shape), "{name}");
            for plan in plan_sheets(&spec, shape) {
                let range = workbook.worksheet_range(&plan.name).unwrap();
                for (row, col, cell) in &plan.cells {
                    let got = text_at(&range, *row, u32::from(*col));
                    let want = match cell {
                        exempel::write::PlannedCell::Text(t, _) => t.clone(),
                        exempel::write::PlannedCell::Number(n, _) => n.to_string(),
                    };
                    assert_eq!(
                        got, want,
                        "{name} {} ({row}, {col}); if the generator changed, rerun tests/fixtures/convert.sh",
                        plan.name
                    );
                }
            }
            if ext == "xls" {
                let table = plan_sheets(&spec, shape)
                    .into_iter()
                    .find(|p| p.is_table)
                    .unwrap();
                let xls = calamine::Xls::new(Cursor::new(bytes)).unwrap();
                let merged = xls.merge_cells_by_sheet_name(&table.name).unwrap();
                assert_eq!(merged.len(), table.merges.len(), "{name} merges");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 21);
}

#[test]
fn tyreso_lacks_in_2020_what_the_seed_text_says_it_lacks() {
    for (area, name) in exempel::tyreso::TYRESO_NEJ_2020 {
        let spec = series()
            .iter()
            .find(|s| s.area == *area && s.year == 2020)
            .unwrap();
        let col = spec
            .indicators
            .iter()
            .position(|i| i.name == *name)
            .unwrap_or_else(|| panic!("{area:?}: no indicator {name:?}"));
        let row = spec.row("0138").unwrap();
        assert_eq!(answer(&row.cells[col]), Some("Nej"), "{area:?} {name}");
    }
}

/// `placement` points at every unit and every value as written, in every shape.
#[test]
fn placement_points_at_every_unit_and_value() {
    let spec = fixture_table(Area::Missbruk, 2020, 9);
    for shape in Shape::ALL {
        let bytes = to_xlsx(&spec, shape).unwrap();
        let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
        let place = placement(&spec, shape);
        let range = workbook.worksheet_range(&place.sheet).unwrap();
        for (i, indicator) in spec.indicators.iter().enumerate() {
            let at = place.indicator_cell(i);
            assert_eq!(
                text_at(&range, at.row, at.col),
                indicator.name,
                "{shape:?} {at}"
            );
        }
        for (r, row) in spec.rows.iter().enumerate() {
            let at = place.unit_cell(r);
            assert_eq!(text_at(&range, at.row, at.col), row.label, "{shape:?} {at}");
            assert_eq!(row.expected_unit(at).cell, at);
            for (i, cell) in row.cells.iter().enumerate() {
                let at = place.value_cell(r, i);
                let want = match cell {
                    CellSpec::Text(t) => t.clone(),
                    CellSpec::Number(n) => n.to_string(),
                    CellSpec::Empty => String::new(),
                };
                assert_eq!(
                    text_at(&range, at.row, at.col),
                    want,
                    "{shape:?} {} {at}",
                    row.label
                );
            }
        }
    }
}

/// The committed fixtures are what the generator writes today; when the generator changes on
/// purpose, rerun tests/fixtures/convert.sh (needs LibreOffice) and commit the result.
#[test]
fn committed_fixtures_match_the_generator() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generated");
    for year in [2019, 2020] {
        let committed: TableSpec = serde_json::from_slice(
            &std::fs::read(dir.join(format!("ekonomiskt-bistand-{year}.spec.json"))).unwrap(),
        )
        .unwrap();
        assert!(
            committed == fixture_table(Area::EkonomisktBistand, year, 2020),
            "tests/fixtures/generated/ekonomiskt-bistand-{year}.spec.json is stale: run tests/fixtures/convert.sh"
        );
        let shape = Shape::Wide { header_rows: 1 };
        for (suffix, encoding, delimiter) in [
            ("cp1252-semikolon", Encoding::Windows1252, b';'),
            ("utf8bom-komma", Encoding::Utf8Bom, b','),
        ] {
            let name = format!("ekonomiskt-bistand-{year}.wide1.{suffix}.csv");
            let committed_csv = std::fs::read(dir.join(&name)).unwrap();
            assert!(
                committed_csv == to_csv(&committed, shape, encoding, delimiter),
                "tests/fixtures/generated/{name} is stale: run tests/fixtures/convert.sh"
            );
        }
    }
}
