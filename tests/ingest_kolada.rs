//! Kolada-shaped and unnamed data (issue 15, part 4): a long table of kommun or län codes under
//! any header, a year column and one value column per key figure reads as kommuner × years, one
//! dataset per year; a table that names no area gets the user's (`--omrade`) and scores.
//!
//! The files are written by the csv crate and rust_xlsxwriter and read back through ingest.

use oj_analys::ingest::reading::WarningKind;
use oj_analys::ingest::{read_workbook, Corrections, ReadOptions, Workbook};
use oj_analys::model::{Area, Dataset, UnitKind, Value};
use oj_analys::reference::Reference;
use oj_analys::report::{Report, ReportOptions};
use oj_analys::score::DelvisRule;

fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Workbook {
    read_workbook(name, bytes, options).unwrap_or_else(|e| panic!("{name}: {}", e.message()))
}

/// Kolada's value for a kommun code and a year, different for every cell.
fn kolada_value(code: &str, year: u16) -> f64 {
    let n: u32 = code.parse().unwrap();
    f64::from(n % 97) + f64::from(year - 2020) / 4.0
}

/// The rows of a Kolada download: riket ("0000"), Stockholms län as Kolada's region "0001",
/// then every kommun, each year in turn.
fn kolada_rows(years: &[u16]) -> Vec<(String, u16, f64)> {
    let mut codes = vec!["0000".to_owned(), "0001".to_owned()];
    codes.extend(Reference::get().kommuner.iter().map(|k| k.kod.clone()));
    let mut rows = Vec::new();
    for &year in years {
        for code in &codes {
            rows.push((code.clone(), year, kolada_value(code, year)));
        }
    }
    rows
}

/// A Kolada table as CSV: `header,year,u31341`, values with a decimal point.
fn kolada_csv(unit_header: &str) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([unit_header, "year", "u31341"]).unwrap();
    for (code, year, value) in kolada_rows(&[2023, 2024]) {
        w.write_record([code, year.to_string(), value.to_string()])
            .unwrap();
    }
    w.into_inner().unwrap()
}

fn value_of(d: &Dataset, code: &str) -> Option<f64> {
    let u = d
        .units
        .iter()
        .position(|u| u.code.as_deref() == Some(code))?;
    match d.observation(u, 0)?.value {
        Value::Number(n) => Some(n),
        _ => None,
    }
}

/// Every kommun, Stockholms län and riket of one year's dataset, with Kolada's values.
fn assert_one_year(d: &Dataset, year: u16, name: &str) {
    let n_kommuner = Reference::get().kommuner.len();
    assert_eq!(d.year(), Some(year), "{name}");
    let kommuner = d.units.iter().filter(|u| u.kind == UnitKind::Kommun);
    assert_eq!(kommuner.count(), n_kommuner, "{name} {year}");
    assert!(d.units.iter().any(|u| u.kind == UnitKind::Riket), "{name}");
    assert!(
        d.units
            .iter()
            .any(|u| u.kind == UnitKind::Lan && u.code.as_deref() == Some("01")),
        "{name}"
    );
    assert_eq!(d.indicators.len(), 1, "{name}");
    assert_eq!(d.indicators[0].name, "u31341");
    for code in ["0138", "1280", "2584", "0180"] {
        assert_eq!(
            value_of(d, code),
            Some(kolada_value(code, year)),
            "{name} {year} {code}"
        );
    }
    assert_eq!(value_of(d, "00"), Some(kolada_value("0000", year)));
    assert_eq!(value_of(d, "01"), Some(kolada_value("0001", year)));
}

#[test]
fn a_kolada_csv_of_kommun_codes_reads_as_kommuner_by_year() {
    // Before: one riket row with 572 warnings about repeated units.
    for header in ["geo", "kommun_id", "municipality", "Område"] {
        let name = format!("kolada-{header}.csv");
        let wb = read(&name, &kolada_csv(header), &ReadOptions::default());
        assert_eq!(wb.datasets.len(), 2, "{name}: one dataset per year");
        assert_one_year(&wb.datasets[0], 2023, &name);
        assert_one_year(&wb.datasets[1], 2024, &name);
        for r in &wb.reading.datasets {
            assert!(
                r.warnings
                    .iter()
                    .all(|w| w.kind != WarningKind::DuplicateUnits
                        && w.kind != WarningKind::ImplicitUnit),
                "{name}: {:?}",
                r.warnings
            );
            let year = r.year.as_ref().unwrap();
            assert_eq!(year.evidence.source, "kolumnen year i tabellen", "{name}");
        }
    }
}

