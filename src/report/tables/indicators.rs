//! The Indikatorer and Att lära av tables: every indicator's answer, peers, category and
//! definition; for each förbättringsområde, who to learn from.

use crate::compare::learn::{LearnFrom, LearnSource};
use crate::model::Definition;
use crate::report::{AreaReport, Report};
use crate::score::DelvisRule;

use super::build::{capitalised, counted_as, year_cell, Builder, Number, Share, Text};
use super::Cell;

pub(super) fn indikatorer(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        (report.grouping().column(), Text),
        ("Indikatorområde", Text),
        ("Kod", Text),
        ("Indikator", Text),
        ("Typ", Text),
        ("Eget svar", Text),
        ("Räknas som", Text),
        ("Förbättringsområde nr", Number),
        ("Styrka nr", Number),
        ("Att lära av", Text),
        ("Jämförelsegruppen: andel med Ja", Share),
        ("Jämförelsegruppen: med Ja", Number),
        ("Jämförelsegruppen: svarande", Number),
        ("Jämförelsegruppen: anmärkning", Text),
        ("Riket: andel med Ja (omräknad)", Share),
        ("Riket i filen (%)", Number),
        ("Länet: andel med Ja (omräknad)", Share),
        ("Länet i filen (%)", Number),
        ("Eget värde", Number),
        ("Mått", Text),
        ("Bättre är", Text),
        ("Plats i gruppen", Number),
        ("Med uppgift", Number),
        ("Kvartil", Text),
        ("Gruppens median", Number),
        ("Riket", Number),
        ("Länet", Number),
        ("Fil", Text),
        ("Blad", Text),
        ("Cell", Text),
        ("Indikatortyp", Text),
        ("Målvärde", Text),
        ("Mätperiod", Text),
        ("Jämförbarhet", Text),
        ("Beskrivning", Text),
        ("Övrigt i beskrivningen", Text),
        ("Beskrivningens källa", Text),
    ]);
    let rule = report.options.delvis;
    for area in &report.areas {
        for (i, line) in area.indicators.iter().enumerate() {
            b.row(indicator_row(area, i as u32, line, rule));
        }
        for n in &area.numeric {
            b.row(numeric_row(area, n));
        }
    }
}

/// One Ja/Nej indicator's row of the Indikatorer sheet (`i`: its place in the area's list).
pub(super) fn indicator_row(
    area: &AreaReport,
    i: u32,
    line: &crate::compare::indicators::IndicatorComparison,
    rule: DelvisRule,
) -> Vec<Cell> {
    let rank_in = |list: &[u32]| list.iter().position(|&x| x == i).map(|p| p as i64 + 1);
    let aggregate = |a: Option<&crate::compare::indicators::AggregateShare>| {
        vec![
            Cell::share(a.and_then(|a| a.recomputed.share)),
            Cell::number(a.and_then(|a| a.printed)),
        ]
    };
    let mut row = vec![
        Cell::text(area.name.clone()),
        year_cell(area.year),
        Cell::text(line.quality.name.clone()),
        Cell::opt_text(line.indicator_area.clone()),
        Cell::opt_text(line.code.clone()),
        Cell::text(line.name.clone()),
        Cell::text(match line.category {
            Some(c) => capitalised(c.label()),
            None => "Ja/Nej-fråga".to_owned(),
        }),
        Cell::text(line.own.label()),
        Cell::text(counted_as(line.own, rule)),
        Cell::opt_int(rank_in(&area.forbattringsomraden)),
        Cell::opt_int(rank_in(&area.styrkor)),
        Cell::opt_text(area.learn_from.iter().find(|l| l.line == i).map(learn_text)),
        Cell::share(line.peers.share),
        Cell::int(line.peers.tally.ja),
        Cell::int(line.peers.tally.denominator()),
        Cell::text(if line.peers.unpublishable {
            "över 20 % bortfall"
        } else {
            ""
        }),
    ];
    row.extend(aggregate(line.riket.as_ref()));
    row.extend(aggregate(line.lan.as_ref()));
    row.extend(vec![Cell::Empty; 9]);
    match &line.own_cell {
        Some(t) => row.extend([
            Cell::text(t.file.clone()),
            Cell::text(t.sheet.clone()),
            Cell::opt_text(t.cell.clone()),
        ]),
        None => row.extend(vec![Cell::Empty; 3]),
    }
    row.extend([
        Cell::opt_text(line.indicator_type.map(|t| t.label())),
        Cell::opt_text(line.target.clone()),
        Cell::opt_text(line.period.clone()),
        Cell::opt_text(line.comparability.clone()),
    ]);
    row.extend(definition_cells(line.definition.as_ref()));
    row
}

