//! The model of 2023–: a report over files grouped by kvalitetsdimension is grouped by those
//! dimensions, in the file's wording and order, with per-dimension and total fractions exactly
//! as for kvalitetsområden; only kvalitetsindikatorer are counted; välfärdsindikatorer and
//! nyckeltal are numbers beside the peers and riket; Över tid across the change of model
//! compares the totals and says so; a comparability note marks its indicator's change.
//!
//! The workbooks are written by the project's writer and read through ingest: the tables of
//! 2023 and 2024 with their quality band written as kvalitetsdimensioner (ingest reads them as
//! such); the categories and the comparability note are then set as a file's description sheet
//! gives them. The expected figures are summed from the spec by the same relabelling.

use std::sync::OnceLock;

use oj_analys::exempel::spec::TableSpec;
use oj_analys::exempel::{fixture_table, to_xlsx, Shape, TYRESO};
use oj_analys::ingest::{read_workbook, ReadOptions};
use oj_analys::model::{
    Area, Dataset, IndicatorCategory, IndicatorKind, QualityArea, QualityDimension, QualityLabel,
};
use oj_analys::report::tables::{sheet, ExportOptions, Tabell};
use oj_analys::report::text;
use oj_analys::report::{Report, ReportOptions};
use oj_analys::score::{DelvisRule, Grouping};

/// How a file of the new model words the dimension each old quality area's indicators fall
/// under (Självbestämmande and Helhetssyn both become Individanpassad).
fn dimension_of(area: QualityArea) -> (&'static str, QualityDimension) {
    match area {
        QualityArea::Kunskapsbaserad => ("Kunskapsbaserad", QualityDimension::Kunskapsbaserad),
        QualityArea::Sjalvbestammande | QualityArea::Helhetssyn => (
            "Individanpassad vård och omsorg",
            QualityDimension::Individanpassad,
        ),
        QualityArea::TrygghetSakerhet => ("Säker", QualityDimension::Saker),
        QualityArea::Tillganglighet => ("Tillgänglig", QualityDimension::Tillganglig),
        QualityArea::Effektivitet => ("Effektiv", QualityDimension::Effektiv),
    }
}

const COMPARABILITY: &str = "24 månader (tidigare 12)";

/// The table of `year` (its spec in kvalitetsområden), written — from 2023 with dimensions in
/// the quality band — and read back.
fn year(year: u16) -> (TableSpec, Dataset) {
    let spec = fixture_table(Area::EkonomisktBistand, year, 31);
    let mut written = spec.clone();
    if year >= 2023 {
        for indicator in &mut written.indicators {
            if let Some(area) = indicator.quality_area() {
                indicator.quality = dimension_of(area).0.to_owned();
            }
        }
    }
    let bytes = to_xlsx(&written, Shape::Wide { header_rows: 3 }).unwrap();
    let mut datasets = read_workbook(&format!("eb-{year}.xlsx"), &bytes, &ReadOptions::default())
        .unwrap()
        .datasets;
    assert_eq!(datasets.len(), 1);
    let mut d = datasets.remove(0);
    if year >= 2023 {
        for (i, (indicator, spec_indicator)) in
            d.indicators.iter_mut().zip(&spec.indicators).enumerate()
        {
            // Ingest read the band as dimensions, as written.
            let (label, dimension) = dimension_of(spec_indicator.quality_area().unwrap());
            assert_eq!(
                indicator.quality,
                Some(QualityLabel {
                    label: label.into(),
                    area: None,
                    dimension: Some(dimension),
                })
            );
            indicator.category = Some(match indicator.kind {
                IndicatorKind::Categorical => IndicatorCategory::Kvalitetsindikator,
                IndicatorKind::Numeric { .. } if i % 2 == 0 => IndicatorCategory::Valfardsindikator,
                IndicatorKind::Numeric { .. } => IndicatorCategory::Nyckeltal,
            });
            if let IndicatorKind::Numeric { direction, .. } = &mut indicator.kind {
                *direction = None;
            }
        }
        if year == 2024 {
            if let Some(first) = d.indicators.first_mut() {
                first.comparability = Some(COMPARABILITY.into());
            }
        }
    }
    (spec, d)
}

fn years() -> &'static Vec<(TableSpec, Dataset)> {
    static YEARS: OnceLock<Vec<(TableSpec, Dataset)>> = OnceLock::new();
    YEARS.get_or_init(|| [2022, 2023, 2024].into_iter().map(year).collect())
}

fn report_of(datasets: Vec<Dataset>) -> Report {
    Report::build(
        &datasets,
        &ReportOptions {
            kommun: TYRESO.into(),
            ..ReportOptions::default()
        },
    )
    .unwrap()
}

