//! Who to learn from (issue 15, part 2): for each förbättringsområde the peers that fulfil it,
//! else the kommuner of the län, by name — in the report, its text, and the exports. Worked by
//! hand on a fixture table written by the generator with a few answers set.

use oj_analys::compare::learn::LearnSource;
use oj_analys::compare::peers::{lan_of, PeerChoice};
use oj_analys::exempel::{self, CellSpec, Shape, TableSpec};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::model::{Area, Dataset};
use oj_analys::report::{text, Report, ReportOptions};
use oj_analys::score::DelvisRule;

/// Sets one answer of the row with `code`.
fn set(spec: &mut TableSpec, code: &str, indicator: usize, text: &str) {
    let row = spec
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{code} in the fixture"));
    row.cells[indicator] = CellSpec::Text(text.to_owned());
}

/// The fixture of ekonomiskt bistånd 2020 with three förbättringsområden for Tyresö (A, B, C:
/// the first three categorical indicators; every other one Ja):
/// - A: Tyresö Nej; the peers Upplands Väsby Ja, Vallentuna Delvis, Håbo Ja;
/// - B: Tyresö Nej; the peers Nej; in Stockholms län Ekerö Ja, Haninge Delvis, the rest Nej;
/// - C: Tyresö Delvis; the peers and all of Stockholms län Nej.
fn worked_table() -> (TableSpec, [usize; 3]) {
    let mut spec = exempel::fixture_table(Area::EkonomisktBistand, 2020, 7);
    let categorical: Vec<usize> = (0..spec.indicators.len())
        .filter(|&i| spec.indicators[i].is_categorical())
        .collect();
    let [a, b, c] = [categorical[0], categorical[1], categorical[2]];
    for &i in &categorical {
        set(&mut spec, "0138", i, "Ja");
    }
    let codes: Vec<String> = spec
        .rows
        .iter()
        .filter(|r| r.is_answering())
        .filter_map(|r| r.code.clone())
        .collect();
    for code in &codes {
        let in_stockholm = lan_of(code).as_deref() == Some("01");
        for i in [a, b, c] {
            if in_stockholm || ["0114", "0115", "0305"].contains(&code.as_str()) {
                set(&mut spec, code, i, "Nej");
            }
        }
    }
    for (code, i, answer) in [
        ("0138", c, "Delvis"),
        ("0114", a, "Ja"),
        ("0115", a, "Delvis"),
        ("0305", a, "Ja"),
        ("0125", b, "Ja"),
        ("0136", b, "Delvis"),
    ] {
        set(&mut spec, code, i, answer);
    }
    (spec, [a, b, c])
}

fn datasets(spec: &TableSpec) -> Vec<Dataset> {
    let bytes = exempel::to_xlsx(spec, Shape::Wide { header_rows: 3 }).unwrap();
    read_workbook(
        "ekonomiskt-bistand-2020.xlsx",
        &bytes,
        &ReadOptions::default(),
    )
    .unwrap()
    .datasets
}

fn report(datasets: &[Dataset], delvis: DelvisRule) -> Report {
    let options = ReportOptions {
        kommun: "0138".into(),
        delvis,
        jamfor: PeerChoice::parse("0114,0115,0305").unwrap(),
        ..ReportOptions::default()
    };
    Report::build(datasets, &options).unwrap()
}

/// (indicator name, source, names) of each förbättringsområde, in order.
fn learned(report: &Report) -> Vec<(String, LearnSource, Vec<String>)> {
    let area = report.area(Area::EkonomisktBistand).unwrap();
    area.learn_from
        .iter()
        .map(|l| {
            (
                area.indicators[l.line as usize].name.clone(),
                l.source.clone(),
                l.units.iter().map(|u| u.name.clone()).collect(),
            )
        })
        .collect()
}

fn stockholms_lan() -> LearnSource {
    LearnSource::Lan {
        code: "01".into(),
        name: "Stockholms län".into(),
    }
}

