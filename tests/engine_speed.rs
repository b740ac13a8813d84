//! How long the report takes for a full load: 40 datasets (ten areas × four years) of 300
//! units × 40 indicators. Prints the time and the JSON size; fails only when far too slow.

mod engine_support;

use std::time::Instant;

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

#[test]
fn forty_datasets_of_300_units_report_quickly() {
    let datasets = big_load();
    assert_eq!(datasets.len(), 40);
    for choice in [PeerChoice::Liknande(None), PeerChoice::Alla] {
        let options = ReportOptions {
            kommun: "0138".into(),
            delvis: DelvisRule::Halv,
            jamfor: choice.clone(),
            ..ReportOptions::default()
        };
        let start = Instant::now();
        let report = Report::build(&datasets, &options).unwrap();
        let built = start.elapsed();
        let start = Instant::now();
        let json = serde_json::to_string(&report).unwrap();
        let serialised = start.elapsed();
        let text = text::render(&report);
        eprintln!(
            "{choice:?}: build {:?}, JSON {:?} ({} kB), text {} lines",
            built,
            serialised,
            json.len() / 1000,
            text.lines().count()
        );
        assert_eq!(report.areas.len(), 10);
        // Generous: debug builds on a shared 2-core machine.
        assert!(built.as_secs_f64() < 5.0, "report took {built:?}");
    }
}