/// Tyresö's (Ja, Ja + Delvis + Nej) per dimension in the order the columns first show it.
fn expected(spec: &TableSpec) -> Vec<(String, u32, u32)> {
    let mut out: Vec<(String, u32, u32)> = Vec::new();
    for area in QualityArea::ALL {
        let counts = spec.tally(TYRESO, Some(area));
        if counts.answered() + counts.ej_aktuellt + counts.kan_inte_svara + counts.saknas == 0 {
            continue;
        }
        let (label, _) = dimension_of(area);
        match out.iter_mut().find(|(l, _, _)| l == label) {
            Some((_, ja, den)) => {
                *ja += counts.ja;
                *den += counts.answered();
            }
            None => out.push((label.to_owned(), counts.ja, counts.answered())),
        }
    }
    // The file's order is its column order: the first column of each dimension.
    let first_col = |label: &str| {
        spec.indicators
            .iter()
            .position(|i| i.quality_area().is_some_and(|a| dimension_of(a).0 == label))
    };
    out.sort_by_key(|(l, _, _)| first_col(l));
    out
}

#[test]
fn a_dimension_file_is_grouped_by_its_dimensions_in_its_order() {
    let (spec, d) = years()[2].clone();
    let r = report_of(vec![d]);
    let area = &r.areas[0];
    assert_eq!(area.grouping, Grouping::Dimensioner);
    assert_eq!(r.grouping(), Grouping::Dimensioner);
    let got: Vec<(String, u32, u32)> = area
        .quality
        .iter()
        .map(|l| {
            let s = &l.figure.score;
            (l.group.name.clone(), s.tally.ja, s.denominator)
        })
        .collect();
    let want = expected(&spec);
    assert_eq!(got, want);
    assert!(area
        .quality
        .iter()
        .all(|l| l.group.dimension.is_some() && l.group.area.is_none()));
    // The total pools the dimensions, and the figure's cells add up to it.
    let (ja, den) = want.iter().fold((0, 0), |(a, b), (_, j, d)| (a + j, b + d));
    assert_eq!(
        (area.total.score.tally.ja, area.total.score.denominator),
        (ja, den)
    );
    assert_eq!(area.total.tally_of_cells(), area.total.score.tally);
    let t = text::render(&r);
    assert!(
        t.contains("Resultat per kvalitetsdimension och totalt, ekonomiskt bistånd:"),
        "{t}"
    );
    let (label, ja, den) = &want[1];
    let percent = (200 * ja + den) / (2 * den);
    assert!(
        t.contains(&format!(
            "{label}, {ja}/{den} uppfyllda indikatorer: {percent} %"
        )),
        "{t}"
    );
    assert!(!t.contains("kvalitetsområde"), "{t}");
    // The export names the table for what it shows.
    let options = ExportOptions::default();
    let table = sheet(&r, &options, Tabell::Kvalitetsomraden);
    assert_eq!(table.name, "Kvalitetsdimensioner");
    assert_eq!(table.columns[2].header, "Kvalitetsdimension");
    assert_eq!(
        table.cell(0, "Kvalitetsdimension").unwrap().display_sv(),
        want[0].0
    );
}

#[test]
fn only_kvalitetsindikatorer_count_and_the_rule_is_stated() {
    let (_, d) = years()[2].clone();
    let n_categorical = d.indicators.iter().filter(|i| i.is_categorical()).count();
    let r = report_of(vec![d]);
    let area = &r.areas[0];
    assert_eq!(area.indicators.len(), n_categorical);
    assert!(r.uses_categories());
    assert!(!area.numeric.is_empty());
    for n in &area.numeric {
        assert!(n.category.is_some());
        // The file does not say which way is better: shown, never ranked.
        assert_eq!(n.placement.rank, None);
        assert_eq!(n.placement.band, None);
    }
    let t = text::render(&r);
    assert!(t.contains(text::CATEGORY_RULE), "{t}");
    assert!(
        t.contains(
            "Välfärdsindikatorer och nyckeltal, ekonomiskt bistånd (räknas inte som uppfyllda):"
        ),
        "{t}"
    );
    let first = &area.numeric[0];
    let category = first.category.unwrap().label();
    assert!(t.contains(&format!("{} ({category}): ", first.name)), "{t}");
    assert!(
        t.contains("(välfärdsindikator): ") && t.contains("(nyckeltal): "),
        "{t}"
    );
}