/// One numeric indicator's (nyckeltal's) row of the Indikatorer sheet.
pub(super) fn numeric_row(
    area: &AreaReport,
    n: &crate::compare::numeric::NumericComparison,
) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(area.name.clone()),
        year_cell(area.year),
        Cell::text(n.quality.name.clone()),
        Cell::Empty,
        Cell::opt_text(n.code.clone()),
        Cell::text(n.name.clone()),
        Cell::text(match n.category {
            Some(c) => capitalised(c.label()),
            None => "Nyckeltal".to_owned(),
        }),
        // The cell's text only when it holds no number ("..", "-").
        if n.own.value.is_some() {
            Cell::Empty
        } else {
            Cell::text(n.own.raw.clone())
        },
    ];
    row.extend(vec![Cell::Empty; 12]);
    row.extend([
        Cell::number(n.own.value),
        Cell::opt_text(n.measure.clone()),
        Cell::text(match n.direction_source {
            crate::compare::numeric::DirectionSource::Ingen => {
                format!("– ({})", n.direction_source.label())
            }
            _ => format!(
                "{} ({})",
                match n.direction {
                    crate::model::Direction::HigherIsBetter => "högre",
                    crate::model::Direction::LowerIsBetter => "lägre",
                },
                n.direction_source.label()
            ),
        }),
    ]);
    row.push(Cell::opt_int(n.placement.rank));
    row.push(Cell::int(n.placement.with_data));
    row.push(Cell::opt_text(n.placement.band.map(|b| b.label())));
    row.push(Cell::number(n.spread.map(|s| s.median)));
    row.push(Cell::number(n.riket));
    row.push(Cell::number(n.lan));
    row.extend([
        Cell::text(n.own.file.clone()),
        Cell::text(n.own.sheet.clone()),
        Cell::opt_text(n.own.cell.clone()),
        Cell::opt_text(n.indicator_type.map(|t| t.label())),
        Cell::opt_text(n.target.clone()),
        Cell::opt_text(n.period.clone()),
        Cell::opt_text(n.comparability.clone()),
    ]);
    row.extend(definition_cells(n.definition.as_ref()));
    row
}

/// An indicator's definition in three cells: its text (or that no file describes it), the
/// description sheet's other columns ("Mätperiod: Läget 1 mars; Källa: …"), and where it was
/// read ("Indikatorbeskrivningar i fil.xlsx").
pub(super) fn definition_cells(definition: Option<&Definition>) -> [Cell; 3] {
    let others = definition.map(|d| {
        d.fields
            .iter()
            .map(|(h, v)| format!("{h}: {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    });
    [
        Cell::text(Definition::text_or_none(definition)),
        Cell::opt_text(others),
        Cell::opt_text(definition.map(|d| format!("{} i {}", d.sheet, d.file))),
    ]
}

/// Who to learn from in one cell: "Håbo, Upplands Väsby", "Stockholms län: Ekerö", "ingen i
/// jämförelsegruppen eller länet".
pub(super) fn learn_text(learn: &LearnFrom) -> String {
    let names: Vec<&str> = learn.units.iter().map(|u| u.name.as_str()).collect();
    match &learn.source {
        LearnSource::Jamforelsegrupp => names.join(", "),
        LearnSource::Lan { name, .. } => format!("{name}: {}", names.join(", ")),
        LearnSource::Ingen => "ingen i jämförelsegruppen eller länet".to_owned(),
    }
}

/// One row per förbättringsområde and kommun that fulfils it, with the cell of its answer; a
/// förbättringsområde that nobody fulfils has one row saying so.
pub(super) fn att_lara_av(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Förbättringsområde nr", Number),
        ("Kod", Text),
        ("Indikator", Text),
        ("Urval", Text),
        ("Kommunkod", Text),
        ("Kommun eller stadsdel", Text),
        ("Svar", Text),
        ("Fil", Text),
        ("Blad", Text),
        ("Cell", Text),
    ]);
    for area in &report.areas {
        for (nr, learn) in area.learn_from.iter().enumerate() {
            let Some(line) = area.indicators.get(learn.line as usize) else {
                continue;
            };
            let lead = vec![
                Cell::text(area.name.clone()),
                year_cell(area.year),
                Cell::int(nr as i64 + 1),
                Cell::opt_text(line.code.clone()),
                Cell::text(line.name.clone()),
            ];
            if learn.units.is_empty() {
                let mut row = lead;
                row.push(Cell::text("ingen i jämförelsegruppen eller länet"));
                b.row(row);
                continue;
            }
            for unit in &learn.units {
                let mut row = lead.clone();
                row.extend([
                    Cell::text(learn.source_sv()),
                    Cell::text(unit.code.clone()),
                    Cell::text(unit.name.clone()),
                    Cell::text(unit.answer.label()),
                ]);
                match report.datasets.iter().find(|d| d.index == unit.dataset) {
                    Some(d) => {
                        row.extend([Cell::text(d.file.clone()), Cell::text(d.sheet.clone())])
                    }
                    None => row.extend([Cell::Empty, Cell::Empty]),
                }
                row.push(Cell::opt_text(unit.cell.clone()));
                b.row(row);
            }
        }
    }
}
