//! The Excel export read back with calamine: the engine's figures are in it, as numbers with
//! percent formats, under Swedish headers with the rules on top, frozen and filterable, and the
//! bytes are the same every time.

mod engine_support;
mod export_support;

use calamine::Data;
use export_support::*;
use oj_analys::report::tables::{Datum, ExportOptions};
use oj_analys::report::xlsx;
use oj_analys::report::Report;
use oj_analys::score::{DelvisRule, Score};

fn float(d: Option<&Data>) -> Option<f64> {
    match d {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

/// The whole percent Excel shows for a share under `0 %` (half away from zero, like the engine's
/// half up for these non-negative shares).
fn shown_percent(share: f64) -> u64 {
    (share * 100.0 + 0.5 + 1e-9).floor() as u64
}

/// Checks one row against a score: fraction columns, exact share, and the percent it shows.
fn check_score(row: &std::collections::HashMap<String, Data>, score: &Score, what: &str) {
    assert_eq!(
        float(row.get("Uppfyllda")),
        Some(f64::from(score.uppfyllda.halves()) / 2.0),
        "{what}: uppfyllda"
    );
    assert_eq!(
        float(row.get("Nämnare")),
        Some(f64::from(score.denominator)),
        "{what}: nämnare"
    );
    let t = &score.tally;
    for (header, n) in [
        ("Ja", t.ja),
        ("Delvis", t.delvis),
        ("Nej", t.nej),
        ("Ej aktuella", t.ej_aktuellt),
        ("Kan inte svara", t.kan_inte_svara),
        ("Saknas", t.saknas),
    ] {
        assert_eq!(
            float(row.get(header)),
            Some(f64::from(n)),
            "{what}: {header}"
        );
    }
    match score.share {
        Some(r) => {
            let got = float(row.get("Andel uppfyllda")).unwrap_or_else(|| panic!("{what}: andel"));
            assert!(
                (got - r.num() as f64 / r.den() as f64).abs() < 1e-12,
                "{what}: andel {got}"
            );
            assert_eq!(Some(shown_percent(got)), score.percent, "{what}: procent");
        }
        None => assert!(
            matches!(row.get("Andel uppfyllda"), None | Some(Data::Empty)),
            "{what}: no share without answers"
        ),
    }
}

fn written(report: &Report) -> (Vec<u8>, Vec<ReadSheet>) {
    let bytes = xlsx::write_with(
        report,
        &ExportOptions::new(Datum::new(2024, 5, 21), &datasets()),
    )
    .unwrap();
    let sheets = read_xlsx(&bytes);
    (bytes, sheets)
}

fn sheet<'a>(sheets: &'a [ReadSheet], name: &str) -> &'a ReadSheet {
    sheets.iter().find(|s| s.name == name).unwrap()
}