#[test]
fn a_nyckeltal_answered_ja_nej_is_never_in_a_fraction() {
    let (_, mut d) = years()[2].clone();
    let at = d
        .indicators
        .iter()
        .position(|i| i.is_categorical())
        .unwrap();
    let full = report_of(vec![d.clone()]).areas[0]
        .total
        .score
        .tally
        .indicators();
    d.indicators[at].category = Some(IndicatorCategory::Nyckeltal);
    let r = report_of(vec![d]);
    let area = &r.areas[0];
    assert_eq!(area.total.score.tally.indicators(), full - 1);
    assert!(area
        .indicators
        .iter()
        .all(|l| l.category == Some(IndicatorCategory::Kvalitetsindikator)));
    assert!(area
        .numeric
        .iter()
        .any(|n| n.category == Some(IndicatorCategory::Nyckeltal) && n.own.value.is_none()));
}

#[test]
fn over_time_across_the_change_of_model_compares_totals_and_says_so() {
    let sets: Vec<Dataset> = years().iter().map(|(_, d)| d.clone()).collect();
    let r = report_of(sets);
    let area = &r.areas[0];
    assert_eq!(area.year, Some(2024));
    let groupings: Vec<Grouping> = area.years.years.iter().map(|p| p.grouping).collect();
    assert_eq!(
        groupings,
        [
            Grouping::Omraden,
            Grouping::Dimensioner,
            Grouping::Dimensioner
        ]
    );
    assert_eq!(area.years.grouping_changes.len(), 1);
    let change = area.years.grouping_changes[0];
    assert_eq!((change.from_year, change.to_year), (Some(2022), Some(2023)));
    // The totals of each year, as each year's own table counts them.
    let totals: Vec<(u32, u32)> = years()
        .iter()
        .map(|(spec, _)| {
            let c = spec.tally(TYRESO, None);
            (c.ja, c.answered())
        })
        .collect();
    let got: Vec<(u32, u32)> = area
        .years
        .years
        .iter()
        .map(|p| (p.full.total.tally.ja, p.full.total.denominator))
        .collect();
    assert_eq!(got, totals);
    let t = text::render(&r);
    let pct = |(j, d): (u32, u32)| (200 * j + d) / (2 * d);
    let line = format!(
        "Totalt {}/{} uppfyllda indikatorer: {} % ({} % 2023, {} % 2022)",
        totals[2].0,
        totals[2].1,
        pct(totals[2]),
        pct(totals[1]),
        pct(totals[0])
    );
    assert!(t.contains(&line), "{line}\n{t}");
    assert!(t.contains(
        "Från 2023 grupperas indikatorerna efter kvalitetsdimensioner (tidigare kvalitetsområden); åren jämförs bara på totalen."
    ), "{t}");
    // The comparability note of 2024 marks that indicator's change, once.
    let marked: Vec<_> = area
        .years
        .changes
        .iter()
        .filter(|c| c.note.as_deref() == Some(COMPARABILITY))
        .collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(
        (marked[0].from_year, marked[0].to_year),
        (Some(2023), Some(2024))
    );
    assert!(
        t.contains(&format!(
            "Inte helt jämförbar med tidigare år: {} – {COMPARABILITY}.",
            marked[0].name
        )),
        "{t}"
    );
    // The Över tid sheet says the grouping changed on the year it changed.
    let over_tid = sheet(&r, &ExportOptions::default(), Tabell::OverTid);
    assert_eq!(over_tid.columns[2].header, "Kvalitetsområde/-dimension");
    let notes: Vec<String> = (0..over_tid.rows.len())
        .filter_map(|i| over_tid.cell(i, "Anmärkning").map(|c| c.display_sv()))
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("Från 2023 grupperas")),
        "{notes:?}"
    );
}

#[test]
fn old_and_new_areas_side_by_side_pool_only_their_totals() {
    let (_, eb) = years()[2].clone();
    let missbruk = fixture_table(Area::Missbruk, 2022, 5);
    let bytes = to_xlsx(&missbruk, Shape::Wide { header_rows: 3 }).unwrap();
    let mut sets = read_workbook("missbruk.xlsx", &bytes, &ReadOptions::default())
        .unwrap()
        .datasets;
    sets.push(eb);
    let r = report_of(sets);
    assert_eq!(r.grouping(), Grouping::Bada);
    // The pooled lines keep areas and dimensions apart: areas first, then dimensions.
    let kinds: Vec<bool> = r
        .quality_totals
        .iter()
        .map(|l| l.group.dimension.is_some())
        .collect();
    let first_dimension = kinds.iter().position(|k| *k).unwrap();
    assert!(kinds[first_dimension..].iter().all(|k| *k), "{kinds:?}");
    let t = text::render(&r);
    assert!(t.contains("Resultat per kvalitetsområde eller kvalitetsdimension och totalt, samtliga verksamhetsområden:"), "{t}");
    assert!(
        t.contains("Resultat per kvalitetsområde och totalt, missbruk- och beroendevård:"),
        "{t}"
    );
    let table = sheet(&r, &ExportOptions::default(), Tabell::Kvalitetsomraden);
    assert_eq!(table.name, "Kvalitetsområden");
    assert_eq!(table.columns[2].header, "Kvalitetsområde/-dimension");
    let _ = DelvisRule::Ej;
}