#[test]
fn a_kolada_workbook_with_lan_codes_and_two_key_figures() {
    // Codes written as text by rust_xlsxwriter, the year column as numbers; every län, two key
    // figures, three years.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["lan_kod", "ar", "N00945", "U31341"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let lan = &Reference::get().lan;
    let mut row = 1u32;
    for year in [2022u16, 2023, 2024] {
        for l in lan {
            let n: f64 = l.kod.parse().unwrap();
            sheet.write_string(row, 0, &l.kod).unwrap();
            sheet.write_number(row, 1, f64::from(year)).unwrap();
            sheet.write_number(row, 2, n + f64::from(year)).unwrap();
            sheet.write_number(row, 3, n * 2.0).unwrap();
            row += 1;
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let wb = read("kolada-lan.xlsx", &bytes, &ReadOptions::default());
    assert_eq!(wb.datasets.len(), 3);
    for (d, year) in wb.datasets.iter().zip([2022u16, 2023, 2024]) {
        assert_eq!(d.year(), Some(year));
        assert_eq!(d.units.len(), lan.len());
        assert!(d.units.iter().all(|u| u.kind == UnitKind::Lan));
        assert_eq!(d.indicators.len(), 2);
        let skane = d
            .units
            .iter()
            .position(|u| u.code.as_deref() == Some("12"))
            .unwrap();
        let first = d.observation(skane, 0).map(|o| o.value.clone());
        assert_eq!(first, Some(Value::Number(12.0 + f64::from(year))));
    }
}

/// A table of Ja/Nej answers for four kommuner and riket, with no area in its title, sheet or
/// file name.
fn answers_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 5]; 6] = [
        [
            "Kommun",
            "Rutin för samverkan",
            "Plan för uppföljning",
            "Kartläggning",
            "Skriftlig information",
        ],
        ["Tyresö", "Ja", "Nej", "Ja", "Delvis"],
        ["Nacka", "Ja", "Ja", "Ja", "Ja"],
        ["Huddinge", "Nej", "Ja", "Nej", "Nej"],
        ["Haninge", "Ja", "Nej", "Nej", "Ja"],
        ["Riket", "60", "40", "55", "70"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            match text.parse::<f64>() {
                Ok(n) => sheet.write_number(r as u32, c as u16, n).unwrap(),
                Err(_) => sheet.write_string(r as u32, c as u16, *text).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

fn report(datasets: &[Dataset]) -> Result<Report, String> {
    let options = ReportOptions {
        kommun: "0138".into(),
        delvis: DelvisRule::Ej,
        ..ReportOptions::default()
    };
    Report::build(datasets, &options).map_err(|e| e.message())
}

#[test]
fn a_table_without_an_area_gets_the_users_and_scores() {
    let bytes = answers_xlsx();
    let plain = read("svar.xlsx", &bytes, &ReadOptions::default());
    assert_eq!(plain.datasets[0].area(), None);
    assert_eq!(
        report(&plain.datasets).err().as_deref(),
        Some("Ingen av de inlästa tabellerna har ett känt verksamhetsområde.")
    );
    let options = ReadOptions {
        corrections: Corrections::with_unnamed_area(Area::Lss),
        ..ReadOptions::default()
    };
    let corrected = read("svar.xlsx", &bytes, &options);
    let d = &corrected.datasets[0];
    assert_eq!(d.area(), Some(Area::Lss));
    assert_eq!(
        d.area.as_ref().unwrap().evidence.source,
        "användarens rättelse"
    );
    assert_eq!(
        corrected.reading.datasets[0].corrections,
        ["område: Stöd till personer med funktionsnedsättning – LSS (tabellen namnger inget område)"]
    );
    // Tyresö: Ja, Nej, Ja, Delvis → 2 of 4 fulfilled (Delvis not counted).
    let r = report(&corrected.datasets).unwrap();
    let lss = r.area(Area::Lss).unwrap();
    assert_eq!(lss.total.score.uppfyllda.to_string(), "2");
    assert_eq!(lss.total.score.denominator, 4);
    assert_eq!(lss.total.score.percent, Some(50));
}

#[test]
fn the_users_area_never_overrides_an_area_the_table_names() {
    let bytes = answers_xlsx();
    let options = ReadOptions {
        corrections: Corrections::with_unnamed_area(Area::Lss),
        ..ReadOptions::default()
    };
    let wb = read("Ekonomiskt bistånd 2024.xlsx", &bytes, &options);
    assert_eq!(wb.datasets[0].area(), Some(Area::EkonomisktBistand));
    assert!(wb.reading.datasets[0].corrections.is_empty());
}
