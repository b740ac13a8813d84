//! The exports of reports built from generated workbooks read by ingest (the whole chain):
//! seed 000's figures come out of the xlsx, and a formula in a header comes out of the CSV as
//! text.

use calamine::Data;
use oj_analys::exempel::{fixture_table, to_xlsx, tyreso_series, Shape, TYRESO};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::model::{Area, Dataset};
use oj_analys::report::tables::{Datum, ExportOptions, Tabell};
use oj_analys::report::xlsx;
use oj_analys::report::{csv as csv_export, Report, ReportOptions};
use oj_analys::score::DelvisRule;

#[path = "export_support/read.rs"]
mod read;

fn read(name: &str, bytes: &[u8]) -> Vec<Dataset> {
    read_workbook(name, bytes, &ReadOptions::default())
        .unwrap()
        .datasets
}

/// Ekonomiskt bistånd 2018–2020 and missbruk 2020 of the Tyresö series, as workbooks read back.
fn tyreso() -> Vec<Dataset> {
    tyreso_series()
        .iter()
        .filter(|s| {
            s.area == Area::EkonomisktBistand || (s.area == Area::Missbruk && s.year == 2020)
        })
        .flat_map(|spec| {
            let bytes = to_xlsx(spec, Shape::Wide { header_rows: 3 }).unwrap();
            read(&format!("{}-{}.xlsx", spec.area.key(), spec.year), &bytes)
        })
        .collect()
}

/// Seed 000 counts Delvis as fulfilled ("helt/delvis uppfyllda").
fn options() -> ReportOptions {
    ReportOptions {
        kommun: TYRESO.into(),
        delvis: DelvisRule::Uppfylld,
        ..ReportOptions::default()
    }
}

#[test]
fn seed_000s_figures_come_out_of_the_workbook() {
    let datasets = tyreso();
    let report = Report::build(&datasets, &options()).unwrap();
    let bytes = xlsx::write_with(
        &report,
        &ExportOptions::new(Datum::new(2024, 5, 21), &datasets),
    )
    .unwrap();
    let sheets = read::read_xlsx(&bytes);
    let kvalitet = sheets
        .iter()
        .find(|s| s.name == "Kvalitetsområden")
        .unwrap();
    // Seed 000: "Kunskapsbaserad verksamhet, 3/10 uppfyllda indikatorer: 30 %" …
    // "Totalt 24/37 uppfyllda indikatorer: 65 % (53 % 2019, 40 % 2018)".
    let expect = [
        ("Kunskapsbaserad verksamhet", 3.0, 10.0, 30),
        ("Självbestämmande och integritet", 5.0, 5.0, 100),
        ("Helhetssyn och samordning", 8.0, 11.0, 73),
        ("Trygghet och säkerhet", 3.0, 6.0, 50),
        ("Tillgänglighet", 5.0, 5.0, 100),
        ("Totalt", 24.0, 37.0, 65),
    ];
    let eb = kvalitet.rows_where("Verksamhetsområde", "Ekonomiskt bistånd");
    for (group, uppfyllda, namnare, percent) in expect {
        let row = eb
            .iter()
            .find(|r| r.get("Kvalitetsområde") == Some(&Data::String(group.into())))
            .unwrap_or_else(|| panic!("{group}"));
        assert_eq!(
            row.get("Uppfyllda"),
            Some(&Data::Float(uppfyllda)),
            "{group}"
        );
        assert_eq!(row.get("Nämnare"), Some(&Data::Float(namnare)), "{group}");
        let Some(Data::Float(share)) = row.get("Andel uppfyllda") else {
            panic!("{group}: no share")
        };
        assert!((share - uppfyllda / namnare).abs() < 1e-12);
        assert_eq!(
            (share * 100.0 + 0.5 + 1e-9).floor() as u64,
            percent,
            "{group}"
        );
    }
    let over_tid = sheets.iter().find(|s| s.name == "Över tid").unwrap();
    // "(53 % 2019, 40 % 2018)".
    for (year, percent) in [(2019.0, 53), (2018.0, 40)] {
        let row = over_tid
            .rows
            .iter()
            .find(|r| {
                r.get("Verksamhetsområde") == Some(&Data::String("Ekonomiskt bistånd".into()))
                    && r.get("År") == Some(&Data::Float(year))
                    && r.get("Kvalitetsområde") == Some(&Data::String("Totalt".into()))
            })
            .unwrap();
        let (Some(Data::Float(u)), Some(Data::Float(n)), Some(Data::Float(share))) = (
            row.get("Uppfyllda"),
            row.get("Nämnare"),
            row.get("Andel uppfyllda"),
        ) else {
            panic!("{year}: {row:?}")
        };
        assert!((share - u / n).abs() < 1e-12);
        assert_eq!(
            (share * 100.0 + 0.5 + 1e-9).floor() as u64,
            percent,
            "{year}"
        );
    }
    // Källor says how each file was read.
    let kallor = sheets.iter().find(|s| s.name == "Källor").unwrap();
    let files = kallor.rows_where("Avsnitt", "Fil");
    assert_eq!(files.len(), datasets.len());
    for row in files {
        assert_eq!(
            row.get("Läst som"),
            Some(&Data::String("bred (enheter i rader)".into()))
        );
        let units = row.get("Enheter").unwrap().to_string();
        let (rows, kommuner) = units
            .split_once(" rader, ")
            .and_then(|(r, k)| {
                Some((
                    r.parse::<u32>().ok()?,
                    k.strip_suffix(" kommuner och stadsdelar")?
                        .parse::<u32>()
                        .ok()?,
                ))
            })
            .unwrap_or_else(|| panic!("{units}"));
        assert!(kommuner >= 290 && rows > kommuner, "{units}");
        let note = row.get("Anmärkning").unwrap().to_string();
        assert!(note.contains("FIKTIVA EXEMPELDATA"), "{note}");
    }
}

#[test]
fn a_formula_in_a_header_is_neutralised_in_the_csv_and_text_in_the_workbook() {
    let hostile = "=HYPERLINK(\"http://x\")";
    let mut spec = fixture_table(Area::EkonomisktBistand, 2020, 7);
    let first = spec
        .indicators
        .iter()
        .position(|i| i.is_categorical())
        .unwrap();
    spec.indicators[first].name = hostile.into();
    let bytes = to_xlsx(&spec, Shape::Wide { header_rows: 1 }).unwrap();
    let datasets = read("=cmd.xlsx", &bytes);
    assert!(datasets
        .iter()
        .any(|d| d.indicators.iter().any(|i| i.name == hostile)));
    let report = Report::build(&datasets, &options()).unwrap();
    let options = ExportOptions::new(None, &datasets);

    let csv = csv_export::write_table(&report, &options, Tabell::Indikatorer);
    let (headers, rows) = read::read_csv(&csv);
    let at = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let row = rows
        .iter()
        .find(|r| r[at("Indikator")].contains("HYPERLINK"))
        .unwrap();
    assert_eq!(row[at("Indikator")], format!("'{hostile}"));
    assert_eq!(row[at("Fil")], "'=cmd.xlsx");

    let sheets = read::read_xlsx(&xlsx::write_with(&report, &options).unwrap());
    let indikatorer = sheets.iter().find(|s| s.name == "Indikatorer").unwrap();
    assert_eq!(indikatorer.rows_where("Indikator", hostile).len(), 1);
}
