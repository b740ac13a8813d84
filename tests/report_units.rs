//! Enheter: the generated enhetsundersökning (hemtjänst) read back through ingest to its spec,
//! Tyresö's units with figures worked by hand (exempel::enheter::TYRESO_UNITS), the kommun's
//! and riket's aggregates beside them, and the units in the report text, the exports and the
//! command line.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use oj_analys::compare::units::UnitSurvey;
use oj_analys::exempel::enheter::{
    hemtjanst_survey, unit_survey_xlsx, UnitSurveySpec, ATTR_REGI, ENSKILD, FIRST_DATA_ROW,
    OFFENTLIG, SAMTLIGA, UNITS_FIRST_VALUE_COL,
};
use oj_analys::exempel::{fixture_table, to_xlsx, OjOptions, Shape, FIXTURE_KOMMUNER};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::model::{Area, CellRef, Dataset, UnitKind, Value};
use oj_analys::report::csv as csv_export;
use oj_analys::report::tables::{sheet, ExportOptions, Tabell};
use oj_analys::report::{text, Report, ReportOptions};
use oj_analys::score::{Bucket, DelvisRule};

const FILE: &str = "oppna-jamforelser-2025-aldreomsorg-hemtjanst-enheter.xlsx";

/// The survey over the 30 fixture kommuner, its bytes and what ingest read from them.
fn survey() -> &'static (UnitSurveySpec, Vec<u8>, Vec<Dataset>) {
    static SURVEY: OnceLock<(UnitSurveySpec, Vec<u8>, Vec<Dataset>)> = OnceLock::new();
    SURVEY.get_or_init(|| {
        let options = OjOptions {
            kommuner: Some(FIXTURE_KOMMUNER.iter().map(|s| (*s).to_owned()).collect()),
            canonical_text_only: true,
        };
        let spec = hemtjanst_survey(2025, 7, &options);
        let bytes = unit_survey_xlsx(&spec).unwrap();
        let datasets = read_workbook(FILE, &bytes, &ReadOptions::default())
            .unwrap()
            .datasets;
        (spec, bytes, datasets)
    })
}

fn report(datasets: &[Dataset], rule: DelvisRule) -> Report {
    Report::build(
        datasets,
        &ReportOptions {
            kommun: "0138".into(),
            delvis: rule,
            ..ReportOptions::default()
        },
    )
    .unwrap()
}

fn tyreso(report: &Report) -> &UnitSurvey {
    &report.unit_surveys[0]
}

#[test]
fn the_survey_reads_back_to_its_spec() {
    let (spec, _, datasets) = survey();
    assert_eq!(
        datasets.len(),
        2,
        "the units sheet and the aggregates sheet"
    );
    let units = datasets
        .iter()
        .find(|d| d.sheet == spec.units_sheet())
        .unwrap();
    assert_eq!(units.area(), Some(Area::Aldreomsorg));
    assert_eq!(units.year(), Some(2025));
    assert_eq!(units.units.len(), spec.units.len());
    for (i, (unit, want)) in units.units.iter().zip(&spec.units).enumerate() {
        assert_eq!(unit.kind, UnitKind::Enhet);
        assert_eq!(unit.name, want.name);
        assert_eq!(unit.parent, want.parent, "{}", unit.name);
        for (k, cell) in want.cells.iter().enumerate() {
            let obs = units
                .observations
                .iter()
                .find(|o| o.unit == i as u32 && o.indicator == k as u32);
            let at = CellRef::new(
                FIRST_DATA_ROW + i as u32,
                u32::from(UNITS_FIRST_VALUE_COL) + k as u32,
            );
            match obs {
                Some(o) => {
                    assert_eq!(o.value, cell.expected_value(), "{} {k}", unit.name);
                    assert_eq!(o.cell, at);
                }
                None => assert_eq!(
                    cell.expected_value(),
                    Value::Absent(oj_analys::model::Absence::Bortfall)
                ),
            }
        }
    }
    let aggregates = datasets
        .iter()
        .find(|d| d.sheet == spec.aggregates_sheet())
        .unwrap();
    let kinds = |k: UnitKind| aggregates.units.iter().filter(|u| u.kind == k).count();
    assert_eq!(kinds(UnitKind::Riket), 1);
    assert_eq!(kinds(UnitKind::Lan), 3);
    assert_eq!(kinds(UnitKind::Kommun), 30);
    assert_eq!(aggregates.dimensions[0].name, ATTR_REGI);
    assert_eq!(
        aggregates.dimensions[0].values,
        [SAMTLIGA, OFFENTLIG, ENSKILD]
    );
}

