//! Indicator definitions (issue 15, part 1): the description text and the other columns of a
//! description sheet, kept per indicator, matched by code or name also across the files of
//! other years, in the report and the Excel export ("Ingen beskrivning i de inlästa filerna"
//! where no file describes it). Files written by the generator and read back through ingest.

use oj_analys::exempel::definitions::{classic_text, model_text, SOURCE};
use oj_analys::exempel::{self, Shape, TableSpec};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::model::{Area, Dataset, NO_DEFINITION};
use oj_analys::report::tables::{sheet, ExportOptions, Tabell};
use oj_analys::report::{Report, ReportOptions};

fn read(name: &str, bytes: &[u8]) -> Vec<Dataset> {
    read_workbook(name, bytes, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.message()))
        .datasets
}

fn tyreso(datasets: &[Dataset]) -> Report {
    let options = ReportOptions {
        kommun: "0138".into(),
        ..ReportOptions::default()
    };
    Report::build(datasets, &options).unwrap()
}

#[test]
fn every_indicator_of_the_example_data_has_its_definition() {
    let mut datasets = Vec::new();
    for file in exempel::example_files().unwrap() {
        datasets.extend(read(&file.name, &file.bytes));
    }
    let report = tyreso(&datasets);
    let years = exempel::years_example();
    let mut n = 0;
    for area in &report.areas {
        for (name, definition) in area
            .indicators
            .iter()
            .map(|l| (&l.name, &l.definition))
            .chain(area.numeric.iter().map(|l| (&l.name, &l.definition)))
        {
            let d = definition
                .as_ref()
                .unwrap_or_else(|| panic!("{:?} {name}: no definition", area.area));
            let text = d.text.as_deref().unwrap();
            let rest: String = name.chars().skip(1).collect();
            assert!(text.contains(&rest), "{name}: {text}");
            assert!(d.fields.contains(&("Källa".to_owned(), SOURCE.to_owned())));
            assert_eq!(d.sheet, "Indikatorbeskrivningar");
            n += 1;
        }
    }
    assert!(n > 150, "{n} indicators");
    // Ekonomiskt bistånd's newest year is the workbook of the model of 2023–: its own texts.
    let eb = report.area(Area::EkonomisktBistand).unwrap();
    let first = &eb.indicators[0];
    let written = years
        .indicators
        .iter()
        .find(|i| i.name == first.name)
        .unwrap();
    let d = first.definition.as_ref().unwrap();
    assert_eq!(d.text.as_deref(), Some(model_text(written).as_str()));
    assert!(d
        .fields
        .contains(&("Indikatorkod".to_owned(), written.code.clone())));
    assert!(d.file.contains("2022-2024"), "{}", d.file);
}

/// Ekonomiskt bistånd of the Tyresö series in one year.
fn bistand(year: u16) -> TableSpec {
    exempel::tyreso_series()
        .into_iter()
        .find(|s| s.area == Area::EkonomisktBistand && s.year == year)
        .unwrap()
}

/// Ekonomiskt bistånd 2019 written with its "Indikatorbeskrivningar", read beside 2020's file
/// without one: the 2019 spec and both files' datasets.
fn described_2019_beside_2020() -> (TableSpec, Vec<Dataset>) {
    let (old, new) = (bistand(2019), bistand(2020));
    let shape = Shape::Wide { header_rows: 3 };
    let old_bytes = exempel::definitions::to_xlsx_with_definitions(&old, shape).unwrap();
    let mut datasets = read("eb-2019.xlsx", &old_bytes);
    datasets.extend(read(
        "eb-2020.xlsx",
        &exempel::to_xlsx(&new, shape).unwrap(),
    ));
    (old, datasets)
}