/// Today's generator (exempel::years): ekonomiskt bistånd 2022–2024 in one workbook, read
/// through ingest into one dataset per year. Tyresö's figures per dimension and year are the
/// ones worked by hand in src/exempel/years.rs.
mod todays_workbook {
    use super::*;
    use oj_analys::exempel::write_years::{PlaceColumn, YearShape};
    use oj_analys::exempel::{years_fixture, years_to_xlsx, YearsLayout};

    /// (dimension, uppfyllda, nämnare), in the file's order.
    type Lines = [(&'static str, u32, u32); 6];

    /// Per year the dimensions and the total, as worked by hand.
    const HAND: [(u16, Lines, (u32, u32)); 3] = [
        (
            2022,
            [
                ("Kunskapsbaserad", 1, 3),
                ("Säker", 1, 2),
                ("Individanpassad", 1, 2),
                ("Effektiv", 1, 1),
                ("Jämlik", 0, 1),
                ("Tillgänglig", 1, 1),
            ],
            (5, 10),
        ),
        (
            2023,
            [
                ("Kunskapsbaserad", 2, 3),
                ("Säker", 1, 2),
                ("Individanpassad", 2, 2),
                ("Effektiv", 1, 1),
                ("Jämlik", 1, 2),
                ("Tillgänglig", 0, 0),
            ],
            (7, 10),
        ),
        (
            2024,
            [
                ("Kunskapsbaserad", 3, 3),
                ("Säker", 2, 2),
                ("Individanpassad", 1, 2),
                ("Effektiv", 0, 1),
                ("Jämlik", 2, 2),
                ("Tillgänglig", 1, 1),
            ],
            (9, 11),
        ),
    ];

    fn datasets() -> Vec<Dataset> {
        let spec = years_fixture(2024);
        let layout = YearsLayout {
            shape: YearShape::Long,
            columns: vec![PlaceColumn::Kommun, PlaceColumn::Lan],
            category_rows: false,
            descriptions: true,
        };
        let bytes = years_to_xlsx(&spec, &layout).unwrap();
        let datasets = read_workbook("eb-2022-2024.xlsx", &bytes, &ReadOptions::default())
            .unwrap()
            .datasets;
        let years: Vec<Option<u16>> = datasets.iter().map(|d| d.year()).collect();
        assert_eq!(
            years,
            [Some(2022), Some(2023), Some(2024)],
            "one dataset per year"
        );
        datasets
    }

    #[test]
    fn per_dimension_and_year_from_one_file() {
        let spec = years_fixture(2024);
        let r = report_of(datasets());
        let area = &r.areas[0];
        assert_eq!(area.year, Some(2024));
        assert_eq!(area.grouping, Grouping::Dimensioner);
        assert!(!area.years.grouping_changed());
        for (point, (year, dims, total)) in area.years.years.iter().zip(HAND) {
            assert_eq!(point.year, Some(year));
            let got: Vec<(String, u32, u32)> = point
                .full
                .quality
                .iter()
                .map(|(g, s)| (g.name.clone(), s.tally.ja, s.denominator))
                .collect();
            let want: Vec<(String, u32, u32)> = dims
                .iter()
                .map(|(n, j, d)| ((*n).to_owned(), *j, *d))
                .collect();
            assert_eq!(got, want, "{year}");
            assert_eq!(
                (point.full.total.tally.ja, point.full.total.denominator),
                total
            );
            // The generator's own count agrees with the hand-worked one.
            let counts = spec.fulfilment(year, TYRESO, None);
            assert_eq!((counts.ja, counts.answered()), total);
        }
        // Jämlik 2022: its second indicator was first measured in 2023, so it is absent that
        // year — not an unanswered indicator.
        let jamlik_2022 = &area.years.years[0]
            .full
            .quality
            .iter()
            .find(|(g, _)| g.dimension == Some(QualityDimension::Jamlik))
            .unwrap()
            .1;
        assert_eq!(jamlik_2022.tally.saknas, 0);
        assert_eq!(jamlik_2022.tally.indicators(), 1);
        let t = text::render(&r);
        assert!(
            t.contains("Totalt 9/11 uppfyllda indikatorer: 82 % (70 % 2023, 50 % 2022)"),
            "{t}"
        );
        assert!(
            t.contains("Kunskapsbaserad, 3/3 uppfyllda indikatorer: 100 %"),
            "{t}"
        );
        assert!(
            t.contains("Effektiv, 0/1 uppfyllda indikatorer: 0 %"),
            "{t}"
        );
        // The newest year's lines are the 2024 column of the hand-worked table.
        let lines: Vec<(String, String)> = area
            .quality
            .iter()
            .map(|l| (l.group.name.clone(), l.figure.score.short_sv()))
            .collect();
        assert_eq!(
            lines[0],
            ("Kunskapsbaserad".to_owned(), "3/3 (100 %)".to_owned())
        );
        assert_eq!(area.total.score.short_sv(), "9/11 (82 %)");
    }

    #[test]
    fn the_delvis_rule_applies_per_year() {
        let datasets = datasets();
        let r = Report::build(
            &datasets,
            &ReportOptions {
                kommun: TYRESO.into(),
                delvis: DelvisRule::Halv,
                ..ReportOptions::default()
            },
        )
        .unwrap();
        // With Delvis as half: 5,5/10 = 55 % (2022), 9,5/11 = 86 % (2024).
        let t = text::render(&r);
        assert!(
            t.contains("Totalt 9,5/11 uppfyllda indikatorer: 86 % (70 % 2023, 55 % 2022)"),
            "{t}"
        );
    }

    /// A classic file of a year the workbook restates (ekonomiskt bistånd 2022 grouped by
    /// kvalitetsområden beside "Resultat 2022–2024"), with a classic 2021: 2022 is counted from
    /// the workbook alone (the hand-worked 5/10, not pooled with the classic file's indicators),
    /// the classic 2022 is listed as unused with the reason, and Över tid says the grouping
    /// changed from 2022, where the workbook starts.
    #[test]
    fn a_classic_file_of_a_restated_year_is_not_counted_twice() {
        let classic = |year: u16| {
            let spec = fixture_table(Area::EkonomisktBistand, year, 31);
            let bytes = to_xlsx(&spec, Shape::Wide { header_rows: 3 }).unwrap();
            let mut sets = read_workbook(
                &format!("eb-{year}-klassisk.xlsx"),
                &bytes,
                &ReadOptions::default(),
            )
            .unwrap()
            .datasets;
            assert_eq!(sets.len(), 1);
            (spec, sets.remove(0))
        };
        let (spec_2021, d_2021) = classic(2021);
        let (_, d_2022) = classic(2022);
        let mut sets = vec![d_2021, d_2022];
        sets.extend(datasets());
        let r = report_of(sets);
        let area = &r.areas[0];
        let got: Vec<(Option<u16>, Grouping, u32, u32)> = area
            .years
            .years
            .iter()
            .map(|p| {
                let t = &p.full.total;
                (p.year, p.grouping, t.tally.ja, t.denominator)
            })
            .collect();
        let c = spec_2021.tally(TYRESO, None);
        assert_eq!(
            got,
            [
                (Some(2021), Grouping::Omraden, c.ja, c.answered()),
                (Some(2022), Grouping::Dimensioner, 5, 10),
                (Some(2023), Grouping::Dimensioner, 7, 10),
                (Some(2024), Grouping::Dimensioner, 9, 11),
            ]
        );
        let unused: Vec<(&str, &str)> = r
            .datasets
            .iter()
            .filter(|u| !u.used)
            .map(|u| (u.file.as_str(), u.note.as_str()))
            .collect();
        assert_eq!(
            unused,
            [(
                "eb-2022-klassisk.xlsx",
                "året 2022 finns också i eb-2022-2024.xlsx, grupperat efter kvalitetsdimensioner; det räknas därifrån"
            )]
        );
        let t = text::render(&r);
        let pct = (200 * c.ja + c.answered()) / (2 * c.answered());
        for line in [
            format!("Totalt 9/11 uppfyllda indikatorer: 82 % (70 % 2023, 50 % 2022, {pct} % 2021)"),
            "Från 2022 grupperas indikatorerna efter kvalitetsdimensioner (tidigare kvalitetsområden); åren jämförs bara på totalen.".to_owned(),
            "Ekonomiskt bistånd 2022 finns både i eb-2022-klassisk.xlsx (kvalitetsområden) och i eb-2022-2024.xlsx (kvalitetsdimensioner, modellen från 2023); året räknas bara från eb-2022-2024.xlsx, så att det inte räknas två gånger.".to_owned(),
        ] {
            assert!(t.contains(&line), "{line}\n{t}");
        }
    }
}
