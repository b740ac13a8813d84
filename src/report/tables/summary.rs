//! The Sammanfattning and Kvalitetsområden (Kvalitetsdimensioner) tables: each area's score,
//! and each quality group's, with the totals pooled.

use crate::report::{QualityLine, Report};

use super::build::{
    peer_set_cells, placement_cells, score_cells, target_cells, year_cell, Builder, Number, Share,
    ShareOneDecimal, Text, ALL_AREAS, PLACEMENT_COLUMNS, SCORE_COLUMNS, TARGET_COLUMNS,
};
use super::Cell;

pub(super) fn sammanfattning(report: &Report, b: &mut Builder) {
    b.columns(&[("Verksamhetsområde", Text), ("År", Number)]);
    b.columns(SCORE_COLUMNS);
    b.columns(&[
        ("Föregående år", Number),
        ("Andel föregående år", Share),
        ("Jämförelsegrupp", Text),
        ("Källa för jämförelsegruppen", Text),
    ]);
    b.columns(PLACEMENT_COLUMNS);
    b.columns(&[
        ("Gruppens median", ShareOneDecimal),
        ("Gruppens lägsta", Share),
        ("Gruppens högsta", Share),
        ("Plats i riket", Number),
        ("Riket med uppgift", Number),
        ("Län", Text),
        ("Plats i länet", Number),
        ("Länet med uppgift", Number),
    ]);
    b.columns(TARGET_COLUMNS);
    for area in &report.areas {
        let mut row = vec![Cell::text(area.name.clone()), year_cell(area.year)];
        if !area.present {
            row.extend(vec![Cell::Empty; SCORE_COLUMNS.len() + 2]);
            row.extend(peer_set_cells(area));
            b.row(row);
            continue;
        }
        row.extend(score_cells(&area.total.score));
        match area.earlier.first() {
            Some(e) => {
                row.push(Cell::opt_int(e.year));
                row.push(Cell::share(e.score.share));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.extend(peer_set_cells(area));
        let peers = area.peers.as_ref();
        row.extend(placement_cells(peers.map(|p| &p.placement)));
        let spread = peers.and_then(|p| p.spread.as_ref());
        row.push(Cell::share(spread.map(|s| s.median)));
        row.push(Cell::share(spread.map(|s| s.min)));
        row.push(Cell::share(spread.map(|s| s.max)));
        match peers {
            Some(p) => {
                row.push(Cell::opt_int(p.riket.placement.rank));
                row.push(Cell::int(p.riket.placement.with_data));
                match &p.lan {
                    Some(l) => {
                        row.push(Cell::text(l.name.clone()));
                        row.push(Cell::opt_int(l.placement.rank));
                        row.push(Cell::int(l.placement.with_data));
                    }
                    None => row.extend(vec![Cell::Empty; 3]),
                }
            }
            None => row.extend(vec![Cell::Empty; 5]),
        }
        row.extend(target_cells(area.total_target.as_ref()));
        b.row(row);
    }
    if !report.areas.is_empty() {
        let mut row = vec![Cell::text(ALL_AREAS), Cell::Empty];
        row.extend(score_cells(&report.total.score));
        // The previous complete year's total, as the report text prints it.
        let previous = report
            .total_by_year
            .iter()
            .rev()
            .filter(|t| t.complete)
            .nth(1);
        match previous {
            Some(t) => {
                row.push(Cell::opt_int(t.year));
                row.push(Cell::share(t.score.share));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.extend(vec![Cell::Empty; 2 + 4 + 3 + 5]);
        row.extend(target_cells(report.total_target.as_ref()));
        b.row(row);
    }
}

pub(super) fn quality_row(area: &str, year: Cell, line: &QualityLine) -> Vec<Cell> {
    let mut row = vec![Cell::text(area), year, Cell::text(line.group.name.clone())];
    row.extend(score_cells(&line.figure.score));
    row.extend(placement_cells(line.placement.as_ref()));
    row.extend(target_cells(line.target.as_ref()));
    row
}

pub(super) fn kvalitetsomraden(report: &Report, b: &mut Builder) {
    b.columns(&[
        ("Verksamhetsområde", Text),
        ("År", Number),
        (report.grouping().column(), Text),
    ]);
    b.columns(SCORE_COLUMNS);
    b.columns(PLACEMENT_COLUMNS);
    b.columns(TARGET_COLUMNS);
    for area in &report.areas {
        if !area.present {
            b.row(vec![
                Cell::text(area.name.clone()),
                year_cell(area.year),
                Cell::text(format!("{} saknas i tabellen", report.unit.name)),
            ]);
            continue;
        }
        for line in &area.quality {
            b.row(quality_row(&area.name, year_cell(area.year), line));
        }
        let mut row = vec![
            Cell::text(area.name.clone()),
            year_cell(area.year),
            Cell::text("Totalt"),
        ];
        row.extend(score_cells(&area.total.score));
        row.extend(placement_cells(area.peers.as_ref().map(|p| &p.placement)));
        row.extend(target_cells(area.total_target.as_ref()));
        b.row(row);
    }
    if !report.areas.is_empty() {
        for line in &report.quality_totals {
            b.row(quality_row(ALL_AREAS, Cell::Empty, line));
        }
        let mut row = vec![Cell::text(ALL_AREAS), Cell::Empty, Cell::text("Totalt")];
        row.extend(score_cells(&report.total.score));
        row.extend(placement_cells(None));
        row.extend(target_cells(report.total_target.as_ref()));
        b.row(row);
    }
}