#[test]
fn tyresos_units_have_the_fractions_worked_by_hand() {
    let (_, _, datasets) = survey();
    let r = report(datasets, DelvisRule::Ej);
    assert!(r.areas.is_empty(), "a survey is not an area table");
    let s = tyreso(&r);
    assert_eq!(s.service, "Hemtjänst");
    assert_eq!(s.year, Some(2025));
    assert_eq!(s.regi, [OFFENTLIG, ENSKILD]);
    let got: Vec<(String, Option<String>, String)> = s
        .units
        .iter()
        .map(|u| (u.name.clone(), u.regi.clone(), u.figure.score.short_sv()))
        .collect();
    let want = [
        ("Hemtjänst Tyresö centrum", OFFENTLIG, "13/14 (93 %)"),
        ("Hemtjänst Trollbäcken", OFFENTLIG, "11/14 (79 %)"),
        ("Hemtjänst Bollmora", OFFENTLIG, "9/13 (69 %)"),
        ("Tyresö nattpatrull", OFFENTLIG, "11/12 (92 %)"),
        ("Omsorgsbolaget AB", ENSKILD, "8/14 (57 %)"),
        ("Vardagshjälpen AB", ENSKILD, "14/14 (100 %)"),
        ("Trygga händer AB", ENSKILD, "4/13 (31 %)"),
        ("Solrosen Omsorg AB", ENSKILD, "12/14 (86 %)"),
    ];
    let want: Vec<(String, Option<String>, String)> = want
        .iter()
        .map(|(n, r, f)| ((*n).to_owned(), Some((*r).to_owned()), (*f).to_owned()))
        .collect();
    assert_eq!(got, want);
    // Pooled: 82/108 = 75,9 % → 76 %; offentlig 44/53 = 83,0 %; enskild 38/55 = 69,1 %.
    let pooled: Vec<(Option<&str>, u32, String)> = s
        .kommun_total
        .iter()
        .map(|p| (p.regi.as_deref(), p.units, p.figure.score.short_sv()))
        .collect();
    assert_eq!(
        pooled,
        [
            (None, 8, "82/108 (76 %)".to_owned()),
            (Some(OFFENTLIG), 4, "44/53 (83 %)".to_owned()),
            (Some(ENSKILD), 4, "38/55 (69 %)".to_owned()),
        ]
    );
    // The night patrol: 11 Ja, 1 Nej, one Ej aktuellt and one empty cell, each traced.
    let natt = &s.units[3];
    assert_eq!(natt.figure.score.tally.ej_aktuellt, 1);
    assert_eq!(natt.figure.score.tally.saknas, 1);
    let empty = natt
        .figure
        .cells
        .iter()
        .find(|c| c.bucket == Bucket::Saknas)
        .unwrap();
    assert_eq!(
        empty.indicator_name,
        "Brukaren kan välja tid för sina insatser"
    );
    // Tyresö's units are rows 4–11 of the fixture sheet only if Tyresö comes first; find it.
    let units = datasets
        .iter()
        .find(|d| d.sheet == "Hemtjänst, enheter")
        .unwrap();
    let row = units
        .units
        .iter()
        .find(|u| u.name == "Tyresö nattpatrull")
        .unwrap()
        .cell
        .row;
    assert_eq!(
        empty.cell,
        Some(CellRef::new(row, u32::from(UNITS_FIRST_VALUE_COL) + 8).a1())
    );
    assert_eq!(natt.cell, CellRef::new(row, 1).a1());
    assert_eq!(natt.figure.tally_of_cells(), natt.figure.score.tally);
}

#[test]
fn each_indicator_stands_beside_the_kommuns_and_riket_rows() {
    let (spec, _, datasets) = survey();
    let r = report(datasets, DelvisRule::Ej);
    let s = tyreso(&r);
    // Kontaktperson (H8): Ja 4, Nej 3, Ej aktuellt 1 among Tyresö's units → 4/7 = 57 %, as the
    // file prints on Tyresö's Samtliga row.
    let h8 = s
        .indicators
        .iter()
        .find(|i| i.name == "Kontaktperson utses inom två veckor")
        .unwrap();
    assert!(h8.counted);
    let all = &h8.comparisons[0];
    assert_eq!(all.regi, None);
    let mine = all.kommun_units.unwrap();
    assert_eq!((mine.tally.ja, mine.tally.denominator()), (4, 7));
    assert_eq!(all.kommun.as_ref().unwrap().value, Some(57.0));
    // The printed values are the spec's aggregate cells, for every regi.
    let col = spec.indicator_index("H8").unwrap();
    for (k, regi) in [SAMTLIGA, OFFENTLIG, ENSKILD].iter().enumerate() {
        let c = &h8.comparisons[k];
        for (code, printed) in [("0138", &c.kommun), ("01", &c.lan), ("00", &c.riket)] {
            let want = spec.aggregate(code, regi).unwrap().cells[col].expected_value();
            let got = printed.as_ref().unwrap();
            match want {
                Value::Number(n) => assert_eq!(got.value, Some(n), "{code} {regi}"),
                _ => assert_eq!(got.value, None, "{code} {regi}"),
            }
            assert!(got.cell.is_some());
        }
    }
    // Offentlig regi: Ja in centrum and Trollbäcken, Nej in Bollmora: 2/3.
    let off = h8.comparisons[1].kommun_units.unwrap();
    assert_eq!((off.tally.ja, off.tally.denominator()), (2, 3));
    // A number: the kommun's units' mean beside the file's (44 + 61 + 39 + 70) / 4 = 53,5.
    let h15 = s
        .indicators
        .iter()
        .find(|i| i.name == "Andel personal med undersköterskeexamen")
        .unwrap();
    assert!(!h15.counted);
    assert_eq!(h15.comparisons[2].kommun_mean, Some(53.5));
    assert_eq!(
        h15.comparisons[2].kommun.as_ref().unwrap().value,
        Some(53.5)
    );
    assert_eq!(s.units[0].answers[14].value, Some(72.0));
}

