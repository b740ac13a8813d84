//! A full load: 40 datasets (ten areas × four years) of 300 units × 40 indicators. The report
//! over it must stay what the page can take from the worker (its JSON under a bound) and hold
//! every area with every year; the time it takes is measured by `./bench` and
//! `examples/measure-report.rs`, not asserted here (a wall clock in a test fails on a busy
//! machine, not on slow code).

mod engine_support;

use engine_support::*;
use oj_analys::compare::peers::PeerChoice;
use oj_analys::model::{Area, Dataset, QualityArea};
use oj_analys::reference::Reference;
use oj_analys::report::{text, Report, ReportOptions};
use oj_analys::score::DelvisRule;

fn big_load() -> Vec<Dataset> {
    let codes: Vec<String> = Reference::get()
        .kommuner
        .iter()
        .map(|k| k.kod.clone())
        .collect();
    let outcomes = ["Ja", "Ja", "Nej", "Delvis", "EA", "Nej", "KIS", "-"];
    let mut out = Vec::new();
    for (a, area) in Area::ALL.iter().enumerate() {
        for year in 2017..2021u16 {
            let cols = (0..40)
                .map(|i| col(&format!("Indikator {i} om rutin"), QualityArea::ALL[i % 6]))
                .collect();
            let mut rows: Vec<Row> = codes
                .iter()
                .enumerate()
                .map(|(u, code)| {
                    let cells: Vec<&str> = (0..40)
                        .map(|i| outcomes[(u * 7 + i * 3 + a + year as usize) % outcomes.len()])
                        .collect();
                    row(code, &cells)
                })
                .collect();
            for d in [
                "Bromma",
                "Kungsholmen",
                "Skärholmen",
                "Enskede-Årsta-Vantör",
                "Farsta",
            ] {
                rows.push(row(&format!("0180:{d}"), &vec!["Ja"; 40]));
            }
            for lan in ["01", "03", "12", "14"] {
                rows.push(row(lan, &vec!["50"; 40]));
            }
            rows.push(row("00", &vec!["48"; 40]));
            out.push(dataset(*area, year, cols, rows));
        }
    }
    out
}

/// The reply the page decodes after every choice: at most this many bytes of JSON (measured:
/// 2.5 MB with Kolada's similar kommuner, 4.4 MB with all 290 kommuner as peers).
const MAX_REPORT_JSON: usize = 6_000_000;

#[test]
fn forty_datasets_of_300_units_give_every_area_and_year_in_a_bounded_reply() {
    let datasets = big_load();
    assert_eq!(datasets.len(), 40);
    for choice in [PeerChoice::Liknande(None), PeerChoice::Alla] {
        let options = ReportOptions {
            kommun: "0138".into(),
            delvis: DelvisRule::Halv,
            jamfor: choice.clone(),
            ..ReportOptions::default()
        };
        let report = Report::build(&datasets, &options).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        let text = text::render(&report);
        eprintln!(
            "{choice:?}: JSON {} kB, text {} lines",
            json.len() / 1000,
            text.lines().count()
        );
        assert_eq!(report.areas.len(), 10);
        for area in &report.areas {
            assert_eq!(area.year, Some(2020), "{}", area.name);
            assert_eq!(area.years.years.len(), 4, "{}", area.name);
        }
        assert!(
            json.len() < MAX_REPORT_JSON,
            "{choice:?}: the report is {} bytes of JSON",
            json.len()
        );
    }
}
