//! The CSV export read back as Swedish Excel reads it: BOM, `;`, CRLF, decimal comma, the
//! right columns, the engine's figures, and no cell that could run as a formula.

mod engine_support;
mod export_support;

use export_support::*;
use oj_analys::report::csv as csv_export;
use oj_analys::report::tables::{Datum, ExportOptions, Tabell};
use oj_analys::score::DelvisRule;

fn options() -> ExportOptions {
    ExportOptions::new(Datum::new(2024, 5, 21), &datasets())
}

#[test]
fn a_csv_file_is_windows_style_text_with_a_bom_semicolons_and_crlf() {
    let report = report(DelvisRule::Halv);
    for file in csv_export::files(&report, &options()) {
        let bytes = &file.bytes;
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{}: no BOM", file.name);
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"), "{}", file.name);
        assert_eq!(
            text.matches('\n').count(),
            text.matches("\r\n").count(),
            "{}: a line not ended by CRLF",
            file.name
        );
        let (headers, rows) = read_csv(bytes);
        assert!(headers.len() > 3, "{}: {headers:?}", file.name);
        assert!(!rows.is_empty(), "{}", file.name);
        for r in &rows {
            assert_eq!(r.len(), headers.len(), "{}: a ragged row {r:?}", file.name);
        }
        assert!(
            file.name.starts_with("oj-analys-tyreso-0138-2024-05-21-"),
            "{}",
            file.name
        );
        assert!(file.name.ends_with(&format!("{}.csv", file.tabell.key())));
    }
}

#[test]
fn the_main_table_has_the_right_columns_and_the_engines_figures() {
    let report = report(DelvisRule::Halv);
    let bytes = csv_export::write(&report);
    assert_eq!(
        bytes,
        csv_export::write_table(&report, &ExportOptions::default(), Tabell::Kvalitetsomraden)
    );
    let (headers, rows) = read_csv(&bytes);
    assert_eq!(
        headers,
        [
            "Verksamhetsområde",
            "År",
            "Kvalitetsområde",
            "Uppfyllda",
            "Nämnare",
            "Andel uppfyllda",
            "Andel uppfyllda, %",
            "Ja",
            "Delvis",
            "Nej",
            "Ej aktuella",
            "Kan inte svara",
            "Saknas",
            "Plats i gruppen",
            "Med uppgift",
            "I gruppen",
            "Kvartil",
            "Mål (%)",
            "Målstatus",
            "Regel för Delvis",
        ]
    );
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut checked = 0;
    for area in &report.areas {
        let mut lines: Vec<(&str, &oj_analys::score::Score)> = area
            .quality
            .iter()
            .map(|l| (l.group.name.as_str(), &l.figure.score))
            .collect();
        lines.push(("Totalt", &area.total.score));
        for (group, score) in lines {
            let row = rows
                .iter()
                .find(|r| {
                    r[at("Verksamhetsområde")] == area.name && r[at("Kvalitetsområde")] == group
                })
                .unwrap_or_else(|| panic!("{} {group}", area.name));
            assert_eq!(row[at("År")], area.year.unwrap().to_string());
            assert_eq!(
                row[at("Uppfyllda")],
                score.uppfyllda.sv(),
                "{} {group}",
                area.name
            );
            assert_eq!(row[at("Nämnare")], score.denominator.to_string());
            assert_eq!(row[at("Ej aktuella")], score.tally.ej_aktuellt.to_string());
            assert_eq!(row[at("Saknas")], score.tally.saknas.to_string());
            match score.share {
                Some(share) => {
                    assert!(!row[at("Andel uppfyllda")].contains('.'), "decimal comma");
                    assert!(
                        (sv_number(&row[at("Andel uppfyllda")]) - share.to_f64()).abs() < 1e-12
                    );
                    assert_eq!(
                        row[at("Andel uppfyllda, %")],
                        score.percent.unwrap().to_string()
                    );
                }
                None => {
                    assert_eq!(row[at("Andel uppfyllda")], "", "{} {group}", area.name);
                    assert_eq!(row[at("Andel uppfyllda, %")], "");
                }
            }
            assert_eq!(row[at("Regel för Delvis")], "Delvis räknas som en halv");
            checked += 1;
        }
    }
    // Under halv a Delvis makes a half: the count is written "n,5".
    assert!(rows.iter().any(|r| r[at("Uppfyllda")].ends_with(",5")));
    assert!(checked >= 8);
    let total = rows
        .iter()
        .find(|r| r[0] == "Samtliga verksamhetsområden" && r[2] == "Totalt")
        .unwrap();
    assert_eq!(total[at("Uppfyllda")], report.total.score.uppfyllda.sv());
    assert_eq!(
        total[at("Nämnare")],
        report.total.score.denominator.to_string()
    );
}

#[test]
fn a_hostile_unit_label_comes_out_neutralised() {
    let report = report(DelvisRule::Ej);
    let bytes = csv_export::write_table(&report, &options(), Tabell::Jamforelse);
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Quoted (it holds quotes) and led by an apostrophe, so Excel shows it as text.
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    let (headers, rows) = read_csv(&bytes);
    let enhet = headers.iter().position(|h| h == "Enhet").unwrap();
    let hostile: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[enhet].contains("HYPERLINK"))
        .collect();
    assert_eq!(hostile.len(), 1);
    assert_eq!(hostile[0][enhet], format!("'{HOSTILE}"));
}

#[test]
fn no_field_could_run_as_a_formula_but_negative_numbers_stay_numbers() {
    let report = report(DelvisRule::Ej);
    let mut saw_negative = false;
    for file in csv_export::files(&report, &options()) {
        let (headers, rows) = read_csv(&file.bytes);
        for field in headers.iter().chain(rows.iter().flatten()) {
            if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                // Only a real number may start so, and it must read as one.
                let n = sv_number(field);
                assert!(n < 0.0, "{}: {field:?}", file.name);
                saw_negative = true;
            }
        }
        if file.tabell == Tabell::Indikatorer {
            let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
            let row = rows
                .iter()
                .find(|r| r[at("Indikator")] == "Förändrad handläggningstid, dagar")
                .unwrap();
            assert_eq!(row[at("Eget värde")], "-3,5");
            assert_eq!(row[at("Eget svar")], "", "a number is not repeated as text");
        }
    }
    assert!(saw_negative);
}