#[test]
fn the_units_are_in_the_text_the_exports_and_the_command_line() {
    let (_, bytes, datasets) = survey();
    let r = report(datasets, DelvisRule::Ej);
    let t = text::render(&r);
    assert!(
        t.starts_with("Öppna jämförelser 2025: Tyresö (0138)\n"),
        "{t}"
    );
    for line in [
        "Enheter i Tyresö, hemtjänst 2025 (äldreomsorg, enhetsundersökning):",
        "Hemtjänst Tyresö centrum (offentlig): 13/14 uppfyllda indikatorer: 93 %",
        "Trygga händer AB (enskild): 4/13 uppfyllda indikatorer: 31 %",
        "Kommunens 8 enheter sammanlagt: 82/108 uppfyllda indikatorer: 76 % (offentlig 44/53: 83 %, enskild 38/55: 69 %)",
    ] {
        assert!(t.lines().any(|l| l == line), "{line}\n{t}");
    }
    // Excel and CSV: an Enheter table with one summary row and 16 answer rows per unit, then
    // the pooled rows.
    assert!(Tabell::of_report(&r).contains(&Tabell::Enheter));
    let options = ExportOptions::new(None, datasets);
    let enheter = sheet(&r, &options, Tabell::Enheter);
    assert_eq!(enheter.name, "Enheter");
    assert_eq!(enheter.rows.len(), 8 * 17 + 3 + 3);
    assert_eq!(
        enheter.cell(0, "Enhet").unwrap().display_sv(),
        "Hemtjänst Tyresö centrum"
    );
    assert_eq!(
        enheter.cell(0, "Andel uppfyllda").unwrap().display_sv(),
        "93 %"
    );
    let csv = String::from_utf8(csv_export::write_table(&r, &options, Tabell::Enheter)).unwrap();
    assert!(csv.contains("Vardagshjälpen AB"));
    let workbook = oj_analys::report::xlsx::write_with(&r, &options).unwrap();
    assert!(!workbook.is_empty());

    let dir = std::env::temp_dir().join(format!("oj-units-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(FILE);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_oj-analys"))
        .args(["report", "--kommun", "Tyresö"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Solrosen Omsorg AB (enskild): 12/14 uppfyllda indikatorer: 86 %"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_survey_leaves_the_area_tables_alone_and_follows_the_delvis_rule() {
    let (_, _, survey_sets) = survey();
    let table = fixture_table(Area::Aldreomsorg, 2020, 11);
    let bytes = to_xlsx(&table, Shape::Wide { header_rows: 3 }).unwrap();
    let area_sets = read_workbook("aldreomsorg-2020.xlsx", &bytes, &ReadOptions::default())
        .unwrap()
        .datasets;
    let alone = report(&area_sets, DelvisRule::Ej);
    let mut both_sets = area_sets.clone();
    both_sets.extend(survey_sets.iter().cloned());
    let both = report(&both_sets, DelvisRule::Ej);
    assert_eq!(both.areas.len(), 1);
    assert_eq!(
        both.areas[0].year,
        Some(2020),
        "the survey's 2025 is not the area's newest year"
    );
    assert_eq!(both.total, alone.total);
    assert_eq!(both.unit_surveys.len(), 1);
    assert!(
        both.datasets
            .iter()
            .filter(|d| d.note.starts_with("enhetsundersökning"))
            .count()
            == 2
    );
    // Without the survey there is no Enheter table.
    assert!(!Tabell::of_report(&alone).contains(&Tabell::Enheter));
    // Under "uppfylld" nothing changes for units without Delvis; the rule is the report's.
    let halv = report(survey_sets, DelvisRule::Halv);
    assert_eq!(
        tyreso(&halv).units[0].figure.score.short_sv(),
        "13/14 (93 %)"
    );
}