#[test]
fn the_peers_that_fulfil_each_forbattringsomrade_else_the_lan() {
    let (spec, [a, b, c]) = worked_table();
    let name = |i: usize| spec.indicators[i].name.clone();
    let data = datasets(&spec);
    let r = report(&data, DelvisRule::Ej);
    // A: two of three peers have Ja (share 2/3) comes first; B and C (0/3) in table order.
    assert_eq!(
        learned(&r),
        [
            (
                name(a),
                LearnSource::Jamforelsegrupp,
                vec!["Håbo".to_owned(), "Upplands Väsby".to_owned()]
            ),
            (name(b), stockholms_lan(), vec!["Ekerö".to_owned()]),
            (name(c), LearnSource::Ingen, vec![]),
        ]
    );
    // Each name is traceable to the cell its Ja was read from.
    let area = r.area(Area::EkonomisktBistand).unwrap();
    let habo = &area.learn_from[0].units[0];
    assert_eq!(habo.code, "0305");
    let dataset = &data[habo.dataset as usize];
    let row = dataset
        .units
        .iter()
        .position(|u| u.code.as_deref() == Some("0305"))
        .unwrap();
    let column = dataset
        .indicators
        .iter()
        .position(|i| i.name == name(a))
        .unwrap();
    let observation = dataset.observation(row, column).unwrap();
    assert_eq!(habo.cell.as_deref(), Some(observation.cell.a1().as_str()));
    assert_eq!(
        observation.value,
        oj_analys::model::Value::Outcome(oj_analys::model::Outcome::Ja)
    );

    let text = text::render(&r);
    let block = [
        "Att lära av, ekonomiskt bistånd (de i jämförelsegruppen som uppfyller det Tyresö inte uppfyller):".to_owned(),
        format!("{}: Håbo och Upplands Väsby.", name(a)),
        format!("{}: ingen i jämförelsegruppen; i Stockholms län: Ekerö.", name(b)),
        format!("{}: ingen i jämförelsegruppen eller i Stockholms län.", name(c)),
    ]
    .join("\n");
    assert!(text.contains(&block), "{text}");
    // After the comparison.
    let comparison = text.find("Jämförelse med").unwrap();
    assert!(comparison < text.find("Att lära av").unwrap());
}

#[test]
fn under_the_rule_uppfylld_delvis_fulfils() {
    let (spec, [a, b, _]) = worked_table();
    let name = |i: usize| spec.indicators[i].name.clone();
    let data = datasets(&spec);
    let r = report(&data, DelvisRule::Uppfylld);
    // C is fulfilled by Tyresö's Delvis: no longer a förbättringsområde.
    assert_eq!(
        learned(&r),
        [
            (
                name(a),
                LearnSource::Jamforelsegrupp,
                vec![
                    "Håbo".to_owned(),
                    "Upplands Väsby".to_owned(),
                    "Vallentuna".to_owned()
                ]
            ),
            (
                name(b),
                stockholms_lan(),
                vec!["Ekerö".to_owned(), "Haninge".to_owned()]
            ),
        ]
    );
}

#[test]
fn the_exports_name_them_with_their_cells() {
    use oj_analys::report::csv as csv_export;
    use oj_analys::report::tables::{sheet, ExportOptions, Tabell};
    let (spec, [a, b, c]) = worked_table();
    let name = |i: usize| spec.indicators[i].name.clone();
    let data = datasets(&spec);
    let r = report(&data, DelvisRule::Ej);
    let options = ExportOptions::new(None, &data);
    let learn = sheet(&r, &options, Tabell::AttLaraAv);
    assert_eq!(learn.name, "Att lära av");
    let rows: Vec<Vec<String>> = learn
        .rows
        .iter()
        .map(|row| row.iter().map(|c| c.display_sv()).collect())
        .collect();
    let row = |nr: &str, i: usize, urval: &str, code: &str, unit: &str| {
        let mut r = vec![
            "Ekonomiskt bistånd".to_owned(),
            "2020".to_owned(),
            nr.to_owned(),
            String::new(),
            name(i),
            urval.to_owned(),
            code.to_owned(),
            unit.to_owned(),
        ];
        r.push(if unit.is_empty() { "" } else { "Ja" }.to_owned());
        r
    };
    let head: Vec<Vec<String>> = rows.iter().map(|r| r[..9].to_vec()).collect();
    assert_eq!(
        head,
        [
            row("1", a, "jämförelsegruppen", "0305", "Håbo"),
            row("1", a, "jämförelsegruppen", "0114", "Upplands Väsby"),
            row("2", b, "Stockholms län", "0125", "Ekerö"),
            row("3", c, "ingen i jämförelsegruppen eller länet", "", ""),
        ]
    );
    // Håbo's Ja: the file, the sheet and the cell it was read from.
    assert_eq!(rows[0][9], "ekonomiskt-bistand-2020.xlsx");
    assert!(!rows[0][10].is_empty() && !rows[0][11].is_empty());
    // The Indikatorer sheet names them beside each förbättringsområde.
    let indikatorer = sheet(&r, &options, Tabell::Indikatorer);
    let line = |i: usize| {
        (0..indikatorer.rows.len())
            .find(|&k| indikatorer.cell(k, "Indikator").map(|c| c.display_sv()) == Some(name(i)))
            .and_then(|k| indikatorer.cell(k, "Att lära av"))
            .map(|c| c.display_sv())
            .unwrap()
    };
    assert_eq!(line(a), "Håbo, Upplands Väsby");
    assert_eq!(line(b), "Stockholms län: Ekerö");
    assert_eq!(line(c), "ingen i jämförelsegruppen eller länet");
    // The same table as CSV.
    let csv = String::from_utf8(csv_export::write_table(&r, &options, Tabell::AttLaraAv)).unwrap();
    assert!(csv.contains(";Håbo;Ja;"), "{csv}");
    assert!(csv.contains(";Stockholms län;0125;Ekerö;Ja;"), "{csv}");
}