#[test]
fn seven_sheets_in_order_each_with_the_rule_peer_set_and_date_on_top() {
    let report = report(DelvisRule::Halv);
    let (_, sheets) = written(&report);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Sammanfattning",
            "Kvalitetsområden",
            "Indikatorer",
            "Att lära av",
            "Jämförelse",
            "Över tid",
            "Källor"
        ]
    );
    for s in &sheets {
        let top: Vec<(String, String)> = s.grid[..s.header_row]
            .iter()
            .map(|r| {
                (
                    r[0].to_string(),
                    r.get(1).map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert!(
            top[0]
                .0
                .starts_with("Öppna jämförelser 2020: Tyresö (0138)"),
            "{}: {:?}",
            s.name,
            top[0]
        );
        assert!(
            top.contains(&("Delvis".into(), report.rule_text.clone())),
            "{}",
            s.name
        );
        assert!(
            top.iter().any(|(l, t)| l == "Jämförelsegrupp"
                && t.starts_with("Egen lista: 0188, 0192, 0120, 0181")),
            "{}: {top:?}",
            s.name
        );
        assert!(
            top.contains(&("Datum".into(), "2024-05-21".into())),
            "{}",
            s.name
        );
    }
}

#[test]
fn every_areas_total_and_quality_lines_are_numbers_in_the_workbook() {
    for rule in [DelvisRule::Ej, DelvisRule::Halv, DelvisRule::Uppfylld] {
        let report = report(rule);
        let (_, sheets) = written(&report);
        let kvalitet = sheet(&sheets, "Kvalitetsområden");
        let summary = sheet(&sheets, "Sammanfattning");
        assert_eq!(report.areas.len(), 2);
        for area in &report.areas {
            let rows = kvalitet.rows_where("Verksamhetsområde", &area.name);
            assert_eq!(rows.len(), area.quality.len() + 1, "{}", area.name);
            for line in &area.quality {
                let row = rows
                    .iter()
                    .find(|r| {
                        r.get("Kvalitetsområde") == Some(&Data::String(line.group.name.clone()))
                    })
                    .unwrap_or_else(|| panic!("{} {}", area.name, line.group.name));
                assert_eq!(float(row.get("År")), area.year.map(f64::from));
                check_score(
                    row,
                    &line.figure.score,
                    &format!("{rule:?} {} {}", area.name, line.group.name),
                );
            }
            let total = rows
                .iter()
                .find(|r| r.get("Kvalitetsområde") == Some(&Data::String("Totalt".into())))
                .unwrap();
            check_score(
                total,
                &area.total.score,
                &format!("{rule:?} {} totalt", area.name),
            );
            let placement = &area.peers.as_ref().unwrap().placement;
            assert_eq!(
                float(total.get("Plats i gruppen")),
                placement.rank.map(f64::from)
            );
            assert_eq!(
                float(total.get("I gruppen")),
                Some(f64::from(placement.in_group))
            );

            let summary_row = summary.rows_where("Verksamhetsområde", &area.name);
            assert_eq!(summary_row.len(), 1);
            check_score(
                summary_row[0],
                &area.total.score,
                &format!("{rule:?} {} sammanfattning", area.name),
            );
        }
        let all = kvalitet.rows_where("Verksamhetsområde", "Samtliga verksamhetsområden");
        assert_eq!(all.len(), report.quality_totals.len() + 1);
        for line in &report.quality_totals {
            let row = all
                .iter()
                .find(|r| r.get("Kvalitetsområde") == Some(&Data::String(line.group.name.clone())))
                .unwrap();
            check_score(
                row,
                &line.figure.score,
                &format!("samtliga {}", line.group.name),
            );
        }
        let total = summary.rows_where("Verksamhetsområde", "Samtliga verksamhetsområden");
        check_score(total[0], &report.total.score, "samtliga totalt");
    }
}

#[test]
fn the_report_texts_total_lines_match_the_workbook() {
    // The figures the committee text prints ("Totalt 4/7 uppfyllda indikatorer: 57 % …") are
    // the workbook's, fraction and percent alike.
    let report = report(DelvisRule::Ej);
    let text = oj_analys::report::text::render(&report);
    let (_, sheets) = written(&report);
    let kvalitet = sheet(&sheets, "Kvalitetsområden");
    for area in &report.areas {
        let rows = kvalitet.rows_where("Verksamhetsområde", &area.name);
        let total = rows
            .iter()
            .find(|r| r.get("Kvalitetsområde") == Some(&Data::String("Totalt".into())))
            .unwrap();
        let fraction = format!(
            "{}/{}",
            float(total.get("Uppfyllda")).unwrap(),
            float(total.get("Nämnare")).unwrap()
        );
        let percent = shown_percent(float(total.get("Andel uppfyllda")).unwrap());
        let line = format!("Totalt {fraction} uppfyllda indikatorer: {percent} %");
        assert!(text.contains(&line), "{line} not in\n{text}");
    }
}

#[test]
fn shares_carry_percent_formats_and_headers_are_frozen_with_an_autofilter() {
    let report = report(DelvisRule::Ej);
    let (bytes, sheets) = written(&report);
    let kvalitet = sheet(&sheets, "Kvalitetsområden");
    let col = kvalitet
        .headers
        .iter()
        .position(|h| h == "Andel uppfyllda")
        .unwrap() as u32;
    let first_data = kvalitet.header_row as u32 + 1;
    assert_eq!(
        number_format(&bytes, "Kvalitetsområden", (first_data, col)).as_deref(),
        Some("0 %")
    );
    let summary = sheet(&sheets, "Sammanfattning");
    let median = summary
        .headers
        .iter()
        .position(|h| h == "Gruppens median")
        .unwrap() as u32;
    assert_eq!(
        number_format(
            &bytes,
            "Sammanfattning",
            (summary.header_row as u32 + 1, median)
        )
        .as_deref(),
        Some("0.0 %")
    );
    for (i, s) in sheets.iter().enumerate() {
        let xml = xlsx_part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let data_row = s.header_row + 2; // 1-based first row under the header
        assert!(
            xml.contains(&format!("ySplit=\"{}\"", s.header_row + 1))
                && xml.contains("state=\"frozen\""),
            "{}: header not frozen",
            s.name
        );
        assert!(
            xml.contains(&format!("topLeftCell=\"A{data_row}\"")),
            "{}: frozen at the wrong row",
            s.name
        );
        assert!(
            xml.contains(&format!("<autoFilter ref=\"A{}:", s.header_row + 1)),
            "{}: no autofilter on the header",
            s.name
        );
        assert!(xml.contains("<col "), "{}: no column widths", s.name);
        assert!(!xml.contains("<f>"), "{}: a formula in the export", s.name);
    }
}

#[test]
fn the_bytes_depend_only_on_the_report_and_the_date() {
    let report = report(DelvisRule::Ej);
    let options = ExportOptions::new(Datum::new(2024, 5, 21), &datasets());
    let a = xlsx::write_with(&report, &options).unwrap();
    let b = xlsx::write_with(&report, &options).unwrap();
    assert_eq!(a, b);
    let core = xlsx_part(&a, "docProps/core.xml");
    assert!(core.contains("2024-05-21T00:00:00Z"), "{core}");
    let undated = xlsx::write(&report).unwrap();
    assert_eq!(undated, xlsx::write(&report).unwrap());
    assert!(xlsx_part(&undated, "docProps/core.xml").contains("2000-01-01T00:00:00Z"));
    assert_ne!(a, undated);
}

#[test]
fn indicators_numbers_and_hostile_names_are_kept_as_written() {
    let report = report(DelvisRule::Ej);
    let (_, sheets) = written(&report);
    let indikatorer = sheet(&sheets, "Indikatorer");
    let numeric = indikatorer.rows_where("Indikator", "Förändrad handläggningstid, dagar");
    assert_eq!(numeric.len(), 1);
    assert_eq!(
        float(numeric[0].get("Eget värde")),
        Some(-3.5),
        "a negative number stays a number"
    );
    assert_eq!(
        numeric[0].get("Typ"),
        Some(&Data::String("Nyckeltal".into()))
    );
    let eb = report
        .area(oj_analys::model::Area::EkonomisktBistand)
        .unwrap();
    for line in &eb.indicators {
        let rows = indikatorer.rows_where("Indikator", &line.name);
        assert_eq!(rows.len(), 1, "{}", line.name);
        assert_eq!(
            rows[0].get("Eget svar"),
            Some(&Data::String(line.own.label().into()))
        );
        match line.peers.share {
            Some(r) => {
                let got = float(rows[0].get("Jämförelsegruppen: andel med Ja")).unwrap();
                assert!((got - r.to_f64()).abs() < 1e-12);
            }
            None => assert_eq!(
                rows[0].get("Jämförelsegruppen: andel med Ja"),
                Some(&Data::Empty)
            ),
        }
        let cell = line.own_cell.as_ref().and_then(|t| t.cell.clone()).unwrap();
        assert_eq!(rows[0].get("Cell"), Some(&Data::String(cell)));
    }
    for (i, &idx) in eb.forbattringsomraden.iter().enumerate() {
        let name = &eb.indicators[idx as usize].name;
        let row = indikatorer.rows_where("Indikator", name)[0];
        assert_eq!(
            float(row.get("Förbättringsområde nr")),
            Some(i as f64 + 1.0)
        );
    }
    // In a workbook a string cell is never a formula: the hostile name is plain text.
    let jamforelse = sheet(&sheets, "Jämförelse");
    assert_eq!(jamforelse.rows_where("Enhet", HOSTILE).len(), 1);
}

#[test]
fn years_and_sources_are_written_in() {
    let report = report(DelvisRule::Ej);
    let (_, sheets) = written(&report);
    let over_tid = sheet(&sheets, "Över tid");
    let eb = report
        .area(oj_analys::model::Area::EkonomisktBistand)
        .unwrap();
    assert_eq!(eb.years.years.len(), 3);
    for point in &eb.years.years {
        let row = over_tid
            .rows
            .iter()
            .find(|r| {
                r.get("Verksamhetsområde") == Some(&Data::String(eb.name.clone()))
                    && float(r.get("År")) == point.year.map(f64::from)
                    && r.get("Kvalitetsområde") == Some(&Data::String("Totalt".into()))
            })
            .unwrap();
        check_score(row, &point.full.total, "över tid");
        assert_eq!(
            float(row.get("Nämnare, jämförbara")),
            Some(f64::from(point.common.total.denominator))
        );
    }
    let kallor = sheet(&sheets, "Källor");
    let files: Vec<String> = kallor
        .rows_where("Avsnitt", "Fil")
        .iter()
        .map(|r| r.get("Fil").unwrap().to_string())
        .collect();
    let expected: Vec<String> = datasets().iter().map(|d| d.file.clone()).collect();
    assert_eq!(files, expected);
    for r in kallor.rows_where("Avsnitt", "Fil") {
        assert_eq!(
            r.get("Läst som"),
            Some(&Data::String("bred (enheter i rader)".into()))
        );
        let units = r.get("Enheter").unwrap().to_string();
        assert!(
            units == "7 rader, 5 kommuner och stadsdelar"
                || units == "5 rader, 5 kommuner och stadsdelar",
            "{units}"
        );
    }
    let rules: Vec<String> = kallor
        .rows_where("Avsnitt", "Regel")
        .iter()
        .map(|r| r.get("Uppgift").unwrap().to_string())
        .collect();
    assert!(rules.contains(&report.rule_text));
    let peers = kallor.rows_where("Avsnitt", "Jämförelsegrupp");
    assert!(peers.iter().any(|r| r
        .get("Uppgift")
        .unwrap()
        .to_string()
        .contains("0120, 0181, 0188, 0192")));
    let dated = kallor.rows_where("Uppgift", "Datum");
    assert!(matches!(
        dated[0].get("Anmärkning"),
        Some(Data::DateTime(_))
    ));
}