#[test]
fn a_file_without_descriptions_takes_them_from_another_years_file() {
    let (old, datasets) = described_2019_beside_2020();
    let report = tyreso(&datasets);
    let eb = report.area(Area::EkonomisktBistand).unwrap();
    assert_eq!(eb.year, Some(2020));
    let described: Vec<&str> = old.indicators.iter().map(|i| i.name.as_str()).collect();
    let (mut matched, mut missing) = (0, 0);
    for line in &eb.indicators {
        let written = old.indicators.iter().find(|i| i.name == line.name);
        match (written, &line.definition) {
            (Some(w), Some(d)) => {
                // 2019's text, read from the 2019 file.
                assert_eq!(d.text.as_deref(), Some(classic_text(w, 2019).as_str()));
                assert_eq!(d.file, "eb-2019.xlsx");
                matched += 1;
            }
            (None, None) => missing += 1,
            (w, d) => panic!("{}: {w:?} {d:?}", line.name),
        }
    }
    // New in 2020 ("Genomfört brukarundersökning under året") or renamed ("… (SIP)"): none.
    assert!(missing >= 2 && matched > 20, "{matched} {missing}");
    assert!(!described.contains(&"Genomfört brukarundersökning under året"));

    // The export: the text, the other columns, the source — or that no file describes it.
    let export = sheet(
        &report,
        &ExportOptions::new(None, &datasets),
        Tabell::Indikatorer,
    );
    let row_of = |name: &str| {
        (0..export.rows.len())
            .find(|&r| export.cell(r, "Indikator").map(|c| c.display_sv()) == Some(name.into()))
            .unwrap()
    };
    let text = |r: usize, header: &str| export.cell(r, header).unwrap().display_sv();
    let new_one = row_of("Genomfört brukarundersökning under året");
    assert_eq!(text(new_one, "Beskrivning"), NO_DEFINITION);
    assert_eq!(text(new_one, "Beskrivningens källa"), "");
    let w = &old.indicators[0];
    let r = row_of(&w.name);
    assert_eq!(text(r, "Beskrivning"), classic_text(w, 2019));
    assert_eq!(
        text(r, "Beskrivningens källa"),
        "Indikatorbeskrivningar i eb-2019.xlsx"
    );
    assert!(text(r, "Övrigt i beskrivningen").contains(&format!("Källa: {SOURCE}")));
}

#[test]
fn without_any_description_sheet_every_indicator_says_so() {
    let shape = Shape::Wide { header_rows: 3 };
    let datasets = read("eb.xlsx", &exempel::to_xlsx(&bistand(2020), shape).unwrap());
    let report = tyreso(&datasets);
    let eb = report.area(Area::EkonomisktBistand).unwrap();
    assert!(eb.indicators.iter().all(|l| l.definition.is_none()));
    let export = sheet(&report, &ExportOptions::default(), Tabell::Indikatorer);
    assert!((0..export.rows.len())
        .all(|r| export.cell(r, "Beskrivning").unwrap().display_sv() == NO_DEFINITION));
}

#[test]
fn the_cells_of_one_indicator_bring_its_definition_and_a_fraction_none() {
    use oj_analys::report::definitions::of_cells;
    let (old, datasets) = described_2019_beside_2020();
    let report = tyreso(&datasets);
    let eb = report.area(Area::EkonomisktBistand).unwrap();
    // The own cell of an indicator 2019's file describes: its text, from that file.
    let w = &old.indicators[0];
    let line = eb.indicators.iter().find(|l| l.name == w.name).unwrap();
    let cell: Vec<_> = line.own_cell.clone().into_iter().collect();
    assert_eq!(cell.len(), 1);
    let d = of_cells(&report.areas, &cell).unwrap().unwrap();
    assert_eq!(d.text.as_deref(), Some(classic_text(w, 2019).as_str()));
    assert_eq!(d.file, "eb-2019.xlsx");
    // One new in 2020: one indicator's cells, described by no file.
    let new_one = eb
        .indicators
        .iter()
        .find(|l| l.name == "Genomfört brukarundersökning under året")
        .unwrap();
    let cell: Vec<_> = new_one.own_cell.clone().into_iter().collect();
    assert_eq!(of_cells(&report.areas, &cell), Some(None));
    // The cells of a fraction (many indicators) are no one indicator's; nor are no cells.
    assert!(eb.total.cells.len() > 1);
    assert_eq!(of_cells(&report.areas, &eb.total.cells), None);
    assert_eq!(of_cells(&report.areas, &[]), None);
}
