//! The Enheter table: an enhetsundersökning's units and the kommun's aggregates.

use crate::report::Report;

use super::build::{
    counted_as, score_cells, year_cell, Builder, Number, Share, Text, SCORE_COLUMNS,
};
use super::Cell;

pub(super) fn enheter(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Tjänst", Text),
        ("Enhet", Text),
        ("Regi", Text),
        ("Indikator", Text),
        ("Svar", Text),
        ("Värde", Number),
        ("Räknas som", Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[
        ("Kommunens enheter: andel med Ja", Share),
        ("Kommunens enheter: medelvärde", Number),
        ("Kommunen i filen", Number),
        ("Länet i filen", Number),
        ("Riket i filen", Number),
        ("Fil", Text),
        ("Blad", Text),
        ("Cell", Text),
    ]);
    let rule = report.options.delvis;
    let n_head = 9;
    for survey in &report.unit_surveys {
        let head = |unit: &str, regi: Option<&String>, indicator: &str| {
            vec![
                Cell::text(survey.area.name()),
                year_cell(survey.year),
                Cell::text(survey.service.clone()),
                Cell::text(unit),
                Cell::opt_text(regi.cloned()),
                Cell::text(indicator),
            ]
        };
        for unit in &survey.units {
            let mut row = head(&unit.name, unit.regi.as_ref(), "Samtliga indikatorer");
            row.extend(vec![Cell::Empty; n_head - row.len()]);
            row.extend(score_cells(&unit.figure.score));
            row.extend(vec![Cell::Empty; 5]);
            row.extend(unit.figure.cells.first().map_or(vec![Cell::Empty; 2], |c| {
                vec![Cell::text(c.file.clone()), Cell::text(c.sheet.clone())]
            }));
            row.push(Cell::text(unit.cell.clone()));
            b.row(row);
            for (indicator, answer) in survey.indicators.iter().zip(&unit.answers) {
                let mut row = head(&unit.name, unit.regi.as_ref(), &indicator.name);
                row.push(Cell::text(match answer.bucket {
                    Some(bucket) => bucket.label().to_owned(),
                    None => answer.raw.clone(),
                }));
                row.push(Cell::number(answer.value));
                row.push(Cell::text(match answer.bucket {
                    Some(bucket) => counted_as(bucket, rule),
                    None => "tal, räknas inte",
                }));
                row.extend(vec![Cell::Empty; SCORE_COLUMNS.len()]);
                let all = indicator.comparisons.iter().find(|c| c.regi.is_none());
                row.extend(aggregate_cells(all));
                row.extend(unit.figure.cells.first().map_or(vec![Cell::Empty; 2], |c| {
                    vec![Cell::text(c.file.clone()), Cell::text(c.sheet.clone())]
                }));
                row.push(Cell::opt_text(answer.cell.clone()));
                b.row(row);
            }
        }
        let pooled_rows = [
            (
                format!("Kommunens enheter ({})", report.unit.name),
                &survey.kommun_total,
            ),
            ("Samtliga enheter i filen".to_owned(), &survey.riket_total),
        ];
        for (who, pooled) in pooled_rows {
            for p in pooled.iter() {
                let mut row = head(&who, p.regi.as_ref(), "Samtliga indikatorer");
                row.extend(vec![Cell::Empty; n_head - row.len()]);
                row.extend(score_cells(&p.figure.score));
                b.row(row);
            }
        }
    }
}

/// The kommun's units recomputed and the kommun, län and riket as the file prints them.
pub(super) fn aggregate_cells(
    aggregates: Option<&crate::compare::units::IndicatorAggregates>,
) -> Vec<Cell> {
    let Some(a) = aggregates else {
        return vec![Cell::Empty; 5];
    };
    let printed =
        |p: Option<&crate::compare::units::PrintedValue>| Cell::number(p.and_then(|p| p.value));
    vec![
        Cell::share(a.kommun_units.and_then(|s| s.share)),
        Cell::number(a.kommun_mean),
        printed(a.kommun.as_ref()),
        printed(a.lan.as_ref()),
        printed(a.riket.as_ref()),
    ]
}
