//! The Jämförelse and Över tid tables: the kommun among its peers, and its years side by side.

use crate::report::Report;
use crate::score::Score;

use super::build::{
    score_cells, year_cell, Builder, Number, Share, Text, ALL_AREAS, SCORE_COLUMNS,
};
use super::Cell;

pub(super) fn jamforelse(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        ("Jämförelsegrupp", Text),
        ("Plats", Number),
        ("Kod", Text),
        ("Enhet", Text),
        ("Egen", Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[("Anmärkning", Text)]);
    for area in &report.areas {
        let Some(p) = &area.peers else {
            continue;
        };
        for r in &p.ranking {
            let mut row = vec![
                Cell::text(area.name.clone()),
                year_cell(area.year),
                Cell::text(p.set.name.clone()),
                Cell::opt_int(r.rank),
                Cell::text(r.code.clone()),
                Cell::text(r.name.clone()),
                Cell::text(if r.own { "egen" } else { "" }),
            ];
            match &r.score {
                Some(s) => {
                    row.extend(score_cells(s));
                    row.push(if s.denominator == 0 {
                        Cell::text("inga besvarade indikatorer")
                    } else {
                        Cell::Empty
                    });
                }
                None => {
                    row.extend(vec![Cell::Empty; SCORE_COLUMNS.len()]);
                    row.push(Cell::text("ingen rad i filen"));
                }
            }
            b.row(row);
        }
    }
}

pub(super) fn over_tid(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        (report.grouping_over_years().column(), Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[
        ("Uppfyllda, jämförbara", Number),
        ("Nämnare, jämförbara", Number),
        ("Andel uppfyllda, jämförbara", Share),
        ("Anmärkning", Text),
    ]);
    for area in &report.areas {
        let n_common = area.years.common.len();
        for point in &area.years.years {
            let mut note = if !point.present {
                format!("{} saknas i tabellen", report.unit.name)
            } else if area.years.years.len() > 1 {
                format!("jämförbara: de {n_common} indikatorer som finns alla år")
            } else {
                String::new()
            };
            if let Some(change) = area
                .years
                .grouping_changes
                .iter()
                .find(|c| c.to_year == point.year)
            {
                note.push_str(&format!("; {}", change.sentence()));
            }
            let common_cells = |score: Option<&Score>| match score {
                Some(s) => vec![
                    Cell::Count(s.uppfyllda),
                    Cell::int(s.denominator),
                    Cell::share(s.share),
                ],
                None => vec![Cell::Empty; 3],
            };
            let mut row = vec![
                Cell::text(area.name.clone()),
                year_cell(point.year),
                Cell::text("Totalt"),
            ];
            row.extend(score_cells(&point.full.total));
            row.extend(common_cells(Some(&point.common.total)));
            row.push(Cell::text(note));
            b.row(row);
            for (group, score) in &point.full.quality {
                let common = point
                    .common
                    .quality
                    .iter()
                    .find(|(g, _)| g.key == group.key)
                    .map(|(_, s)| s);
                let mut row = vec![
                    Cell::text(area.name.clone()),
                    year_cell(point.year),
                    Cell::text(group.name.clone()),
                ];
                row.extend(score_cells(score));
                row.extend(common_cells(common));
                b.row(row);
            }
        }
    }
    for total in &report.total_by_year {
        let mut row = vec![
            Cell::text(ALL_AREAS),
            year_cell(total.year),
            Cell::text("Totalt"),
        ];
        row.extend(score_cells(&total.score));
        row.extend(vec![Cell::Empty; 3]);
        let names: Vec<&str> = total.areas.iter().map(|a| a.name()).collect();
        row.push(Cell::text(if total.complete {
            format!("samma områden som senaste året: {}", names.join(", "))
        } else {
            format!(
                "andra områden än senaste året, jämför inte rakt av: {}",
                names.join(", ")
            )
        }));
        b.row(row);
    }
}
